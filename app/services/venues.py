"""Venues (阵地): the community's activity centre and its rooms, shared venues and opened venues.

The centre follows the 10室2厅1市1站 layout (ten rooms, two halls, one supermarket, one service
station); the ledger shows how far a centre has each part, its area, and whether it reaches the
1,000 m² the city counts.  A venue's area is its floor area as entered; its rooms together may not
be larger.  Meetings take their place from the rooms (``room_places``); a meeting in a room at a
time another meeting there overlaps is reported by :meth:`VenueService.room_clashes`, for the user to
decide.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.collation import by_pinyin, sort_key
from app.models import Compound
from app.models.ledgers import Meeting
from app.models.scope import live_in
from app.models.venues import RoomLayout, Venue, VenueKind, VenueRoom, VenueSetting
from app.services.counting import Stats, live_count, live_sum
from app.services.errors import FieldError, ValidationError
from app.services.fields import Field, Kind
from app.services.ledger_common import LedgerService, Values, validate

# The city's mark of a large centre (千平以上社区).
LARGE_CENTRE_M2 = 1000
# The standard layout: how many of each part a centre has (10室2厅1市1站).
STANDARD_LAYOUT: dict[str, int] = {
    RoomLayout.ROOM.value: 10,
    RoomLayout.HALL.value: 2,
    RoomLayout.SUPERMARKET.value: 1,
    RoomLayout.STATION.value: 1,
}
MAX_AREA_M2 = 100_000
MAX_CAPACITY = 10_000
# How long a meeting without an end time is taken to use its room.
ASSUMED_LENGTH = timedelta(hours=2)
# Between a room's venue and its name in a meeting's place: 党群服务中心·会议室.
PLACE_SEPARATOR = "·"

VENUE_FIELDS = (
    Field("name", required=True, max_len=100),
    Field("kind", Kind.CHOICE, required=True, choices=tuple(k.value for k in VenueKind),
          default=VenueKind.CENTRE.value),
    Field("setting", Kind.CHOICE, choices=tuple(s.value for s in VenueSetting)),
    Field("area_m2", Kind.INT, required=True, minimum=1, maximum=MAX_AREA_M2),
    Field("owner", max_len=100),
    Field("opening_hours", max_len=100),
    Field("address", max_len=200),
    Field("compound_id", Kind.REF, ref="compound"),
    Field("contact", max_len=50),
    Field("note", Kind.LONG_TEXT),
)

ROOM_FIELDS = (
    Field("venue_id", Kind.REF, required=True, ref="venue"),
    Field("name", required=True, max_len=100),
    Field("layout", Kind.CHOICE, required=True, choices=tuple(r.value for r in RoomLayout),
          default=RoomLayout.ROOM.value),
    Field("function", max_len=200),
    Field("area_m2", Kind.INT, required=True, minimum=1, maximum=MAX_AREA_M2),
    Field("capacity", Kind.INT, required=True, minimum=1, maximum=MAX_CAPACITY),
    Field("opening_hours", max_len=100),
)


def check_venue(values: Values) -> list[FieldError]:
    """A shared venue says where it is; a shared or opened venue says whose it is."""
    errors: list[FieldError] = []
    kind = values.get("kind")
    if kind == VenueKind.SHARED.value and not values.get("setting"):
        errors.append(FieldError("setting", "required_for_shared"))
    if kind in (VenueKind.SHARED.value, VenueKind.OPENED.value) and not values.get("owner"):
        errors.append(FieldError("owner", "required_for_other_owner"))
    if values.get("compound_id") and kind == VenueKind.SHARED.value \
            and values.get("setting") not in (VenueSetting.COMPOUND.value, None, ""):
        errors.append(FieldError("compound_id", "compound_only_in_compound"))
    return errors


def venue_stats(session: Session, community_id: str | None) -> Stats:
    """The venues' figures (a provider of :mod:`app.services.stats`): venues, their floor area,
    shared and opened venues, and communities whose centre reaches 1,000 m² (one at most here;
    the city server's sum counts the city's)."""
    large = select(func.count(func.distinct(Venue.community_id))).where(
        live_in(Venue, community_id), Venue.kind == VenueKind.CENTRE.value,
        Venue.area_m2 >= LARGE_CENTRE_M2)
    return {
        "venues": live_count(session, Venue, community_id),
        "venue_area_m2": live_sum(session, Venue.area_m2, Venue, community_id),
        "venue_rooms": live_count(session, VenueRoom, community_id),
        "shared_venues": live_count(session, Venue, community_id, Venue.kind == VenueKind.SHARED.value),
        "open_venues": live_count(session, Venue, community_id, Venue.kind == VenueKind.OPENED.value),
        "centres_1000m2": int(session.scalar(large) or 0),
    }


VENUE_LABELS: dict[str, str] = {
    "venues": "阵地",
    "venue_area_m2": "阵地面积（平方米）",
    "venue_rooms": "阵地功能室",
    "shared_venues": "共享阵地",
    "open_venues": "开放阵地",
    "centres_1000m2": "千平以上社区",
}


def place_of(venue_name: str, room_name: str) -> str:
    """The place a meeting in this room is held at, as printed on its sign-in sheet."""
    return f"{venue_name}{PLACE_SEPARATOR}{room_name}"


@dataclass(frozen=True)
class RoomView:
    id: str
    venue_id: str
    name: str
    layout: str
    function: str
    area_m2: int
    capacity: int
    opening_hours: str


@dataclass(frozen=True)
class VenueView:
    id: str
    name: str
    kind: str
    setting: str
    address: str
    owner: str
    compound_name: str
    area_m2: int
    opening_hours: str
    contact: str
    note: str
    rooms: tuple[RoomView, ...]

    @property
    def rooms_area_m2(self) -> int:
        return sum(r.area_m2 for r in self.rooms)

    @property
    def capacity(self) -> int:
        return sum(r.capacity for r in self.rooms)

    @property
    def large(self) -> bool:
        """Whether the venue reaches the city's 1,000 m²."""
        return self.area_m2 >= LARGE_CENTRE_M2

    def layout_counts(self) -> dict[str, int]:
        """Rooms of each part of the standard layout (every part listed, zero where none)."""
        counted = Counter(r.layout for r in self.rooms)
        return {part: counted.get(part, 0) for part in STANDARD_LAYOUT}

    def layout_complete(self) -> bool:
        counts = self.layout_counts()
        return all(counts[part] >= wanted for part, wanted in STANDARD_LAYOUT.items())


@dataclass(frozen=True)
class Clash:
    """Another meeting in the same room at an overlapping time."""

    meeting_id: str
    topic: str
    place: str
    starts_at: datetime
    ends_at: datetime


class VenueService(LedgerService):

    # --- venues ---------------------------------------------------------------------

    def create_venue(self, values: Values) -> str:
        cleaned = self._clean_venue(values)
        with self.db.session() as session:
            self._check_venue_refs(session, cleaned)
            return self.add(session, Venue(**cleaned))

    def update_venue(self, venue_id: str, values: Values) -> Values:
        cleaned = self._clean_venue(values)
        with self.db.session() as session:
            venue = self.load(session, Venue, venue_id, "venue")
            self._check_venue_refs(session, cleaned)
            rooms = self._rooms_area(session, venue_id)
            if cleaned["area_m2"] < rooms:
                raise ValidationError([FieldError("area_m2", "smaller_than_rooms", {"rooms": rooms})])
            return self.change(session, venue, cleaned)

    def delete_venue(self, venue_id: str) -> None:
        """Delete a venue with its rooms (one step: undo brings both back)."""
        with self.db.session() as session:
            venue = self.load(session, Venue, venue_id, "venue")
            self.delete_children(session, VenueRoom, "venue_id", venue_id)
            self.log(session).deleted(venue)

    def get_venue(self, venue_id: str) -> Values:
        with self.db.session() as session:
            venue = self.load(session, Venue, venue_id, "venue")
            values = {f.name: getattr(venue, f.name) for f in VENUE_FIELDS}
            values["id"] = venue.id
            return values

    # --- rooms ----------------------------------------------------------------------

    def add_room(self, values: Values) -> str:
        cleaned = validate(ROOM_FIELDS, values)
        with self.db.session() as session:
            venue = self._venue(session, cleaned["venue_id"])
            self._check_room(session, venue, cleaned)
            order = session.scalar(select(func.max(VenueRoom.sort_order)).where(
                self.live(VenueRoom), VenueRoom.venue_id == venue.id)) or 0
            return self.add(session, VenueRoom(**cleaned, sort_order=int(order) + 1))

    def update_room(self, room_id: str, values: Values) -> Values:
        cleaned = validate(ROOM_FIELDS, values)
        with self.db.session() as session:
            room = self.load(session, VenueRoom, room_id, "venue_room")
            venue = self._venue(session, cleaned["venue_id"])
            self._check_room(session, venue, cleaned, skip=room_id)
            return self.change(session, room, cleaned)

    def delete_room(self, room_id: str) -> None:
        with self.db.session() as session:
            room = self.load(session, VenueRoom, room_id, "venue_room")
            self.log(session).deleted(room)

    def get_room(self, room_id: str) -> Values:
        with self.db.session() as session:
            room = self.load(session, VenueRoom, room_id, "venue_room")
            values = {f.name: getattr(room, f.name) for f in ROOM_FIELDS}
            values["id"] = room.id
            return values

    # --- reading --------------------------------------------------------------------

    def venues(self) -> list[VenueView]:
        """Every venue with its rooms: the centres first, then shared, then opened venues."""
        order = {k.value: i for i, k in enumerate(VenueKind)}
        with self.db.session() as session:
            rows = session.execute(
                select(Venue, Compound.name).outerjoin(
                    Compound, (Compound.id == Venue.compound_id) & Compound.deleted_at.is_(None))
                .where(self.live(Venue))).all()
            rooms: dict[str, list[RoomView]] = {}
            for r in session.scalars(select(VenueRoom).where(self.live(VenueRoom))
                                     .order_by(VenueRoom.sort_order, by_pinyin(VenueRoom.name))):
                rooms.setdefault(r.venue_id, []).append(RoomView(
                    r.id, r.venue_id, r.name, r.layout, r.function, r.area_m2, r.capacity, r.opening_hours))
        views = [VenueView(v.id, v.name, v.kind, v.setting, v.address, v.owner, compound or "", v.area_m2,
                           v.opening_hours, v.contact, v.note, tuple(rooms.get(v.id, ())))
                 for v, compound in rows]
        return sorted(views, key=lambda v: (order.get(v.kind, 99), sort_key(v.name)))

    def room_places(self) -> list[str]:
        """The places a meeting can be held at: each room as 场所·房间, in the ledger's order."""
        return [place_of(v.name, r.name) for v in self.venues() for r in v.rooms]

    def room_clashes(self, place: str, starts_at: datetime, ends_at: datetime | None,
                     exclude_id: str | None = None) -> list[Clash]:
        """Other meetings in the room ``place`` names whose time overlaps this one's.

        Only a place that names one of the rooms is checked: two meetings "入户走访" at the same
        time do not share a room.  A meeting without an end time is taken to last
        :data:`ASSUMED_LENGTH`.
        """
        place = (place or "").strip()
        if not place or place not in set(self.room_places()):
            return []
        ends = ends_at or starts_at + ASSUMED_LENGTH
        with self.db.session() as session:
            # A meeting overlapping this one starts before it ends, so only those need a look.
            candidates = session.execute(
                select(Meeting.id, Meeting.topic, Meeting.place, Meeting.starts_at, Meeting.ends_at)
                .where(self.live(Meeting), Meeting.place == place, Meeting.starts_at < ends,
                       Meeting.starts_at > starts_at - timedelta(days=2))
                .order_by(Meeting.starts_at)).all()
        clashes: list[Clash] = []
        for meeting_id, topic, where, other_start, other_end in candidates:
            if meeting_id == exclude_id:
                continue
            other_end = other_end or other_start + ASSUMED_LENGTH
            if other_start < ends and starts_at < other_end:
                clashes.append(Clash(meeting_id, topic, where, other_start, other_end))
        return clashes

    # --- helpers --------------------------------------------------------------------

    def _clean_venue(self, values: Values) -> Values:
        errors: list[FieldError] = []
        try:
            cleaned = validate(VENUE_FIELDS, values)
        except ValidationError as exc:
            errors.extend(exc.errors)
            cleaned = {}
        if not errors:
            errors.extend(check_venue(cleaned))
        if errors:
            raise ValidationError(errors)
        return cleaned

    def _check_venue_refs(self, session: Session, cleaned: Values) -> None:
        self.check_ref(session, Compound, cleaned.get("compound_id"), "compound_id")

    def _venue(self, session: Session, venue_id: str) -> Venue:
        venue = session.get(Venue, venue_id)
        if venue is None or venue.deleted_at is not None or venue.community_id != self.community_id:
            raise ValidationError([FieldError("venue_id", "ref_missing")])
        return venue

    def _rooms_area(self, session: Session, venue_id: str, skip: str | None = None) -> int:
        stmt = select(func.coalesce(func.sum(VenueRoom.area_m2), 0)).where(
            self.live(VenueRoom), VenueRoom.venue_id == venue_id)
        if skip is not None:
            stmt = stmt.where(VenueRoom.id != skip)
        return int(session.scalar(stmt) or 0)

    def _check_room(self, session: Session, venue: Venue, cleaned: Values, skip: str | None = None) -> None:
        """A room's name is unique in its venue; the rooms together fit in the venue's area."""
        same = select(func.count()).select_from(VenueRoom).where(
            self.live(VenueRoom), VenueRoom.venue_id == venue.id, VenueRoom.name == cleaned["name"])
        if skip is not None:
            same = same.where(VenueRoom.id != skip)
        if session.scalar(same):
            raise ValidationError([FieldError("name", "duplicate")])
        others = self._rooms_area(session, venue.id, skip)
        if others + cleaned["area_m2"] > venue.area_m2:
            raise ValidationError([FieldError("area_m2", "rooms_exceed_venue", {
                "venue": venue.name, "area": venue.area_m2, "free": max(venue.area_m2 - others, 0)})])
