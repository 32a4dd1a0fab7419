"""Month approval on the city server: the months communities have handed up, and the staff's
decisions on them (approve, return with a comment, unlock), which reach the community by sync.

A district user decides only for the communities of their district.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.approval import STAFF_DECISIONS, MonthState, MonthSubmission
from server.city import CityServer
from server.models import EnrolledCommunity

COMMENT_MAX = 2000
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%f"
# The states a staff member has something to do about, first on the page.
WAITING = (MonthState.SUBMITTED.value, MonthState.UNLOCK_REQUESTED.value)


class ApprovalError(Exception):
    """A decision that cannot be made as asked; ``code`` says why, nothing was written."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class SubmissionView:
    id: str
    community_id: str
    code: str
    name: str
    district: str
    street: str
    month: str
    state: str
    note: str
    submitted_by: str
    submitted_at: datetime | None
    comment: str
    decided_by: str
    decided_at: datetime | None


def submissions(server: CityServer, only_district: str | None = None) -> list[SubmissionView]:
    """Every community's submitted months (waiting ones first, then the newest months)."""
    with Session(server.read_engine) as session:
        stmt = (select(MonthSubmission, EnrolledCommunity)
                .join(EnrolledCommunity, EnrolledCommunity.community_id == MonthSubmission.community_id)
                .where(MonthSubmission.deleted_at.is_(None)))
        if only_district is not None:
            stmt = stmt.where(EnrolledCommunity.district == only_district)
        rows = [SubmissionView(s.id, s.community_id, c.code, c.name, c.district, c.street, s.month, s.state,
                               s.note, s.submitted_by, s.submitted_at, s.comment, s.decided_by, s.decided_at)
                for s, c in session.execute(stmt)]
    rows.sort(key=lambda v: (v.state not in WAITING, _reverse(v.month), v.code))
    return rows


def _reverse(month: str) -> str:
    return "".join(chr(0x10FFFF - ord(ch)) for ch in month)


def decide(server: CityServer, submission: str, decision: str, *, by: str, comment: str = "",
           only_district: str | None = None, now: datetime | None = None) -> None:
    """Approve, return or unlock a community's month (``decision`` one of the :class:`MonthState`
    values staff decide); returning needs a comment."""
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        raise ApprovalError("comment_too_long", max=COMMENT_MAX)
    if decision == MonthState.RETURNED.value and not comment:
        raise ApprovalError("comment_required")
    with server.session() as session:
        found = session.execute(
            select(MonthSubmission, EnrolledCommunity.district)
            .join(EnrolledCommunity, EnrolledCommunity.community_id == MonthSubmission.community_id)
            .where(MonthSubmission.id == submission, MonthSubmission.deleted_at.is_(None))).first()
        if found is None:
            raise ApprovalError("no_submission")
        record, district = found
        community_id, month, state = record.community_id, record.month, record.state
    if only_district is not None and district != only_district:
        raise ApprovalError("other_district", district=only_district)
    if decision not in STAFF_DECISIONS.get(state, frozenset()):
        raise ApprovalError("not_allowed", state=state, decision=decision)
    fields = {"state": decision, "comment": comment, "decided_by": by,
              "decided_at": (now or datetime.now()).strftime(TIME_FORMAT), "month": month,
              "community_id": community_id}
    server.put_community_record(MonthSubmission.__tablename__, submission, community_id, fields,
                                expect={"state": state})


def approved_months(server: CityServer) -> dict[str, int]:
    """Community id -> how many of its months are approved."""
    counts: dict[str, int] = {}
    with Session(server.read_engine) as session:
        for community_id in session.scalars(select(MonthSubmission.community_id).where(
                MonthSubmission.deleted_at.is_(None),
                MonthSubmission.state == MonthState.APPROVED.value)):
            counts[community_id] = counts.get(community_id, 0) + 1
    return counts
