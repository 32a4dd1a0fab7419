"""The city's livelihood projects (民生实事) and each community's part in them.

The city publishes its ten projects of a year (:class:`LivelihoodProject`, a record the city owns:
``community_id`` is :data:`app.models.scope.CITY_SCOPE`; the city server writes it, every community
receives it by sync and none may write it).  A community records its part of a project
(:class:`LivelihoodPart`, its own synced record): what it did, the residents who benefited, the
funds (in fen), its progress by month (:class:`LivelihoodProgress`) and the appeals and secretary
projects it counts as the livelihood problems the part solved (:class:`LivelihoodLink`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncedRecord, refers_to


class LivelihoodProject(SyncedRecord, Base):
    """One of the city's livelihood projects of a year (owned by the city)."""

    __tablename__ = "livelihood_project"

    year: Mapped[int] = mapped_column(index=True)
    # Its place in the year's list (1 to 10 in the city's usual list).
    number: Mapped[int] = mapped_column()
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # The city department that leads it (牵头单位).
    lead_unit: Mapped[str] = mapped_column(String(100), default="")
    published_at: Mapped[datetime] = mapped_column(DateTime)
    publisher: Mapped[str] = mapped_column(String(100), default="")


class LivelihoodPart(SyncedRecord, Base):
    """A community's part of one city project."""

    __tablename__ = "livelihood_part"

    project_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("livelihood_project"))
    work: Mapped[str] = mapped_column(Text, default="")
    beneficiaries: Mapped[int] = mapped_column(default=0)
    funds_fen: Mapped[int] = mapped_column(default=0)


class LivelihoodProgress(SyncedRecord, Base):
    """How far a community's part had come in one month."""

    __tablename__ = "livelihood_progress"

    part_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("livelihood_part"))
    # The month, "YYYY-MM".
    month: Mapped[str] = mapped_column(String(7))
    percent: Mapped[int | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(String(500), default="")


class LivelihoodLink(SyncedRecord, Base):
    """An appeal or a secretary project of the community counted under its part of a project."""

    __tablename__ = "livelihood_link"

    part_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("livelihood_part"))
    appeal_id: Mapped[str | None] = mapped_column(String(36), default=None, info=refers_to("appeal"))
    secretary_project_id: Mapped[str | None] = mapped_column(String(36), default=None,
                                                             info=refers_to("secretary_project"))


LIVELIHOOD_MODELS: tuple[type[SyncedRecord], ...] = (
    LivelihoodProject, LivelihoodPart, LivelihoodProgress, LivelihoodLink)
