"""Alembic environment: runs on the engine handed over by ``app.db.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

import app.models
from app.db.engine import make_engine
from app.models.base import ScaledDecimal

target_metadata = app.models.Base.metadata


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Scaled decimals are plain integers in the database."""
    if type_ == "type" and isinstance(obj, ScaledDecimal):
        return "sa.Integer()"
    return False


def run() -> None:
    engine: Engine | None = context.config.attributes.get("engine")
    if engine is None:
        url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///ledger-dev.sqlite"
        engine = make_engine(url.removeprefix("sqlite:///"))
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
            render_item=render_item,
        )
        with context.begin_transaction():
            context.run_migrations()


run()
