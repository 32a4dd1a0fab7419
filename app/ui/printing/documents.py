"""Print previews of each printable document, for the menus and Ctrl+P.

Each function returns a :class:`PrintPreviewDialog` (not yet shown) whose PDF is made by
``app.printing`` on the background runner; call ``.open()`` (window-modal) or ``.show()``.  Where a
document carries ID numbers or phones, the dialog offers to print them in full.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.db.database import Database
from app.printing.base import PrintOptions
from app.printing.labels import DOCUMENT_TITLES
from app.ui.printing.preview import PrintPreviewDialog
from app.ui.tasks import Runner

MASKED = PrintOptions()
FULL = PrintOptions(full_personal_data=True)


def _dialog(parent: QWidget | None, runner: Runner, title: str, make: Callable[[Path, PrintOptions], object],
            personal_data: bool = True) -> PrintPreviewDialog:
    return PrintPreviewDialog(
        parent, runner, lambda path: make(path, MASKED), title,
        make_full_pdf=(lambda path: make(path, FULL)) if personal_data else None,
    )


def ledger_preview(parent: QWidget | None, runner: Runner, db: Database, kind: str,
                   year: int | None = None) -> PrintPreviewDialog:
    """A ledger report; ``kind`` is a key of ``app.printing.catalog.LEDGER_KINDS``
    (every kind of :func:`app.services.kinds.record_kinds`)."""
    from app.printing.catalog import ledger_kind, print_ledger

    spec = ledger_kind(kind)
    title = f"{year}年度{spec.title}" if year and spec.yearly else spec.title
    return _dialog(parent, runner, title, lambda path, options: print_ledger(db, kind, path, year=year,
                                                                     options=options),
                   personal_data=spec.personal_data)


def signin_preview(parent: QWidget | None, runner: Runner, db: Database, meeting_id: str,
                   blank_rows: int = 3) -> PrintPreviewDialog:
    from app.printing.signin import print_meeting_signin

    return _dialog(parent, runner, DOCUMENT_TITLES["signin"], lambda path, options: print_meeting_signin(
        db, meeting_id, path, blank_rows=blank_rows, options=options), personal_data=False)


def blank_signin_preview(parent: QWidget | None, runner: Runner, db: Database, title: str,
                         workday: bool = False) -> PrintPreviewDialog:
    from app.printing.signin import blank_signin

    return _dialog(parent, runner, title, lambda path, options: blank_signin(
        path, title, db=db, workday=workday, options=options), personal_data=False)


def minutes_preview(parent: QWidget | None, runner: Runner, db: Database,
                    meeting_id: str) -> PrintPreviewDialog:
    from app.printing.minutes import print_minutes

    return _dialog(parent, runner, DOCUMENT_TITLES["minutes"],
                   lambda path, options: print_minutes(db, meeting_id, path, options), personal_data=False)


def appeal_preview(parent: QWidget | None, runner: Runner, db: Database,
                   appeal_id: str) -> PrintPreviewDialog:
    from app.printing.appeal import print_appeal

    return _dialog(parent, runner, DOCUMENT_TITLES["appeal"],
                   lambda path, options: print_appeal(db, appeal_id, path, options))


def book_preview(parent: QWidget | None, runner: Runner, db: Database, year: int) -> PrintPreviewDialog:
    from app.printing.book import BOOK_TITLE, print_book

    return _dialog(parent, runner, f"{year}年度{BOOK_TITLE}",
                   lambda path, options: print_book(db, year, path, options))


def appraisal_preview(parent: QWidget | None, runner: Runner, db: Database, year: int) -> PrintPreviewDialog:
    """The year's report-and-appraisal material (no ID numbers or phones on it)."""
    from app.printing.appraisal import TITLE, print_appraisal

    return _dialog(parent, runner, f"{year}年度{TITLE}",
                   lambda path, options: print_appraisal(db, year, path, options), personal_data=False)
