"""The city server as an ASGI application: :func:`create_app` builds it from its settings.

``community-ledger-server serve`` runs it under uvicorn; several workers (or another ASGI server)
import :func:`app_from_environment` as a factory, which reads the settings from ``LEDGER_*``.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy import select
from starlette.middleware.sessions import SessionMiddleware
from starlette.staticfiles import StaticFiles

from app import __version__
from server.api import errors, stats, sync
from server.api.limits import BodyLimit, MiB
from server.city import CityServer
from server.models import ServerState
from server.settings import ServerSettings
from server.web import pages

SESSION_SECRET_KEY = "session_secret"
# Everything but a push is small: a login, a notice, a pull's cursor.
SMALL_BODY = 1 * MiB
PUSH_PATH = "/api/v1/push"
STATIC = Path(__file__).with_name("web") / "static"


def session_secret(city: CityServer) -> str:
    """The secret that signs session cookies: made once, kept in the database, shared by every worker."""
    with city.session() as session:
        stored = session.scalar(select(ServerState.value).where(ServerState.key == SESSION_SECRET_KEY))
    if stored:
        return stored
    with city.writing(SESSION_SECRET_KEY) as session:
        stored = session.scalar(select(ServerState.value).where(ServerState.key == SESSION_SECRET_KEY))
        if stored:
            return stored
        made = secrets.token_urlsafe(48)
        session.add(ServerState(key=SESSION_SECRET_KEY, value=made))
    return made


def create_app(settings: ServerSettings, city: CityServer | None = None) -> FastAPI:
    """The application; it opens (and at shutdown closes) the city database unless ``city`` is given."""
    owned = city is None
    server = city or CityServer(settings.db_url, read_url=settings.read_db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if owned:
                server.close()

    app = FastAPI(title="Community Ledger city server", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.city = server
    errors.install(app)
    app.include_router(sync.router)
    app.include_router(stats.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    push_limit = settings.max_body_mb * MiB
    app.add_middleware(SessionMiddleware, secret_key=settings.session_secret or session_secret(server),
                       session_cookie="ledger_session", max_age=settings.session_hours * 3600,
                       same_site="lax", https_only=settings.cookie_secure)
    app.add_middleware(BodyLimit, limit_for=lambda path: push_limit if path == PUSH_PATH else SMALL_BODY)
    return app


def app_from_environment() -> FastAPI:
    """The factory uvicorn's workers call: the settings come from the environment."""
    return create_app(ServerSettings())  # type: ignore[call-arg]
