"""Words for secretary projects (书记项目): record kinds, fields, choices and errors.

Importing this module registers them with :mod:`app.ui.labels`.  Values whose code names other
ledgers share (``in_progress``, ``done``, ``open`` ...) are worded here for the project pages
only, so another ledger's wording of the same code cannot change them.
"""

from __future__ import annotations

from app.ui import labels
from app.ui.tr import QT_TRANSLATE_NOOP

PROJECT = "secretary_project"
MILESTONE = "project_milestone"
EVALUATION = "project_evaluation"

labels.add_kind(PROJECT, QT_TRANSLATE_NOOP("Labels", "Secretary project"))
labels.add_kind(MILESTONE, QT_TRANSLATE_NOOP("Labels", "Milestone"))
labels.add_kind(EVALUATION, QT_TRANSLATE_NOOP("Labels", "Evaluation"))

labels.add_fields({
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
}, kind=PROJECT)
labels.add_fields({
    "stage": QT_TRANSLATE_NOOP("Labels", "Stage"),
    "title": QT_TRANSLATE_NOOP("Labels", "Milestone"),
    "due_date": QT_TRANSLATE_NOOP("Labels", "Due date"),
    "done_on": QT_TRANSLATE_NOOP("Labels", "Done on"),
    "note": QT_TRANSLATE_NOOP("Labels", "Note"),
}, kind=MILESTONE)
labels.add_fields({
    "method": QT_TRANSLATE_NOOP("Labels", "Evaluation method"),
    "evaluated_on": QT_TRANSLATE_NOOP("Labels", "Date"),
    "notes": QT_TRANSLATE_NOOP("Labels", "Notes"),
    "satisfaction": QT_TRANSLATE_NOOP("Labels", "Residents' satisfaction (%)"),
    "evaluator": QT_TRANSLATE_NOOP("Labels", "Evaluated by"),
}, kind=EVALUATION)

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

# Into the shared table, so lists and filters (which read it) word them too: the values only
# projects use are set; shared ones only if missing.  A stage's "open" is a status elsewhere,
# so it stays out.
_OWN = ("midyear", "delivery", "claimed", "overdue", *METHODS)
for _table in (LEVELS, STATUSES, STAGES, METHODS):
    for _value, _text in _table.items():
        if _value in _OWN:
            labels.CHOICES[_value] = _text
        elif _value != "open":
            labels.CHOICES.setdefault(_value, _text)

labels.ERRORS.setdefault("milestones_open", QT_TRANSLATE_NOOP(
    "Labels", "{count} milestone(s) are not done yet, so the project cannot be marked done."))


def level_label(value: str) -> str:
    return labels.tr(LEVELS.get(value, value))


def status_label(value: str) -> str:
    return labels.tr(STATUSES.get(value, value))


def stage_label(value: str) -> str:
    return labels.tr(STAGES.get(value, value))


def method_label(value: str) -> str:
    return labels.tr(METHODS.get(value, value))
