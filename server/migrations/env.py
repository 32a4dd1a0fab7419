"""Alembic environment of the city server: runs on the connection handed over by ``server.migrate``."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection

from app.models.base import ScaledDecimal
from server.migrate import VERSION_TABLE
from server.models import server_metadata

target_metadata = server_metadata()


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Scaled decimals are plain integers in the database."""
    if type_ == "type" and isinstance(obj, ScaledDecimal):
        return "sa.Integer()"
    return False


def run() -> None:
    connection: Connection | None = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("server migrations run through server.migrate, which passes a connection")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        version_table=VERSION_TABLE,
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
