"""Words of month approval (上报与审核): the kind and its fields."""

from __future__ import annotations

from app.ui.tr import QT_TRANSLATE_NOOP
from app.ui.vocabulary import Words, for_kind

KIND = "month_submission"

_FIELDS = {
    "month": QT_TRANSLATE_NOOP("Labels", "Month"),
    "state": QT_TRANSLATE_NOOP("Labels", "Approval"),
    "note": QT_TRANSLATE_NOOP("Labels", "Note"),
    "submitted_by": QT_TRANSLATE_NOOP("Labels", "Handed up by"),
    "submitted_at": QT_TRANSLATE_NOOP("Labels", "Handed up"),
    "comment": QT_TRANSLATE_NOOP("Labels", "Staff comment"),
    "decided_by": QT_TRANSLATE_NOOP("Labels", "Decided by"),
    "decided_at": QT_TRANSLATE_NOOP("Labels", "Decided"),
}

WORDS = Words(kinds={KIND: QT_TRANSLATE_NOOP("Labels", "Month approval")},
              kind_fields=for_kind(KIND, _FIELDS))
