"""Month approval (上报与审核) in the app: hand a month's ledgers up, ask for an approved month to
be unlocked, and see where each month stands.  The decisions come from the city server by sync;
an approved month refuses edits to its records (:mod:`app.sync.locks`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.approval import COMMUNITY_MOVES, MonthState, MonthSubmission, submission_id
from app.services.counting import Stats, live_count
from app.services.errors import DomainError, FieldError, ValidationError
from app.services.ledger_common import LedgerService

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
NOTE_MAX = 500
NAME_MAX = 50


@dataclass(frozen=True)
class MonthStatus:
    id: str
    month: str
    state: str
    note: str
    submitted_by: str
    submitted_at: datetime | None
    comment: str
    decided_by: str
    decided_at: datetime | None


def _status(s: MonthSubmission) -> MonthStatus:
    return MonthStatus(s.id, s.month, s.state, s.note, s.submitted_by, s.submitted_at, s.comment,
                       s.decided_by, s.decided_at)


class ApprovalService(LedgerService):
    def months(self) -> list[MonthStatus]:
        """Every month this community has handed up, the newest first."""
        with Session(self.db.engine, expire_on_commit=False) as session:
            rows = session.scalars(select(MonthSubmission).where(self.live(MonthSubmission))
                                   .order_by(MonthSubmission.month.desc()))
            return [_status(s) for s in rows]

    def submit(self, month: str, by: str, note: str = "") -> MonthStatus:
        """Hand ``month`` (``YYYY-MM``) up for approval (上报); again after it was returned or unlocked."""
        return self._move(month, MonthState.SUBMITTED.value, by, note)

    def request_unlock(self, month: str, by: str, note: str) -> MonthStatus:
        """Ask the staff to unlock an approved month; the reason is required."""
        if not note.strip():
            raise ValidationError([FieldError("note", "required")])
        return self._move(month, MonthState.UNLOCK_REQUESTED.value, by, note)

    def _move(self, month: str, state: str, by: str, note: str) -> MonthStatus:
        month, by, note = month.strip(), by.strip(), note.strip()
        errors = []
        if not MONTH_RE.match(month):
            errors.append(FieldError("month", "bad_month"))
        elif month > self.today().strftime("%Y-%m"):
            errors.append(FieldError("month", "month_future"))
        if not by:
            errors.append(FieldError("submitted_by", "required"))
        elif len(by) > NAME_MAX:
            errors.append(FieldError("submitted_by", "too_long", {"max": NAME_MAX}))
        if len(note) > NOTE_MAX:
            errors.append(FieldError("note", "too_long", {"max": NOTE_MAX}))
        if errors:
            raise ValidationError(errors)
        with Session(self.db.engine, expire_on_commit=False) as session, session.begin():
            record_id = submission_id(self.community_id, month)
            obj = session.get(MonthSubmission, record_id)
            current = "" if obj is None or obj.deleted_at is not None else obj.state
            if state not in COMMUNITY_MOVES.get(current, frozenset()):
                if state == MonthState.SUBMITTED.value:
                    assert obj is not None
                    raise DomainError("month_locked", month=month, decided_by=obj.decided_by or "-")
                raise DomainError("month_not_approved", month=month)
            values = {"state": state, "note": note, "submitted_by": by, "submitted_at": self.now()}
            if obj is None:
                obj = MonthSubmission(id=record_id, month=month, **values)
                self.add(session, obj)
            else:
                self.change(session, obj, values)
            return _status(obj)


def approval_stats(session: Session, community_id: str | None) -> Stats:
    """Months approved (a provider of :mod:`app.services.stats`)."""
    return {"months_approved": live_count(session, MonthSubmission, community_id,
                                          MonthSubmission.state == MonthState.APPROVED.value)}


APPROVAL_LABELS: dict[str, str] = {"months_approved": "审核通过月份"}

__all__ = ["APPROVAL_LABELS", "ApprovalService", "MonthStatus", "approval_stats"]
