"""Sync bookkeeping tables of a ledger database (the server shares ``sync_field_stamp``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class SyncFieldStamp(Base):
    """Per-field clock stamps of one record, kept only while its fields differ in age.

    A record without a row here has every field stamped with the record's ``hlc``.
    ``stamps`` is a JSON object: column name -> stamp.
    """

    __tablename__ = "sync_field_stamp"

    table_name: Mapped[str] = mapped_column(String(50), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    stamps: Mapped[str] = mapped_column(Text)


class SyncConflict(Base):
    """A local edit that lost to a newer edit made elsewhere, kept for the secretary to review."""

    __tablename__ = "sync_conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(50))
    local_value: Mapped[str] = mapped_column(Text)
    local_hlc: Mapped[str] = mapped_column(String(48))
    remote_value: Mapped[str] = mapped_column(Text)
    remote_hlc: Mapped[str] = mapped_column(String(48))
    package_id: Mapped[str] = mapped_column(String(36))
    detected_at: Mapped[datetime] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, default=None, index=True)
    resolution: Mapped[str | None] = mapped_column(String(10), default=None)


class SyncPackage(Base):
    """The sync history: every package written or applied here, with its counts and report."""

    __tablename__ = "sync_package"
    __table_args__ = (UniqueConstraint("package_id", "direction"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    package_id: Mapped[str] = mapped_column(String(36))
    direction: Mapped[str] = mapped_column(String(3))
    peer: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    processed_at: Mapped[datetime] = mapped_column(DateTime)
    change_count: Mapped[int] = mapped_column(Integer, default=0)
    first_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    counts: Mapped[str] = mapped_column(Text, default="{}")
    report: Mapped[str] = mapped_column(Text, default="{}")
    file_name: Mapped[str] = mapped_column(Text, default="")
