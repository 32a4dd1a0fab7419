"""What routes need, as FastAPI dependencies: the city server, the calling computer, the staff user.

Tests replace any of them with ``app.dependency_overrides``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from app.sync.errors import SyncError
from server.city import CityServer
from server.exchange import Caller, NetworkSync
from server.settings import ServerSettings
from server.staff import Staff, find_user

SESSION_USER = "user"


def get_city(request: Request) -> CityServer:
    city: CityServer = request.app.state.city
    return city


def get_settings(request: Request) -> ServerSettings:
    settings: ServerSettings = request.app.state.settings
    return settings


def get_sync(city: Annotated[CityServer, Depends(get_city)]) -> NetworkSync:
    return NetworkSync(city)


def node_caller(sync: Annotated[NetworkSync, Depends(get_sync)],
                authorization: Annotated[str | None, Header()] = None) -> Caller:
    """The computer whose node token the request carries (``Authorization: Bearer <token>``)."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise SyncError("unauthorized")
    return sync.caller(token.strip())


def current_staff(request: Request, city: Annotated[CityServer, Depends(get_city)]) -> Staff | None:
    """The staff user logged in on this browser, if any (looked up again on every request, so a
    removed account is logged out at once)."""
    username = request.session.get(SESSION_USER)
    return find_user(city, username) if isinstance(username, str) else None
