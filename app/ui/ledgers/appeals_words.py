"""Words of the appeals pages: the kind, its fields and choices, workflow steps and refusals.

Source strings are English, marked for ``lupdate``; they are translated when shown.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.ui import labels
from app.ui.tr import QT_TRANSLATE_NOOP
from app.ui.vocabulary import Words, for_kind

CTX = "Appeals"

_KINDS = {
    "appeal": QT_TRANSLATE_NOOP("Labels", "Residents' appeal"),
    "appeal_event": QT_TRANSLATE_NOOP("Labels", "Step in handling an appeal"),
    "calendar_day": QT_TRANSLATE_NOOP("Labels", "Holiday or make-up workday"),
}

_APPEAL_FIELDS = {
    "number": QT_TRANSLATE_NOOP("Labels", "Appeal number"),
    "received_at": QT_TRANSLATE_NOOP("Labels", "Received at"),
    "channel": QT_TRANSLATE_NOOP("Labels", "Channel"),
    "category": QT_TRANSLATE_NOOP("Labels", "Category"),
    "urgency": QT_TRANSLATE_NOOP("Labels", "Urgency"),
    "resident_name": QT_TRANSLATE_NOOP("Labels", "Resident"),
    "resident_phone": QT_TRANSLATE_NOOP("Labels", "Resident's phone"),
    "address": QT_TRANSLATE_NOOP("Labels", "Address or building"),
    "content": QT_TRANSLATE_NOOP("Labels", "Content of the appeal"),
    "assignee_kind": QT_TRANSLATE_NOOP("Labels", "Dispatch to"),
    "assignee_name": QT_TRANSLATE_NOOP("Labels", "Receiver"),
    "assignee_id": QT_TRANSLATE_NOOP("Labels", "Receiver"),
    "deadline": QT_TRANSLATE_NOOP("Labels", "Deadline"),
    "state": QT_TRANSLATE_NOOP("Labels", "State"),
    "visit_result": QT_TRANSLATE_NOOP("Labels", "Return-visit result"),
    "reason": QT_TRANSLATE_NOOP("Labels", "Reason"),
    "until": QT_TRANSLATE_NOOP("Labels", "Extend to"),
    "reply": QT_TRANSLATE_NOOP("Labels", "Reply to the resident"),
    "result": QT_TRANSLATE_NOOP("Labels", "Resident's verdict"),
    "note": QT_TRANSLATE_NOOP("Labels", "Note"),
    "closed_at": QT_TRANSLATE_NOOP("Labels", "Resolved on"),
    "visited_at": QT_TRANSLATE_NOOP("Labels", "Visited on"),
}

_CALENDAR_FIELDS = {
    "day": QT_TRANSLATE_NOOP("Labels", "Date"),
    "kind": QT_TRANSLATE_NOOP("Labels", "Type of day"),
    "name": QT_TRANSLATE_NOOP("Labels", "Holiday name"),
}

# Choice words shared by every list; a word another ledger already set is left as it is.
_CHOICES = {
    # channels
    "hotline": QT_TRANSLATE_NOOP("Labels", "Hotline"),
    "app": QT_TRANSLATE_NOOP("Labels", "App"),
    "visit": QT_TRANSLATE_NOOP("Labels", "Walk-in visit"),
    "grid_worker": QT_TRANSLATE_NOOP("Labels", "Grid worker"),
    # categories and urgency
    "consultation": QT_TRANSLATE_NOOP("Labels", "Consultation"),
    "help": QT_TRANSLATE_NOOP("Labels", "Request for help"),
    "complaint": QT_TRANSLATE_NOOP("Labels", "Complaint"),
    "suggestion": QT_TRANSLATE_NOOP("Labels", "Suggestion"),
    "normal": QT_TRANSLATE_NOOP("Labels", "Normal"),
    "emergency": QT_TRANSLATE_NOOP("Labels", "Emergency"),
    # states
    "received": QT_TRANSLATE_NOOP("Labels", "Received"),
    "dispatched": QT_TRANSLATE_NOOP("Labels", "Dispatched"),
    "returned": QT_TRANSLATE_NOOP("Labels", "Returned"),
    "handling": QT_TRANSLATE_NOOP("Labels", "In handling"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Resolved"),
    "visited": QT_TRANSLATE_NOOP("Labels", "Visited"),
    "archived": QT_TRANSLATE_NOOP("Labels", "Archived"),
    # receivers
    "party_group": QT_TRANSLATE_NOOP("Labels", "Party group"),
    "resident_unit": QT_TRANSLATE_NOOP("Labels", "Resident unit"),
    "property_company": QT_TRANSLATE_NOOP("Labels", "Property company"),
    "department": QT_TRANSLATE_NOOP("Labels", "Department"),
    # return-visit results
    "satisfied": QT_TRANSLATE_NOOP("Labels", "Satisfied"),
    "mostly": QT_TRANSLATE_NOOP("Labels", "Mostly satisfied"),
    "dissatisfied": QT_TRANSLATE_NOOP("Labels", "Dissatisfied"),
    # calendar
    "holiday": QT_TRANSLATE_NOOP("Labels", "Holiday"),
    "workday": QT_TRANSLATE_NOOP("Labels", "Make-up workday"),
}
_ERRORS = {
    "appeal_step_not_allowed": QT_TRANSLATE_NOOP(
        "Labels", "\u201c{step}\u201d is not possible while the appeal is \u201c{state}\u201d."),
    "extension_pending": QT_TRANSLATE_NOOP(
        "Labels", "An extension request is already waiting for a decision."),
    "extension_after_deadline": QT_TRANSLATE_NOOP(
        "Labels", "The deadline {deadline} has passed: an extension must be requested before it."),
    "no_extension_pending": QT_TRANSLATE_NOOP("Labels", "There is no extension request to decide."),
    "already_escalated": QT_TRANSLATE_NOOP("Labels", "This appeal has already been escalated."),
    "not_overdue_enough": QT_TRANSLATE_NOOP(
        "Labels", "An appeal is escalated after {required} working days overdue; this one is {overdue}."),
    "appeal_not_deletable": QT_TRANSLATE_NOOP(
        "Labels", "Only an appeal not yet dispatched can be deleted; the trail of this one is kept."),
    "unknown_setting": QT_TRANSLATE_NOOP("Labels", "Unknown setting."),
    "calendar_no_workday": QT_TRANSLATE_NOOP(
        "Labels", "There is no working day within a year of this date."),
    "calendar_no_preset": QT_TRANSLATE_NOOP(
        "Labels", "There is no published holiday arrangement for {year}."),
}

WORDS = Words(kinds=_KINDS, kind_fields={**for_kind("appeal", _APPEAL_FIELDS),
                                         **for_kind("calendar_day", _CALENDAR_FIELDS)},
              choices=_CHOICES, kind_choices=for_kind("appeal", _CHOICES), errors=_ERRORS)

# Buttons of the workflow and the steps of the trail, by the service's step names.
STEP_TITLES: dict[str, str] = {
    "receive": QT_TRANSLATE_NOOP("Appeals", "Receive appeal"),
    "dispatch": QT_TRANSLATE_NOOP("Appeals", "Dispatch"),
    "accept": QT_TRANSLATE_NOOP("Appeals", "Acknowledge receipt"),
    "return": QT_TRANSLATE_NOOP("Appeals", "Send back"),
    "note": QT_TRANSLATE_NOOP("Appeals", "Handling note"),
    "request_extension": QT_TRANSLATE_NOOP("Appeals", "Request extension"),
    "decide_extension": QT_TRANSLATE_NOOP("Appeals", "Decide on extension"),
    "approve_extension": QT_TRANSLATE_NOOP("Appeals", "Approve extension"),
    "refuse_extension": QT_TRANSLATE_NOOP("Appeals", "Refuse extension"),
    "remind": QT_TRANSLATE_NOOP("Appeals", "Send reminder"),
    "escalate": QT_TRANSLATE_NOOP("Appeals", "Escalate"),
    "close": QT_TRANSLATE_NOOP("Appeals", "Resolve"),
    "visit": QT_TRANSLATE_NOOP("Appeals", "Return visit"),
    "reopen": QT_TRANSLATE_NOOP("Appeals", "Reopened after a dissatisfied visit"),
    "archive": QT_TRANSLATE_NOOP("Appeals", "Archive"),
    "correct": QT_TRANSLATE_NOOP("Appeals", "Correction"),
    "import": QT_TRANSLATE_NOOP("Appeals", "Imported from an Excel ledger"),
}

# Workflow buttons whose service step has another name.
SERVICE_STEP = {"approve_extension": "decide_extension", "refuse_extension": "decide_extension"}


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def step_title(step: str) -> str:
    return tr(STEP_TITLES.get(step, step))


def error_text(code: str, params: dict[str, Any]) -> str:
    """A refusal of the appeal service in the user's words (step and state codes worded too)."""
    shown = dict(params)
    if "step" in shown:
        shown["step"] = step_title(str(shown["step"]))
    if "state" in shown:
        shown["state"] = labels.choice_label(str(shown["state"]))
    return labels.error_text("appeal", code, shown)


def percent(value: float | None) -> str:
    return "\u2014" if value is None else f"{value * 100:.1f}%"


def when(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
