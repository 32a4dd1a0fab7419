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
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Building, Compound, PartyGroup, PropertyCompany, ResidentUnit, SyncedRecord
from app.models.base import new_id
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
from app.services import journal
from app.services.errors import DomainError, FieldError, ValidationError
from app.services.fields import Field, Kind
from app.services.ledger_common import LedgerService, Values, rate, validate
from app.services.workdays import CalendarService, WorkCalendar
from app.sync.changes import ChangeLog

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


# An appeal from a secretary's own workbook: what was received and, where the sheet says so,
# who handled it, the reply, when it was resolved and what the return visit found.
IMPORT_FIELDS = (
    Field("number", max_len=30),
    # The receipt as the form takes it, except that a ledger's row must say when it was received.
    *(replace(f, required=True) if f.name == "received_at" else f for f in RECEIVE_FIELDS),
    Field("assignee_name", max_len=100),
    Field("deadline", Kind.DATE),
    Field("reply", Kind.LONG_TEXT),
    Field("closed_at", Kind.DATETIME),
    Field("visit_result", Kind.CHOICE, choices=_choices(VisitResult)),
    Field("visited_at", Kind.DATETIME),
)
_STATE_RANK = {s.value: n for n, s in enumerate(
    (S.RECEIVED, S.RETURNED, S.DISPATCHED, S.HANDLING, S.CLOSED, S.VISITED, S.ARCHIVED))}


def validate_imported(values: Values) -> Values:
    """The checked values of an imported appeal, or one ValidationError listing every problem.

    The sheet must tell a story the workflow could have made: a resolved appeal has its reply and
    the day it was resolved, a return visit follows the resolution, and no step comes before the
    receipt.
    """
    errors: list[FieldError] = []
    try:
        cleaned = validate(IMPORT_FIELDS, values)
    except ValidationError as exc:
        errors.extend(exc.errors)
        cleaned = {}
        for f in IMPORT_FIELDS:
            if not any(e.field == f.name for e in exc.errors):
                cleaned[f.name] = validate((f,), values)[f.name]
    if not cleaned.get("visit_result"):
        cleaned["visit_result"] = None  # not visited: no result, as the workflow leaves it
    received, closed = cleaned.get("received_at"), cleaned.get("closed_at")
    visited = cleaned.get("visited_at")
    if closed is not None and not cleaned.get("reply"):
        errors.append(FieldError("reply", "required"))
    if cleaned.get("reply") and closed is None and "closed_at" in cleaned:
        errors.append(FieldError("closed_at", "required"))
    if (cleaned.get("visit_result") or visited is not None) and closed is None and "closed_at" in cleaned:
        errors.append(FieldError("closed_at", "required"))
    if visited is not None and not cleaned.get("visit_result"):
        errors.append(FieldError("visit_result", "required"))
    for name, after, when in (("closed_at", "received_at", closed), ("visited_at", "closed_at", visited)):
        before = cleaned.get(after)
        if when is not None and before is not None and when.date() < before.date():
            errors.append(FieldError(name, "date_order", {"after": after}))
    deadline = cleaned.get("deadline")
    if deadline is not None and received is not None and deadline < received.date():
        errors.append(FieldError("deadline", "date_order", {"after": "received_at"}))
    if errors:
        raise ValidationError(errors)
    return cleaned


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

    # --- imported from a workbook ----------------------------------------------------

    def import_many_in(self, session: Session, log: ChangeLog, rows: list[Values]) -> list[str]:
        """Appeals from a workbook, in the caller's transaction: each checked as
        :func:`validate_imported` checks one, numbered where the sheet gives no number, placed in
        the state its columns tell, with one 导入 step in its trail."""
        cleaned = [validate_imported(v) for v in rows]
        self._check_import_refs(session, cleaned)
        rules, cal = self.rules(), self.calendar()
        receivers = self._receivers(session)
        last: dict[int, int] = {}
        appeals: list[Values] = []
        events: list[Values] = []
        community_id = self.community_id
        for values in cleaned:
            record = {**values, **self._imported_state(values, rules, cal, receivers)}
            if not record.get("number"):
                year = values["received_at"].year
                if year not in last:
                    last[year] = self._last_sequence(session, year, cleaned)
                last[year] += 1
                record["number"] = self._format_number(year, last[year])
            record.update(id=new_id(), community_id=community_id)
            appeals.append(record)
            events.append({"appeal_id": record["id"], "at": values["received_at"], "actor": "",
                           "step": "import", "state_after": record["state"], "note": "",
                           "id": new_id(), "community_id": community_id})
        log.bulk_created(Appeal, appeals)
        log.bulk_created(AppealEvent, events)
        journal.note_created(Appeal, [a["id"] for a in appeals])
        journal.note_created(AppealEvent, [e["id"] for e in events])
        return [a["id"] for a in appeals]

    def update_imported_in(self, session: Session, log: ChangeLog, appeal_id: str, values: Values) -> Values:
        """An appeal already in the ledger, with what a workbook says of it; the workflow's state
        only ever moves forward (an appeal archived since is not taken back to 已办结)."""
        cleaned = validate_imported(values)
        appeal = self.load(session, Appeal, appeal_id, "appeal")
        self._check_import_refs(session, [cleaned])
        state = self._imported_state(cleaned, self.rules(), self.calendar(), self._receivers(session))
        if _STATE_RANK[state["state"]] <= _STATE_RANK.get(appeal.state, 0):
            state = {}
        return self.change(session, appeal, {**cleaned, **state})

    def _check_import_refs(self, session: Session, rows: list[Values]) -> None:
        for model, name in ((Compound, "compound_id"), (Building, "building_id")):
            wanted = {v[name] for v in rows if v.get(name)}
            found = set(session.scalars(select(model.id).where(self.live(model), model.id.in_(wanted))))
            if wanted - found:
                raise ValidationError([FieldError(name, "ref_missing")])

    def _receivers(self, session: Session) -> dict[str, tuple[str, str]]:
        """Receivers by name: the community's party groups, resident units and property companies."""
        found: dict[str, tuple[str, str]] = {}
        for kind, model in _ASSIGNEE_MODELS.items():
            table: Any = model
            for record_id, name in session.execute(select(table.id, table.name).where(self.live(table))):
                found.setdefault(str(name).strip(), (kind, record_id))
        return found

    @staticmethod
    def _imported_state(values: Values, rules: AppealRules, cal: WorkCalendar,
                        receivers: dict[str, tuple[str, str]]) -> Values:
        """The workflow's fields of an imported appeal, as its columns tell them."""
        received: datetime = values["received_at"]
        out: Values = {"state": S.RECEIVED.value}
        name = (values.get("assignee_name") or "").strip()
        deadline = values.get("deadline")
        if name:
            kind, record_id = receivers.get(name, (AssigneeKind.DEPARTMENT.value, None))
            if deadline is None:
                days = rules.deadline_days(values["category"], values["urgency"])
                deadline = received.date() if days == 0 else cal.add_workdays(received.date(), days)
            out.update(state=S.HANDLING.value, assignee_kind=kind, assignee_id=record_id,
                       dispatched_at=received, accepted_at=received, deadline=deadline)
        closed: datetime | None = values.get("closed_at")
        if closed is not None:
            out.update(state=S.CLOSED.value,
                       closed_on_time=deadline is None or closed.date() <= deadline)
        result = values.get("visit_result")
        if result in (VisitResult.SATISFIED.value, VisitResult.MOSTLY.value):
            out["state"] = S.VISITED.value
        elif result == VisitResult.DISSATISFIED.value:
            out.update(state=S.HANDLING.value, reopen_count=1)
        return out

    def _last_sequence(self, session: Session, year: int, rows: list[Values]) -> int:
        """The highest sequence of ``year`` in the ledger and among the numbers a sheet gives."""
        prefix = f"{year}-"
        numbers = list(session.scalars(select(Appeal.number).where(
            Appeal.community_id == self.community_id, Appeal.number.startswith(prefix))))
        numbers += [v["number"] for v in rows if str(v.get("number") or "").startswith(prefix)]
        heads = [n.removeprefix(prefix).split("-")[0] for n in numbers]
        return max((int(h) for h in heads if h.isdigit()), default=0)

    def _format_number(self, year: int, seq: int) -> str:
        computer = self.db.computer_number
        return f"{year}-{seq:05d}" if computer == 1 else f"{year}-{seq:05d}-{computer}"

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
        return self._format_number(year, int(head) + 1 if head.isdigit() else 1)
