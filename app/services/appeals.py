"""Residents' appeals (民生诉求): receive, dispatch, handle, supervise, return visit (接、分、办、督、访).

The workflow is a state machine; every step checks that it is allowed in the appeal's
current state, changes the appeal and appends an :class:`AppealEvent` in one transaction.

    received --dispatch--> dispatched --accept--> handling --close--> closed
    closed --visit--> visited --archive--> archived
    dispatched --return--> returned --dispatch--> dispatched
    closed --visit(dissatisfied)--> handling (reopened)

In ``handling``: notes, an extension request before the deadline and its decision.  In
``dispatched`` and ``handling``: reminders and, once overdue long enough, escalation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Building, Compound, PartyGroup, PropertyCompany, ResidentUnit, SyncedRecord
from app.models.ledgers import (
    Appeal,
    AppealCategory,
    AppealChannel,
    AppealEvent,
    AppealState,
    AppealUrgency,
    AssigneeKind,
    VisitResult,
)
from app.services.errors import DomainError, FieldError, ValidationError
from app.services.fields import Field, Kind
from app.services.ledger_common import LedgerService, Values, rate, validate
from app.services.workdays import CalendarService, WorkCalendar

S = AppealState

# Step name -> states it may start from.
STEPS: dict[str, frozenset[str]] = {
    "dispatch": frozenset({S.RECEIVED, S.RETURNED}),
    "return": frozenset({S.DISPATCHED}),
    "accept": frozenset({S.DISPATCHED}),
    "note": frozenset({S.HANDLING}),
    "request_extension": frozenset({S.HANDLING}),
    "decide_extension": frozenset({S.HANDLING}),
    "remind": frozenset({S.DISPATCHED, S.HANDLING}),
    "escalate": frozenset({S.DISPATCHED, S.HANDLING}),
    "close": frozenset({S.HANDLING}),
    "visit": frozenset({S.CLOSED}),
    "archive": frozenset({S.VISITED}),
}

OPEN_STATES = (S.DISPATCHED.value, S.HANDLING.value)
RESOLVED_STATES = (S.CLOSED.value, S.VISITED.value, S.ARCHIVED.value)

_ASSIGNEE_MODELS: dict[str, type[SyncedRecord]] = {
    AssigneeKind.PARTY_GROUP.value: PartyGroup,
    AssigneeKind.RESIDENT_UNIT.value: ResidentUnit,
    AssigneeKind.PROPERTY_COMPANY.value: PropertyCompany,
}


def _choices(e: Any) -> tuple[str, ...]:
    return tuple(m.value for m in e)


RECEIVE_FIELDS = (
    Field("channel", Kind.CHOICE, required=True, choices=_choices(AppealChannel),
          default=AppealChannel.HOTLINE.value),
    Field("received_at", Kind.DATETIME),  # now, when not given
    Field("resident_name", max_len=50),
    Field("resident_phone", Kind.PHONE),
    Field("address", max_len=200),
    Field("compound_id", Kind.REF, ref="compound"),
    Field("building_id", Kind.REF, ref="building"),
    Field("category", Kind.CHOICE, required=True, choices=_choices(AppealCategory)),
    Field("urgency", Kind.CHOICE, required=True, choices=_choices(AppealUrgency),
          default=AppealUrgency.NORMAL.value),
    Field("content", Kind.LONG_TEXT, required=True),
)


# What can be corrected after receipt: a name, number or address taken down wrong, a wrong
# category. The receipt time and the workflow's own fields are not among them.
CORRECTABLE = ("channel", "resident_name", "resident_phone", "address", "compound_id", "building_id",
               "category", "urgency", "content")
CORRECT_FIELDS = tuple(f for f in RECEIVE_FIELDS if f.name in CORRECTABLE)
# Fields whose old and new values the trail does not repeat (personal data).
UNREPEATED = ("resident_phone",)


def correction_note(changes: dict[str, tuple[Any, Any]]) -> str:
    """The trail's note of a correction: field -> [old, new] as JSON (personal data not repeated)."""
    shown = {k: (["", ""] if k in UNREPEATED else ["" if o is None else str(o), "" if n is None else str(n)])
             for k, (o, n) in changes.items()}
    return json.dumps(shown, ensure_ascii=False)


def read_correction(note: str) -> dict[str, tuple[str, str]]:
    try:
        raw = json.loads(note)
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    return {str(k): (str(v[0]), str(v[1])) for k, v in raw.items() if isinstance(v, list) and len(v) == 2}


def _reason(text: str) -> None:
    validate((Field("reason", required=True, max_len=200),), {"reason": text})


# --- rules ------------------------------------------------------------------------------

SETTING_PREFIX = "appeal."


@dataclass(frozen=True)
class AppealRules:
    """Deadlines in working days per category, and supervision thresholds."""

    consultation_days: int = 3
    help_days: int = 3
    complaint_days: int = 13
    suggestion_days: int = 13
    emergency_days: int = 0
    near_due_days: int = 1
    escalate_after_days: int = 5

    def deadline_days(self, category: str, urgency: str) -> int:
        if urgency == AppealUrgency.EMERGENCY.value:
            return self.emergency_days
        return int(getattr(self, f"{category}_days"))

    @classmethod
    def names(cls) -> list[str]:
        return list(cls.__dataclass_fields__)


# --- views ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AppealEventView:
    id: str
    at: datetime
    actor: str
    step: str
    state_after: str
    note: str


@dataclass(frozen=True)
class AppealView:
    id: str
    number: str
    channel: str
    received_at: datetime
    resident_name: str
    resident_phone: str
    address: str
    category: str
    urgency: str
    content: str
    state: str
    assignee_kind: str | None
    assignee_name: str
    deadline: date | None
    extension_until: date | None
    reply: str
    visit_result: str | None
    reminder_count: int
    escalated: bool
    reopen_count: int
    overdue_workdays: int
    allowed_steps: tuple[str, ...]


@dataclass(frozen=True)
class DueItem:
    id: str
    number: str
    content: str
    assignee_name: str
    deadline: date
    state: str
    workdays_left: int  # negative when overdue
    escalated: bool


@dataclass(frozen=True)
class Supervision:
    near_due: list[DueItem]
    overdue: list[DueItem]
    escalation_due: list[DueItem]


@dataclass(frozen=True)
class AppealRates:
    received: int
    responded: int
    resolved: int
    closed_on_time: int
    visited: int
    satisfied: int
    response_rate: float | None
    resolution_rate: float | None
    on_time_rate: float | None
    satisfaction_rate: float | None


class AppealService(LedgerService):

    # --- rules and calendar -------------------------------------------------------

    def rules(self) -> AppealRules:
        with self.db.session() as session:
            stored = self.settings(session, SETTING_PREFIX)
        values: dict[str, int] = {}
        for key in AppealRules.names():
            text = stored.get(SETTING_PREFIX + key)
            if text is not None and text.strip().isdigit():
                values[key] = int(text)
        return AppealRules(**values)

    def set_rules(self, **values: Any) -> None:
        errors: list[FieldError] = []
        cleaned: dict[str, int] = {}
        for key, value in values.items():
            if key not in AppealRules.names():
                errors.append(FieldError(key, "unknown_setting"))
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                errors.append(FieldError(key, "not_integer"))
                continue
            if not 0 <= value <= 365:
                errors.append(FieldError(key, "too_small" if value < 0 else "too_large",
                                         {"min": 0} if value < 0 else {"max": 365}))
                continue
            cleaned[key] = value
        if errors:
            raise ValidationError(errors)
        with self.db.session() as session:
            for key, value in cleaned.items():
                self.put_setting(session, SETTING_PREFIX + key, str(value))

    def calendar(self) -> WorkCalendar:
        return CalendarService(self.db, self._now).calendar()

    def deadline_for(self, category: str, urgency: str, start: date) -> date:
        """The deadline of an appeal of ``category`` dispatched on ``start``."""
        days = self.rules().deadline_days(category, urgency)
        cal = self.calendar()
        return start if days == 0 else cal.add_workdays(start, days)

    # --- the steps ----------------------------------------------------------------

    def receive(self, values: Values, actor: str = "") -> str:
        cleaned = validate(RECEIVE_FIELDS, values)
        received_at: datetime = cleaned.get("received_at") or self.now()
        cleaned["received_at"] = received_at
        with self.db.session() as session:
            self.check_ref(session, Compound, cleaned.get("compound_id"), "compound_id")
            self.check_ref(session, Building, cleaned.get("building_id"), "building_id")
            cleaned["number"] = self._next_number(session, received_at.year)
            appeal = Appeal(**cleaned)
            appeal.state = S.RECEIVED.value
            self.add(session, appeal)
            self._event(session, appeal, "receive", actor, "")
            return appeal.id

    def correct(self, appeal_id: str, values: Values, actor: str = "") -> list[str]:
        """Correct what was taken down at receipt; the changed fields (old and new values) go
        into the trail as a 更正 step. Returns the names of the fields that changed."""
        cleaned = {k: v for k, v in validate(CORRECT_FIELDS, values).items() if k in values}
        with self.db.session() as session:
            appeal = self.load(session, Appeal, appeal_id, "appeal")
            if appeal.state == S.ARCHIVED.value:
                raise DomainError("step_not_allowed", step="correct", state=appeal.state)
            self.check_ref(session, Compound, cleaned.get("compound_id"), "compound_id")
            self.check_ref(session, Building, cleaned.get("building_id"), "building_id")
            before = {k: getattr(appeal, k) for k in cleaned}
            names = [k for k in cleaned if before[k] != cleaned[k]]
            if not names:
                return []
            self.change(session, appeal, {k: cleaned[k] for k in names})
            self._event(session, appeal, "correct", actor,
                        correction_note({k: (before[k], cleaned[k]) for k in names}))
            return names

    def dispatch(self, appeal_id: str, assignee_kind: str, assignee_name: str,
                 assignee_id: str | None = None, actor: str = "", note: str = "") -> date:
        """Send the appeal to a receiver; returns the deadline computed in working days."""
        validate((Field("assignee_kind", Kind.CHOICE, required=True, choices=_choices(AssigneeKind)),
                  Field("assignee_name", required=True, max_len=100)),
                 {"assignee_kind": assignee_kind, "assignee_name": assignee_name})
        rules, cal = self.rules(), self.calendar()
        with self.db.session() as session:
            appeal = self._step(session, appeal_id, "dispatch")
            model = _ASSIGNEE_MODELS.get(assignee_kind)
            if assignee_id and (model is None or not self.is_live(session, model, assignee_id)):
                raise ValidationError([FieldError("assignee_id", "ref_missing")])
            now = self.now()
            first = appeal.state == S.RECEIVED.value
            start = appeal.received_at.date() if first else now.date()
            days = rules.deadline_days(appeal.category, appeal.urgency)
            deadline = start if days == 0 else cal.add_workdays(start, days)
            self.change(session, appeal, {
                "state": S.DISPATCHED.value, "assignee_kind": assignee_kind,
                "assignee_id": assignee_id or None, "assignee_name": assignee_name.strip(),
                "dispatched_at": now, "deadline": deadline, "return_reason": "",
                "accepted_at": None, "extension_until": None, "extension_reason": "",
            })
            self._event(session, appeal, "dispatch", actor, note or assignee_name.strip())
            return deadline

    def return_(self, appeal_id: str, reason: str, actor: str = "") -> None:
        """The receiver sends the appeal back (not its function, not its area, ...)."""
        _reason(reason)
        with self.db.session() as session:
            appeal = self._step(session, appeal_id, "return")
            self.change(session, appeal, {"state": S.RETURNED.value, "return_reason": reason.strip()})
            self._event(session, appeal, "return", actor, reason.strip())

    def accept(self, appeal_id: str, actor: str = "", note: str = "") -> None:
        with self.db.session() as session:
            appeal = self._step(session, appeal_id, "accept")
            self.change(session, appeal, {"state": S.HANDLING.value, "accepted_at": self.now()})
            self._event(session, appeal, "accept", actor, note)

    def add_note(self, appeal_id: str, note: str, actor: str = "") -> None:
        if not note.strip():
            raise ValidationError([FieldError("note", "required")])
        with self.db.session() as session:
            appeal = self._step(session, appeal_id, "note")
            self._event(session, appeal, "note", actor, note.strip())

    def request_extension(self, appeal_id: str, until: date, reason: str, actor: str = "") -> None:
        """Ask for a later deadline; only before the current deadline has passed."""
        _reason(reason)
        with self.db.session() as session:
            appeal = self._step(session, appeal_id, "request_extension")
            if appeal.extension_until is not None:
                raise DomainError("extension_pending")
            if appeal.deadline is not None and self.today() > appeal.deadline:
                raise DomainError("extension_after_deadline", deadline=appeal.deadline)
            if appeal.deadline is not None and until <= appeal.deadline:
                raise ValidationError([FieldError("until", "date_order", {"after": "deadline"})])
            self.change(session, appeal, {"extension_until": until, "extension_reason": reason.strip()})
            self._event(session, appeal, "request_extension", actor, f"{until.isoformat()} {reason.strip()}")

    def decide_extension(self, appeal_id: str, approved: bool, actor: str = "", note: str = "") -> None:
        with self.db.session() as session:
            appeal = self._step(session, appeal_id, "decide_extension")
            if appeal.extension_until is None:
                raise DomainError("no_extension_pending")
            changes: Values = {"extension_until": None, "extension_reason": ""}
            if approved:
                changes["deadline"] = appeal.extension_until
            self.change(session, appeal, changes)
            self._event(session, appeal, "approve_extension" if approved else "refuse_extension",
                        actor, note)

    def remind(self, appeal_id: str, actor: str = "", note: str = "") -> None:
        """Record a reminder (催办) sent to the receiver."""
        with self.db.session() as session:
            appeal = self._step(session, appeal_id, "remind")
            self.change(session, appeal, {"reminder_count": appeal.reminder_count + 1})
            self._event(session, appeal, "remind", actor, note)

    def escalate(self, appeal_id: str, actor: str = "", note: str = "") -> None:
        """Escalate an appeal overdue by at least the configured number of working days."""
        rules, cal = self.rules(), self.calendar()
        with self.db.session() as session:
            appeal = self._step(session, appeal_id, "escalate")
            if appeal.escalated_at is not None:
                raise DomainError("already_escalated")
            overdue = self._overdue_days(appeal.deadline, cal)
            if overdue < rules.escalate_after_days:
                raise DomainError("not_overdue_enough", overdue=overdue,
                                  required=rules.escalate_after_days)
            self.change(session, appeal, {"escalated_at": self.now()})
            self._event(session, appeal, "escalate", actor, note)

    def supervise(self, actor: str = "") -> tuple[list[str], list[str]]:
        """Record today's reminder for every overdue appeal not yet reminded today, and escalate
        those overdue long enough.  Running it twice a day changes nothing the second time.
        Returns the ids reminded and the ids escalated."""
        today = self.today()
        sup = self.supervision(today)
        with self.db.session() as session:
            reminded_today = set(session.scalars(select(AppealEvent.appeal_id).where(
                self.live(AppealEvent), AppealEvent.step == "remind",
                AppealEvent.at >= datetime.combine(today, datetime.min.time()))))
        reminded = [i.id for i in sup.overdue if i.id not in reminded_today]
        for appeal_id in reminded:
            self.remind(appeal_id, actor)
        escalated = [i.id for i in sup.escalation_due]
        for appeal_id in escalated:
            self.escalate(appeal_id, actor)
        return reminded, escalated

    def close(self, appeal_id: str, reply: str, actor: str = "") -> None:
        """Handling finished (办结): the reply to the resident is required."""
        if not reply.strip():
            raise ValidationError([FieldError("reply", "required")])
        with self.db.session() as session:
            appeal = self._step(session, appeal_id, "close")
            now = self.now()
            on_time = appeal.deadline is None or now.date() <= appeal.deadline
            self.change(session, appeal, {"state": S.CLOSED.value, "closed_at": now,
                                          "closed_on_time": on_time, "reply": reply.strip(),
                                          "extension_until": None, "extension_reason": ""})
            self._event(session, appeal, "close", actor, reply.strip())

    def return_visit(self, appeal_id: str, result: str, actor: str = "", note: str = "") -> str:
        """Record the resident's verdict; a dissatisfied one reopens the appeal. Returns the new state."""
        if result not in _choices(VisitResult):
            raise ValidationError([FieldError("result", "bad_choice")])
        cal, rules = self.calendar(), self.rules()
        with self.db.session() as session:
            appeal = self._step(session, appeal_id, "visit")
            now = self.now()
            changes: Values = {"visit_result": result, "visited_at": now}
            if result == VisitResult.DISSATISFIED.value:
                days = rules.deadline_days(appeal.category, appeal.urgency)
                changes.update(state=S.HANDLING.value, reopen_count=appeal.reopen_count + 1,
                               closed_at=None, closed_on_time=None, escalated_at=None,
                               deadline=now.date() if days == 0 else cal.add_workdays(now.date(), days))
            else:
                changes["state"] = S.VISITED.value
            self.change(session, appeal, changes)
            self._event(session, appeal, "reopen" if result == VisitResult.DISSATISFIED.value else "visit",
                        actor, f"{result} {note}".strip())
            return str(changes["state"])

    def archive(self, appeal_id: str, actor: str = "") -> None:
        with self.db.session() as session:
            appeal = self._step(session, appeal_id, "archive")
            self.change(session, appeal, {"state": S.ARCHIVED.value, "archived_at": self.now()})
            self._event(session, appeal, "archive", actor, "")

    def delete(self, appeal_id: str) -> None:
        """Only an appeal entered by mistake, before it was dispatched, can be deleted."""
        with self.db.session() as session:
            appeal = self.load(session, Appeal, appeal_id, "appeal")
            if appeal.state != S.RECEIVED.value:
                raise DomainError("appeal_not_deletable", state=appeal.state)
            log = self.log(session)
            for event in session.scalars(select(AppealEvent).where(
                    self.live(AppealEvent), AppealEvent.appeal_id == appeal_id)):
                log.deleted(event)
            log.deleted(appeal)

    # --- reading ------------------------------------------------------------------

    def get(self, appeal_id: str) -> AppealView:
        cal = self.calendar()
        with self.db.session() as session:
            a = self.load(session, Appeal, appeal_id, "appeal")
            overdue = self._overdue_days(a.deadline, cal) if a.state in OPEN_STATES else 0
            return AppealView(
                a.id, a.number, a.channel, a.received_at, a.resident_name, a.resident_phone, a.address,
                a.category, a.urgency, a.content, a.state, a.assignee_kind, a.assignee_name, a.deadline,
                a.extension_until, a.reply, a.visit_result, a.reminder_count, a.escalated_at is not None,
                a.reopen_count, max(overdue, 0), self._allowed(a))

    def events(self, appeal_id: str) -> list[AppealEventView]:
        with self.db.session() as session:
            self.load(session, Appeal, appeal_id, "appeal")
            rows = session.scalars(select(AppealEvent).where(
                self.live(AppealEvent), AppealEvent.appeal_id == appeal_id)
                .order_by(AppealEvent.at, AppealEvent.hlc))
            return [AppealEventView(e.id, e.at, e.actor, e.step, e.state_after, e.note) for e in rows]

    def supervision(self, today: date | None = None) -> Supervision:
        """Open appeals near their deadline, past it, and past it long enough to escalate."""
        today = today or self.today()
        rules, cal = self.rules(), self.calendar()
        with self.db.session() as session:
            rows = session.scalars(select(Appeal).where(
                self.live(Appeal), Appeal.state.in_(OPEN_STATES), Appeal.deadline.is_not(None))
                .order_by(Appeal.deadline, Appeal.number)).all()
        near: list[DueItem] = []
        overdue: list[DueItem] = []
        escalate: list[DueItem] = []
        for a in rows:
            assert a.deadline is not None
            left = cal.workdays_between(today, a.deadline)
            item = DueItem(a.id, a.number, a.content, a.assignee_name, a.deadline, a.state, left,
                           a.escalated_at is not None)
            if a.deadline < today:
                overdue.append(item)
                if -left >= rules.escalate_after_days and a.escalated_at is None:
                    escalate.append(item)
            elif left <= rules.near_due_days:
                near.append(item)
        return Supervision(near, overdue, escalate)

    def rates(self, start: datetime | None = None, end: datetime | None = None) -> AppealRates:
        """Rates over appeals received in [start, end) (all when not given).

        response: accepted by a receiver; resolution: closed (办结); on time: closed by the
        deadline, of those closed; satisfaction: satisfied or mostly satisfied, of those visited.
        """
        where = [self.live(Appeal)]
        if start is not None:
            where.append(Appeal.received_at >= start)
        if end is not None:
            where.append(Appeal.received_at < end)
        with self.db.session() as session:
            def n(*extra: Any) -> int:
                return int(session.scalar(select(func.count()).select_from(Appeal).where(*where, *extra))
                           or 0)
            received = n()
            responded = n(Appeal.accepted_at.is_not(None))
            resolved = n(Appeal.state.in_(RESOLVED_STATES))
            on_time = n(Appeal.state.in_(RESOLVED_STATES), Appeal.closed_on_time.is_(True))
            visited = n(Appeal.visit_result.is_not(None))
            satisfied = n(Appeal.visit_result.in_((VisitResult.SATISFIED.value, VisitResult.MOSTLY.value)))
        return AppealRates(received, responded, resolved, on_time, visited, satisfied,
                           rate(responded, received), rate(resolved, received), rate(on_time, resolved),
                           rate(satisfied, visited))

    # --- helpers ------------------------------------------------------------------

    def _step(self, session: Session, appeal_id: str, step: str) -> Appeal:
        appeal = self.load(session, Appeal, appeal_id, "appeal")
        if appeal.state not in STEPS[step]:
            raise DomainError("appeal_step_not_allowed", step=step, state=appeal.state)
        return appeal

    @staticmethod
    def _allowed(appeal: Appeal) -> tuple[str, ...]:
        steps = [s for s, states in STEPS.items() if appeal.state in states]
        if appeal.extension_until is None:
            steps = [s for s in steps if s != "decide_extension"]
        else:
            steps = [s for s in steps if s != "request_extension"]
        return tuple(steps)

    def _overdue_days(self, deadline: date | None, cal: WorkCalendar) -> int:
        if deadline is None:
            return 0
        today = self.today()
        return cal.workdays_between(deadline, today) if today > deadline else 0

    def _event(self, session: Session, appeal: Appeal, step: str, actor: str, note: str) -> None:
        self.add(session, AppealEvent(appeal_id=appeal.id, at=self.now(), actor=actor, step=step,
                                      state_after=appeal.state, note=note))

    def _next_number(self, session: Session, year: int) -> str:
        """``2026-00042``: the year and the next number of the community.

        A further computer of the community (see :attr:`Database.computer_number`) adds its number,
        ``2026-00042-2``, so two computers receiving appeals offline never hand out the same one;
        the sequence is shared, and its five digits keep text order and number order the same.
        """
        prefix = f"{year}-"
        last = session.scalar(select(func.max(Appeal.number)).where(
            Appeal.community_id == self.community_id, Appeal.number.startswith(prefix)))
        head = last.removeprefix(prefix).split("-")[0] if last else ""
        seq = int(head) + 1 if head.isdigit() else 1
        computer = self.db.computer_number
        return f"{prefix}{seq:05d}" if computer == 1 else f"{prefix}{seq:05d}-{computer}"
