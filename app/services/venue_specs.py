"""How venues and their rooms are listed (columns, joins, filters); both are written through
:class:`app.services.venues.VenueService`, which keeps the rooms inside their venue's area."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select

from app.models.venues import Venue, VenueRoom
from app.services.fields import Kind
from app.services.listing import ListColumn
from app.services.registry_specs import EntitySpec
from app.services.venues import ROOM_FIELDS, VENUE_FIELDS


def _rooms(expr: Any) -> Any:
    return (select(expr).where(VenueRoom.venue_id == Venue.id, VenueRoom.deleted_at.is_(None))
            .correlate(Venue).scalar_subquery())


def _venue_columns() -> list[ListColumn]:
    return [
        ListColumn("name", Venue.name, searchable=True),
        ListColumn("kind", Venue.kind, Kind.CHOICE),
        ListColumn("setting", Venue.setting, Kind.CHOICE),
        ListColumn("area_m2", Venue.area_m2, Kind.INT),
        ListColumn("room_count", _rooms(func.count()), Kind.INT),
        ListColumn("rooms_area_m2", _rooms(func.coalesce(func.sum(VenueRoom.area_m2), 0)), Kind.INT),
        ListColumn("owner", Venue.owner, searchable=True),
        ListColumn("opening_hours", Venue.opening_hours, searchable=True),
        ListColumn("address", Venue.address, searchable=True),
    ]


def _room_columns() -> list[ListColumn]:
    return [
        ListColumn("venue", Venue.name, searchable=True),
        ListColumn("name", VenueRoom.name, searchable=True),
        ListColumn("layout", VenueRoom.layout, Kind.CHOICE),
        ListColumn("function", VenueRoom.function, searchable=True),
        ListColumn("area_m2", VenueRoom.area_m2, Kind.INT),
        ListColumn("capacity", VenueRoom.capacity, Kind.INT),
        ListColumn("opening_hours", VenueRoom.opening_hours, searchable=True),
    ]


def _room_joins(s: Select[Any]) -> Select[Any]:
    return s.select_from(VenueRoom).outerjoin(Venue, Venue.id == VenueRoom.venue_id)


VENUE_KINDS: tuple[EntitySpec, ...] = (
    EntitySpec(
        kind="venue", model=Venue, fields=VENUE_FIELDS, columns=_venue_columns,
        filters=lambda: {"kind": Venue.kind, "setting": Venue.setting},
        writable=False,
    ),
    EntitySpec(
        kind="venue_room", model=VenueRoom, fields=ROOM_FIELDS, columns=_room_columns, joins=_room_joins,
        filters=lambda: {"venue_id": VenueRoom.venue_id, "layout": VenueRoom.layout},
        writable=False,
    ),
)
