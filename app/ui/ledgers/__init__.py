"""The ledgers of the work: pages for the main window, and the home dashboard."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.main_window import MainWindow, Page, Section
from app.ui.pages import OpensRecords
from app.ui.tr import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from app.db.database import Database

TITLES = {
    "dashboard": QT_TRANSLATE_NOOP("Ledgers", "Dashboard"),
    "ledgers": QT_TRANSLATE_NOOP("Ledgers", "Work ledgers"),
    "meetings": QT_TRANSLATE_NOOP("Ledgers", "Meetings and activities"),
    "projects": QT_TRANSLATE_NOOP("Ledgers", "Secretary projects"),
    "appeals": QT_TRANSLATE_NOOP("Ledgers", "Residents' appeals"),
    "guarantees": QT_TRANSLATE_NOOP("Ledgers", "Compound guarantees"),
    "workday": QT_TRANSLATE_NOOP("Ledgers", "Community work day"),
    "cobuild": QT_TRANSLATE_NOOP("Ledgers", "Co-construction lists"),
    "funds": QT_TRANSLATE_NOOP("Ledgers", "Funds"),
    "training": QT_TRANSLATE_NOOP("Ledgers", "Training"),
    "venues": QT_TRANSLATE_NOOP("Ledgers", "Venues"),
    "brands": QT_TRANSLATE_NOOP("Ledgers", "Community brand"),
    "livelihood": QT_TRANSLATE_NOOP("Ledgers", "Livelihood projects"),
    "notices": QT_TRANSLATE_NOOP("Ledgers", "Notices"),
    "appraisal": QT_TRANSLATE_NOOP("Ledgers", "Report and appraisal"),
}

# Which page opens a record of a kind named by the dashboard's to-do list.
RECORD_PAGES = {
    "meeting": "meetings",
    "appeal": "appeals",
    "secretary_project": "projects",
    "compound_guarantee": "guarantees",
    "workday_visit": "workday",
    "fund_entry": "funds",
    "notice": "notices",
    "venue": "venues",
}


def _title(key: str) -> str:
    return QCoreApplication.translate("Ledgers", TITLES[key])


# Page key -> (module under app.ui.ledgers, factory name); modules load when a page first opens.
PAGES = {
    "dashboard": ("dashboard", "DashboardPage"),
    "meetings": ("meetings", "MeetingsPage"),
    "projects": ("projects", "ProjectsPage"),
    "appeals": ("appeals", "AppealsPage"),
    "guarantees": ("guarantees", "GuaranteesPage"),
    "workday": ("workday", "WorkdayPage"),
    "cobuild": ("lists", "cobuild_page"),
    "funds": ("funds", "FundsPage"),
    "training": ("lists", "training_page"),
    "venues": ("venues", "VenuesPage"),
    "brands": ("lists", "brand_page"),
    "livelihood": ("livelihood", "LivelihoodPage"),
    "notices": ("notices", "NoticesPage"),
    "appraisal": ("appraisal", "AppraisalPage"),
}
# Pages with a section of their own; the others are the work ledgers.
OWN_SECTIONS = ("dashboard", "notices")


def ledger_pages(window: MainWindow, db: Database) -> dict[str, Callable[[], QWidget]]:
    """The factories of every ledger page, built on first use."""

    def factory(key: str) -> Callable[[], QWidget]:
        module, name = PAGES[key]

        def make() -> QWidget:
            extra: dict[str, object] = {}
            if key in ("appeals", "meetings"):
                from app.ui.user import UserName

                extra["user"] = UserName(window.settings, window.save_settings)
            page: QWidget = getattr(import_module(f"app.ui.ledgers.{module}"), name)(
                window.controller, db, window, **extra)
            if key == "dashboard":
                page.open_requested.connect(  # type: ignore[attr-defined]
                    lambda kind, record_id: open_record(window, kind, record_id))
            return page

        return make

    return {key: factory(key) for key in PAGES}


def install(window: MainWindow, db: Database) -> None:
    """Add the dashboard (the new home view) and the ledgers section to the main window."""
    factories = ledger_pages(window, db)
    for key, factory in factories.items():
        window.add_page(Page(key, _title(key), factory))
    window.add_section(Section("dashboard", _title("dashboard"), ("dashboard",)), index=0)
    ledgers = tuple(k for k in factories if k not in OWN_SECTIONS)
    window.add_section(Section("ledgers", _title("ledgers"), ledgers), index=2)
    window.add_section(Section("notices", _title("notices"), ("notices",)), index=3)
    window.home = "dashboard"
    window.print_handler = lambda page: _print(window, db, page)
    window.open_page("dashboard")


def _print(window: MainWindow, db: Database, page: QWidget | None) -> None:
    from app.ui.ledgers.print_menu import print_page
    from app.ui.printing.preview import PrintPreviewDialog

    if page is not None:
        dialog = print_page(window, window.controller.runner, db, page.objectName().removeprefix("page_"),
                            page)
        if isinstance(dialog, PrintPreviewDialog):
            dialog.use_printer(window.settings.printer_name, window.settings.paper)


def open_record(window: MainWindow, kind: str, record_id: str) -> None:
    """Open the page of ``kind`` and show the record (a to-do item was clicked)."""
    if kind == "sync_conflicts":
        if window.sync is not None:
            window.sync.review_conflicts()
        return
    if kind == "meeting_kind":
        page = window.open_page("meetings")
        page.list.set_filter("kind", record_id)  # type: ignore[attr-defined]
        return
    key = RECORD_PAGES.get(kind)
    if key is None:
        return
    page = window.open_page(key)
    if isinstance(page, OpensRecords):
        page.open_record(record_id)
