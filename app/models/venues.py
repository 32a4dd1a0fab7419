"""The community's venues (阵地): its activity centre with the rooms of the 10室2厅1市1站 layout,
the venues it shares in office buildings, markets and compounds, and venues of other owners opened
to party members and residents.

Both tables are synced records of the community, like the other ledgers.  Areas are whole square
metres.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncedRecord, refers_to


class VenueKind(StrEnum):
    CENTRE = "centre"  # 社区党群服务中心 (the main activity centre)
    SHARED = "shared"  # 共享阵地 in an office building, a market or a compound
    OPENED = "opened"  # another owner's venue opened to members and residents


class VenueSetting(StrEnum):
    """Where a shared venue is (the case: 商务楼宇、商圈市场、居民小区)."""

    OFFICE_BUILDING = "office_building"
    MARKET = "market"
    COMPOUND = "compound"
    OTHER = "other"


class RoomLayout(StrEnum):
    """The four parts of the 10室2厅1市1站 layout."""

    ROOM = "room"  # 室: 党员活动室, 会议室, 阅览室, 调解室, ...
    HALL = "hall"  # 厅: 多功能厅, 服务大厅
    SUPERMARKET = "supermarket"  # 市: 爱心超市
    STATION = "station"  # 站: 服务站


class Venue(SyncedRecord, Base):
    """A venue of the community: its area, who owns it and when it is open."""

    __tablename__ = "venue"

    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20), default=VenueKind.CENTRE.value, index=True)
    setting: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    owner: Mapped[str] = mapped_column(String(100), default="")
    compound_id: Mapped[str | None] = mapped_column(String(36), default=None, info=refers_to("compound"))
    area_m2: Mapped[int] = mapped_column(default=0)
    opening_hours: Mapped[str] = mapped_column(String(100), default="")
    contact: Mapped[str] = mapped_column(String(50), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class VenueRoom(SyncedRecord, Base):
    """One room, hall, supermarket or station of a venue."""

    __tablename__ = "venue_room"

    venue_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("venue"))
    name: Mapped[str] = mapped_column(String(100))
    layout: Mapped[str] = mapped_column(String(20), default=RoomLayout.ROOM.value)
    function: Mapped[str] = mapped_column(String(200), default="")
    area_m2: Mapped[int] = mapped_column(default=0)
    capacity: Mapped[int] = mapped_column(default=0)
    opening_hours: Mapped[str] = mapped_column(String(100), default="")
    sort_order: Mapped[int] = mapped_column(default=0)


VENUE_MODELS: tuple[type[SyncedRecord], ...] = (Venue, VenueRoom)
