"""Words for secretary projects (书记项目): record kinds, fields, choices and errors.

:data:`WORDS` is this area's part of :mod:`app.ui.labels`.  Values whose code names other
ledgers share (``in_progress``, ``done``, ``open`` ...) are worded here for the project pages
only, so another ledger's wording of the same code cannot change them.
"""

from __future__ import annotations

from app.ui import labels
from app.ui.tr import QT_TRANSLATE_NOOP
from app.ui.vocabulary import Words, for_kind

PROJECT = "secretary_project"
MILESTONE = "project_milestone"
EVALUATION = "project_evaluation"

_KINDS = {
    PROJECT: QT_TRANSLATE_NOOP("Labels", "Secretary project"),
    MILESTONE: QT_TRANSLATE_NOOP("Labels", "Milestone"),
    EVALUATION: QT_TRANSLATE_NOOP("Labels", "Evaluation"),
}

_PROJECT_FIELDS = {
    "year": QT_TRANSLATE_NOOP("Labels", "Year"),
    "level": QT_TRANSLATE_NOOP("Labels", "Secretary level"),
    "secretary_name": QT_TRANSLATE_NOOP("Labels", "Claiming secretary"),
    "title": QT_TRANSLATE_NOOP("Labels", "Project title"),
    "problem": QT_TRANSLATE_NOOP("Labels", "Problem it solves"),
    "measures": QT_TRANSLATE_NOOP("Labels", "Measures"),
    "team": QT_TRANSLATE_NOOP("Labels", "Project team"),
    "outcome": QT_TRANSLATE_NOOP("Labels", "Outcome"),
    "feedback": QT_TRANSLATE_NOOP("Labels", "Residents' feedback"),
    "milestones_done": QT_TRANSLATE_NOOP("Labels", "Milestones done"),
    "milestones_total": QT_TRANSLATE_NOOP("Labels", "Milestones"),
    "status": QT_TRANSLATE_NOOP("Labels", "Status"),
}
_MILESTONE_FIELDS = {
    "stage": QT_TRANSLATE_NOOP("Labels", "Stage"),
    "title": QT_TRANSLATE_NOOP("Labels", "Milestone"),
    "due_date": QT_TRANSLATE_NOOP("Labels", "Due date"),
    "done_on": QT_TRANSLATE_NOOP("Labels", "Done on"),
    "note": QT_TRANSLATE_NOOP("Labels", "Note"),
}
_EVALUATION_FIELDS = {
    "method": QT_TRANSLATE_NOOP("Labels", "Evaluation method"),
    "evaluated_on": QT_TRANSLATE_NOOP("Labels", "Date"),
    "notes": QT_TRANSLATE_NOOP("Labels", "Notes"),
    "satisfaction": QT_TRANSLATE_NOOP("Labels", "Residents' satisfaction (%)"),
    "evaluator": QT_TRANSLATE_NOOP("Labels", "Evaluated by"),
}

# Shown by this module's pages through the functions below, whatever the global table says.
LEVELS: dict[str, str] = {
    "community": QT_TRANSLATE_NOOP("Labels", "Community Party organisation"),
    "party_group": QT_TRANSLATE_NOOP("Labels", "Party group"),
    "resident_unit": QT_TRANSLATE_NOOP("Labels", "Resident unit"),
}
STATUSES: dict[str, str] = {
    "claimed": QT_TRANSLATE_NOOP("Labels", "Claimed"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "done": QT_TRANSLATE_NOOP("Labels", "Done"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Project closed"),
    "overdue": QT_TRANSLATE_NOOP("Labels", "Overdue"),
}
STAGES: dict[str, str] = {
    "open": QT_TRANSLATE_NOOP("Labels", "Opening"),
    "midyear": QT_TRANSLATE_NOOP("Labels", "Mid-year check"),
    "delivery": QT_TRANSLATE_NOOP("Labels", "Delivery"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}
METHODS: dict[str, str] = {
    "dispatch_review": QT_TRANSLATE_NOOP("Labels", "Dispatch review"),
    "on_site_check": QT_TRANSLATE_NOOP("Labels", "On-site check"),
    "interview": QT_TRANSLATE_NOOP("Labels", "Interview"),
}

# Into the shared table too, so lists and filters (which read it) word them: the values only
# projects use as the project pages word them; shared ones only where no other area has.  A
# stage's "open" is a status elsewhere, so it stays out.
_OWN = ("midyear", "delivery", "claimed", "overdue", *METHODS)
_ALL = {value: text for table in (LEVELS, STATUSES, STAGES, METHODS) for value, text in table.items()
        if value != "open"}

WORDS = Words(
    kinds=_KINDS,
    kind_fields={**for_kind(PROJECT, _PROJECT_FIELDS), **for_kind(MILESTONE, _MILESTONE_FIELDS),
                 **for_kind(EVALUATION, _EVALUATION_FIELDS)},
    choices={v: t for v, t in _ALL.items() if v not in _OWN},
    own_choices={v: t for v, t in _ALL.items() if v in _OWN},
    errors={"milestones_open": QT_TRANSLATE_NOOP(
        "Labels", "{count} milestone(s) are not done yet, so the project cannot be marked done.")},
)


def level_label(value: str) -> str:
    return labels.tr(LEVELS.get(value, value))


def status_label(value: str) -> str:
    return labels.tr(STATUSES.get(value, value))


def stage_label(value: str) -> str:
    return labels.tr(STAGES.get(value, value))


def method_label(value: str) -> str:
    return labels.tr(METHODS.get(value, value))
