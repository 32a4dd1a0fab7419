"""Counting live records (not tombstones) of one community, or of the whole database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.models import SyncedRecord
from app.models.scope import live_in

# A provider's figures: keys in snake_case English; ints (counts, fen) or floats (rates, 0 to 1).
Stats = dict[str, int | float]


def live_count(session: Session, model: type[SyncedRecord], community_id: str | None,
               *where: ColumnElement[bool]) -> int:
    """Live records of ``model`` in the community (or everywhere) matching ``where``."""
    m: Any = model
    stmt = select(func.count()).select_from(m).where(live_in(m, community_id), *where)
    return int(session.scalar(stmt) or 0)


def live_sum(session: Session, column: Any, model: type[SyncedRecord], community_id: str | None,
             *where: ColumnElement[bool]) -> int:
    """Sum of an integer ``column`` over live records of ``model``."""
    m: Any = model
    stmt = select(func.coalesce(func.sum(column), 0)).select_from(m).where(live_in(m, community_id), *where)
    return int(session.scalar(stmt) or 0)
