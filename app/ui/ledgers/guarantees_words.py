"""Words of the compound guarantees (五包保): the kinds, their fields, the five tasks and their states."""

from __future__ import annotations

from app.ui.tr import QT_TRANSLATE_NOOP
from app.ui.vocabulary import Words, for_kind

KIND = "compound_guarantee"
TASK_KIND = "guarantee_task"

_KINDS = {
    KIND: QT_TRANSLATE_NOOP("Labels", "Compound guarantee"),
    TASK_KIND: QT_TRANSLATE_NOOP("Labels", "Guarantee task"),
}
_GUARANTEE_FIELDS = {
    "compound_id": QT_TRANSLATE_NOOP("Labels", "Compound"),
    "compound": QT_TRANSLATE_NOOP("Labels", "Compound"),
    "leader_name": QT_TRANSLATE_NOOP("Labels", "Responsible leader"),
    "leader_post": QT_TRANSLATE_NOOP("Labels", "Leader's post"),
    "leader_unit": QT_TRANSLATE_NOOP("Labels", "Leader's unit"),
    "organ_id": QT_TRANSLATE_NOOP("Labels", "Organ"),
    "since": QT_TRANSLATE_NOOP("Labels", "Guaranteed since"),
    "note": QT_TRANSLATE_NOOP("Labels", "Note"),
    "tasks_done": QT_TRANSLATE_NOOP("Labels", "Tasks done"),
}
_TASK_FIELDS = {
    "status": QT_TRANSLATE_NOOP("Labels", "Status"),
    "done_on": QT_TRANSLATE_NOOP("Labels", "Date"),
    "note": QT_TRANSLATE_NOOP("Labels", "Note"),
}

TASK_TITLES: dict[str, str] = {
    "committee": QT_TRANSLATE_NOOP("Labels", "Homeowner committee set up"),
    "property_company": QT_TRANSLATE_NOOP("Labels", "Property company brought in"),
    "fee_standard": QT_TRANSLATE_NOOP("Labels", "Property fee standard set"),
    "fee_collection": QT_TRANSLATE_NOOP("Labels", "Property fees collected"),
    "routine_operation": QT_TRANSLATE_NOOP("Labels", "Routine operation established"),
}
TASK_STATUSES: dict[str, str] = {
    "not_started": QT_TRANSLATE_NOOP("Labels", "Not started"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "done": QT_TRANSLATE_NOOP("Labels", "Done"),
}

WORDS = Words(kinds=_KINDS,
              kind_fields={**for_kind(KIND, _GUARANTEE_FIELDS), **for_kind(TASK_KIND, _TASK_FIELDS)},
              choices=TASK_STATUSES)
