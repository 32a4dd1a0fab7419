"""Words of the livelihood projects (民生实事): the kinds, their fields and refusals."""

from __future__ import annotations

from app.ui.tr import QT_TRANSLATE_NOOP
from app.ui.vocabulary import Words

_KINDS = {
    "livelihood_project": QT_TRANSLATE_NOOP("Labels", "City livelihood project"),
    "livelihood_part": QT_TRANSLATE_NOOP("Labels", "Community's part of a livelihood project"),
    "livelihood_progress": QT_TRANSLATE_NOOP("Labels", "Monthly progress"),
    "livelihood_link": QT_TRANSLATE_NOOP("Labels", "Linked appeal or project"),
}

_KIND_FIELDS = {
    ("livelihood_part", "work"): QT_TRANSLATE_NOOP("Labels", "What the community did"),
    ("livelihood_part", "beneficiaries"): QT_TRANSLATE_NOOP("Labels", "Residents who benefited"),
    ("livelihood_part", "funds_fen"): QT_TRANSLATE_NOOP("Labels", "Funds (yuan)"),
    ("livelihood_part", "month"): QT_TRANSLATE_NOOP("Labels", "Month"),
    ("livelihood_part", "percent"): QT_TRANSLATE_NOOP("Labels", "Progress (%)"),
    ("livelihood_part", "note"): QT_TRANSLATE_NOOP("Labels", "Progress in words"),
}

_ERRORS = {
    "bad_year": QT_TRANSLATE_NOOP("Labels", "The year must be between {min} and {max}."),
    "progress_empty": QT_TRANSLATE_NOOP(
        "Labels", "Enter the percentage done or a few words on the progress."),
    "link_one": QT_TRANSLATE_NOOP("Labels", "Choose one appeal or one secretary project to link."),
    "already_linked": QT_TRANSLATE_NOOP("Labels", "It is already linked to this project."),
}

WORDS = Words(kinds=_KINDS, kind_fields=_KIND_FIELDS, errors=_ERRORS)
