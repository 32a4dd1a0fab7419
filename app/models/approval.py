"""Month approval (上报与审核): a community submits a month's ledgers, street or district staff
approve or return them on the city server, and an approved month is locked.

One :class:`MonthSubmission` per community and month, under an id both sides derive
(:func:`submission_id`), so a submission made on either of a community's computers and the
decision made on the server are one record.  Who writes what: the community writes the request
(:data:`COMMUNITY_FIELDS`, with ``state`` only :data:`COMMUNITY_STATES`), the server the decision
(``comment``, ``decided_by``, ``decided_at`` and the other states); the sync checks enforce it.

:data:`LEDGER_DATES` lists, in one place, the date that puts a record of each ledger into a month.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncedRecord


class MonthState(StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    UNLOCK_REQUESTED = "unlock_requested"
    UNLOCKED = "unlocked"


# A month in these states refuses edits to its records: approved, and approved with an unlock asked for.
LOCKING_STATES = frozenset({MonthState.APPROVED.value, MonthState.UNLOCK_REQUESTED.value})
# The states a community may set; the others are the staff's decisions.
COMMUNITY_STATES = frozenset({MonthState.SUBMITTED.value, MonthState.UNLOCK_REQUESTED.value})
# The states staff may decide from each state.
STAFF_DECISIONS: dict[str, frozenset[str]] = {
    MonthState.SUBMITTED.value: frozenset({MonthState.APPROVED.value, MonthState.RETURNED.value}),
    MonthState.UNLOCK_REQUESTED.value: frozenset({MonthState.UNLOCKED.value}),
    MonthState.APPROVED.value: frozenset({MonthState.UNLOCKED.value}),
}
# The states a community may move to from each state (a month never submitted counts as "").
COMMUNITY_MOVES: dict[str, frozenset[str]] = {
    "": frozenset({MonthState.SUBMITTED.value}),
    MonthState.SUBMITTED.value: frozenset({MonthState.SUBMITTED.value}),
    MonthState.RETURNED.value: frozenset({MonthState.SUBMITTED.value}),
    MonthState.UNLOCKED.value: frozenset({MonthState.SUBMITTED.value}),
    MonthState.APPROVED.value: frozenset({MonthState.UNLOCK_REQUESTED.value}),
    MonthState.UNLOCK_REQUESTED.value: frozenset({MonthState.UNLOCK_REQUESTED.value}),
}


class MonthSubmission(SyncedRecord, Base):
    """A community's month of ledgers handed up for approval, and the decision on it."""

    __tablename__ = "month_submission"

    month: Mapped[str] = mapped_column(String(7), index=True)
    state: Mapped[str] = mapped_column(String(20), default=MonthState.SUBMITTED.value)
    # The community's side: who handed it up (or asked for the unlock), when, and why.
    note: Mapped[str] = mapped_column(Text, default="")
    submitted_by: Mapped[str] = mapped_column(String(50), default="")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    # The staff's side.
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


# The fields a community's change may set; the rest are the staff's.
COMMUNITY_FIELDS = frozenset({"id", "community_id", "created_at", "month", "state", "note", "submitted_by",
                              "submitted_at"})
STAFF_FIELDS = frozenset({"comment", "decided_by", "decided_at", "deleted_at"})

_NAMESPACE = uuid.UUID("6d1f4c1e-0b9a-4e55-9a53-3f3c8f1d2a70")


def submission_id(community_id: str, month: str) -> str:
    """The id of a community's submission of ``month`` (``YYYY-MM``), the same on every computer."""
    return str(uuid.uuid5(_NAMESPACE, f"{community_id}/{month}"))


@dataclass(frozen=True)
class DateRule:
    """Where a ledger record's month comes from: its own ``column``, or (``via`` set) the column of
    the record of table ``parent`` whose id ``via`` holds."""

    column: str
    via: str | None = None
    parent: str | None = None


# Table -> the date that places its records in a month.  A record with no such date (a nullable
# one left empty) is in no month and never locked.
LEDGER_DATES: dict[str, DateRule] = {
    "meeting": DateRule("starts_at"),
    "meeting_attendee": DateRule("starts_at", via="meeting_id", parent="meeting"),
    "meeting_attachment": DateRule("starts_at", via="meeting_id", parent="meeting"),
    "appeal": DateRule("received_at"),
    "appeal_event": DateRule("at"),
    "project_milestone": DateRule("due_date"),
    "project_evaluation": DateRule("evaluated_on"),
    "workday_visit": DateRule("month"),
    "calendar_day": DateRule("day"),
    "guarantee_task": DateRule("done_on"),
    "fund_entry": DateRule("entry_date"),
    "training_record": DateRule("trained_on"),
}


def month_of(value: Any) -> str | None:
    """``YYYY-MM`` of a date, a date-time or a month text; None for no date."""
    if value is None or value == "":
        return None
    if isinstance(value, date | datetime):
        return f"{value.year:04d}-{value.month:02d}"
    text = str(value)
    return text[:7] if len(text) >= 7 else None
