"""Which records a community sees: the query conditions every service and report shares.

A synced record belongs to one community (``community_id``) or to the city (:data:`CITY_SCOPE`:
organs, their cadres and notices, which every community receives and none may write); a deleted
record stays as a tombstone (``deleted_at``) so the deletion can travel.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

# The community id of records the city owns.
CITY_SCOPE = "city"


def live_in(model: Any, community_id: str | None) -> ColumnElement[bool]:
    """Live records of ``model`` that belong to ``community_id`` (to any community when ``None``)."""
    live: ColumnElement[bool] = model.deleted_at.is_(None)
    return live if community_id is None else (model.community_id == community_id) & live


def seen_by(model: Any, community_id: str) -> ColumnElement[bool]:
    """Live records of ``model`` the community sees: its own and the city's."""
    return model.community_id.in_((community_id, CITY_SCOPE)) & model.deleted_at.is_(None)
