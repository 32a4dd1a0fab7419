"""Ctrl+P: what can be printed from the open page, and the preview of the chosen document."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.db.database import Database
from app.ui.tasks import Runner
from app.ui.tr import QT_TRANSLATE_NOOP
from app.ui.views.record_list import RecordListView

# Ledger pages and the ledger report each prints (keys of app.printing.catalog.LEDGER_KINDS).
PAGE_LEDGERS = {
    "meetings": "meeting",
    "projects": "secretary_project",
    "appeals": "appeal",
    "guarantees": "guarantee",
    "workday": "workday",
    "cobuild": "cobuild",
    "funds": "fund",
    "training": "training",
    "venues": "venue",
    "brands": "brand",
}

Choice = tuple[str, Callable[[], QDialog]]

MEETING_SIGNIN = QT_TRANSLATE_NOOP("PrintChoiceDialog", "Sign-in sheet of the selected meeting")
MINUTES_OF_THE_SELECTED_MEETING = QT_TRANSLATE_NOOP("PrintChoiceDialog", "Minutes of the selected meeting")
BLANK_SIGN_IN_SHEET = QT_TRANSLATE_NOOP("PrintChoiceDialog", "Blank sign-in sheet")
SIGN_IN_SHEET = QT_TRANSLATE_NOOP("PrintChoiceDialog", "Sign-in sheet")
FORM_OF_THE_SELECTED_APPEAL = QT_TRANSLATE_NOOP("PrintChoiceDialog", "Form of the selected appeal")
BLANK_WORK_DAY_SIGN_IN_SHEET = QT_TRANSLATE_NOOP("PrintChoiceDialog", "Blank work-day sign-in sheet")
COMMUNITY_WORK_DAY_SIGN_IN_SHEET = QT_TRANSLATE_NOOP("PrintChoiceDialog", "Community work day sign-in sheet")
YEARLY_LEDGER_BOOK_YEAR = QT_TRANSLATE_NOOP("PrintChoiceDialog", "Yearly ledger book {year}")
APPRAISAL_MATERIAL_YEAR = QT_TRANSLATE_NOOP("PrintChoiceDialog", "Report and appraisal material {year}")


class PrintChoiceDialog(QDialog):
    """Several documents can be printed from here: one button each."""

    def __init__(self, choices: list[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print"))
        self.chosen: int | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("What do you want to print?"), self))
        self.buttons: list[QPushButton] = []
        for index, (text, _make) in enumerate(choices):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, i=index: self._choose(i))
            layout.addWidget(button)
            self.buttons.append(button)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)

    def _choose(self, index: int) -> None:
        self.chosen = index
        self.accept()


def _year(page: QWidget) -> int:
    spin: Any = getattr(page, "year", None)
    return int(spin.value()) if spin is not None and hasattr(spin, "value") else date.today().year


def print_choices(parent: QWidget, runner: Runner, db: Database, key: str, page: QWidget) -> list[Choice]:
    """The documents the page ``key`` offers, most specific first."""
    from app.printing.catalog import LEDGER_KINDS, ledger_kind
    from app.ui.printing import documents as docs

    choices: list[Choice] = []

    def ledger(kind: str, year: int | None) -> Choice:
        spec = ledger_kind(kind)
        text = f"{year}年度{spec.title}" if year and spec.yearly else spec.title
        return text, lambda: docs.ledger_preview(parent, runner, db, kind, year)

    if key == "meetings":
        meeting = page.list.current_id()  # type: ignore[attr-defined]
        if meeting:
            choices.append((_t(MEETING_SIGNIN),
                            lambda: docs.signin_preview(parent, runner, db, meeting)))
            choices.append((_t(MINUTES_OF_THE_SELECTED_MEETING),
                            lambda: docs.minutes_preview(parent, runner, db, meeting)))
        choices.append((_t(BLANK_SIGN_IN_SHEET),
                        lambda: docs.blank_signin_preview(parent, runner, db, _t(SIGN_IN_SHEET))))
    if key == "appeals":
        appeal = page.current_id()  # type: ignore[attr-defined]
        if appeal:
            choices.append((_t(FORM_OF_THE_SELECTED_APPEAL),
                            lambda: docs.appeal_preview(parent, runner, db, appeal)))
    if key in PAGE_LEDGERS:
        choices.append(ledger(PAGE_LEDGERS[key], _year(page)))
    if key == "workday":
        choices.append((_t(BLANK_WORK_DAY_SIGN_IN_SHEET),
                        lambda: docs.blank_signin_preview(
                            parent, runner, db, _t(COMMUNITY_WORK_DAY_SIGN_IN_SHEET), workday=True)))
    if key == "appraisal":
        year = _year(page)
        save: Any = getattr(page, "save", None)
        if callable(save):
            save()  # what was typed a moment ago is on paper too
        choices.append((_t(APPRAISAL_MATERIAL_YEAR).format(year=year),
                        lambda: docs.appraisal_preview(parent, runner, db, year)))
    if isinstance(page, RecordListView) and page.kind in LEDGER_KINDS and key not in PAGE_LEDGERS:
        choices.append(ledger(page.kind, None))
    if key in ("dashboard", "overview") or not choices:
        year = _year(page)
        choices.append((_t(YEARLY_LEDGER_BOOK_YEAR).format(year=year),
                        lambda: docs.book_preview(parent, runner, db, year)))
    return choices


def _t(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("PrintChoiceDialog", text)


def print_page(parent: QWidget, runner: Runner, db: Database, key: str, page: QWidget) -> QDialog | None:
    """Ask what to print when there is a choice, then open its preview (non-modal)."""
    choices = print_choices(parent, runner, db, key, page)
    if len(choices) > 1:
        chooser = PrintChoiceDialog(choices, parent)
        if not chooser.exec() or chooser.chosen is None:
            return None
        make = choices[chooser.chosen][1]
    else:
        make = choices[0][1]
    dialog = make()
    dialog.open()
    return dialog
