"""Words of the notices (通知公告): the kind, its fields and whom a notice is for."""

from __future__ import annotations

from app.ui.tr import QT_TRANSLATE_NOOP
from app.ui.vocabulary import Words, for_kind

KIND = "notice"

_FIELDS = {
    "title": QT_TRANSLATE_NOOP("Labels", "Title"),
    "body": QT_TRANSLATE_NOOP("Labels", "Text"),
    "attachment_name": QT_TRANSLATE_NOOP("Labels", "Attachment"),
    "target": QT_TRANSLATE_NOOP("Labels", "For"),
    "published_at": QT_TRANSLATE_NOOP("Labels", "Published"),
    "publisher": QT_TRANSLATE_NOOP("Labels", "Published by"),
}
TARGETS = {
    "city": QT_TRANSLATE_NOOP("Labels", "The whole city"),
    "district": QT_TRANSLATE_NOOP("Labels", "District {district}"),
    "street": QT_TRANSLATE_NOOP("Labels", "Street {street}, {district}"),
}

WORDS = Words(kinds={KIND: QT_TRANSLATE_NOOP("Labels", "Notice")}, kind_fields=for_kind(KIND, _FIELDS),
              kind_choices=for_kind(KIND, TARGETS))
