"""Notices (通知公告) the district and city offices publish to communities.

A notice is a record the city owns (``community_id`` is :data:`app.models.scope.CITY_SCOPE`): the
city server writes it and sends it only to the communities it is meant for, none may write it.
Whether it has been read is this computer's own business (:class:`NoticeRead`, never synced).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncedRecord


class NoticeTarget(StrEnum):
    CITY = "city"
    DISTRICT = "district"
    STREET = "street"


class Notice(SyncedRecord, Base):
    __tablename__ = "notice"

    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    attachment_name: Mapped[str] = mapped_column(String(200), default="")
    # Who it is for: the whole city, one district, or one street of a district.
    target: Mapped[str] = mapped_column(String(10), default=NoticeTarget.CITY.value)
    target_district: Mapped[str] = mapped_column(String(100), default="")
    target_street: Mapped[str] = mapped_column(String(100), default="")
    published_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    publisher: Mapped[str] = mapped_column(String(100), default="")


class NoticeRead(Base):
    """A notice read on this computer (local only: each computer keeps its own marks)."""

    __tablename__ = "notice_read"

    notice_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    read_at: Mapped[datetime] = mapped_column(DateTime)
