"""The composition root: settings, font and translations, the database, the main window."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import errorlog
from app.db.database import Database
from app.db.location import on_network_drive
from app.db.migrate import DatabaseTooNewError, DatabaseUnavailableError, NotALedgerDatabaseError
from app.services.errors import ValidationError
from app.services.meetings import clear_viewable_copies
from app.services.registry import RegistryService
from app.settings import Settings, default_data_dir
from app.ui.controllers.records import RecordController
from app.ui.dialogs.first_run import FirstRunWizard
from app.ui.errors import ErrorNotifier
from app.ui.ledgers import install as install_ledgers
from app.ui.look import install_font, install_translators
from app.ui.main_window import MainWindow


class FirstPaint(QObject):
    """Calls ``callback`` once, when ``widget`` is first painted."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            QTimer.singleShot(0, callback)
        return False


def open_database(path: Path, parent: QWidget | None = None,
                  network: Callable[[str], bool] = on_network_drive) -> Database | None:
    """Open the file or explain, in the user's language, why it cannot be opened.

    A ledger on a shared folder of another computer is not opened (``network`` tells): SQLite's
    locks do not hold there and the file can be damaged. The first-run wizard refuses such a
    folder too; this covers a path given with ``--db`` or saved before.
    """
    problem = None
    try:
        if network(str(path.parent)):
            problem = QCoreApplication.translate(
                "Startup", "“{path}” is on another computer (a network drive). Copy it to this "
                           "computer's own disk and open the copy: a database on a shared folder can be "
                           "damaged.")
        elif path.is_dir():
            problem = QCoreApplication.translate("Startup", "“{path}” is a folder, not a database file.")
        else:
            return Database.open(path)
    except NotALedgerDatabaseError:
        problem = QCoreApplication.translate(
            "Startup", "“{path}” is not a Community Ledger database, or it is damaged."
        )
    except DatabaseTooNewError:
        problem = QCoreApplication.translate(
            "Startup",
            "“{path}” was saved by a newer version of Community Ledger. "
            "Install the newer version to open it; the file has not been changed.",
        )
    except FileNotFoundError:
        problem = QCoreApplication.translate("Startup", "The folder of “{path}” does not exist.")
    except PermissionError:
        problem = QCoreApplication.translate("Startup", "“{path}” cannot be opened: permission denied.")
    except DatabaseUnavailableError as exc:
        problem = QCoreApplication.translate(
            "Startup",
            "“{path}” cannot be opened now: another program may be using it, or the file or its drive "
            "is read-only. Close that program, or clear the file's read-only attribute, and try again.",
        ) + "\n(" + exc.reason.replace("{", "{{").replace("}", "}}") + ")"
    QMessageBox.critical(
        parent, QCoreApplication.translate("Startup", "Cannot open the database"), problem.format(path=path)
    )
    return None


def run(args: argparse.Namespace, started: float) -> int:
    QApplication.setApplicationName("Community Ledger")
    QApplication.setOrganizationName("CommunityLedger")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    settings = Settings.load()
    install_font(app)
    install_translators(app, args.lang or settings.language)
    opened = open_main_window(args, settings)
    if isinstance(opened, int):
        return opened
    window, db = opened
    if args.smoke:
        return _smoke(app, window, started)
    errorlog.install(ErrorNotifier(window).report)
    clear_viewable_copies()  # left by a run that ended abruptly
    window.showMaximized()
    QTimer.singleShot(0, window.sync.check_clock)
    code = app.exec()
    db.close()
    clear_viewable_copies()
    return int(code)


def open_main_window(args: argparse.Namespace, settings: Settings) -> tuple[MainWindow, Database] | int:
    """Find or create the database (asking with the first-run wizard), then build the main window.

    Returns an exit code instead when the user cancels or the database cannot be used.
    """
    chosen_folder = False
    db_path: Path | None = None
    if args.db:
        db_path = Path(args.db).expanduser()
    elif settings.db_path:
        db_path = Path(settings.db_path)
    wizard: FirstRunWizard | None = None
    if db_path is None or (not args.db and not db_path.exists()):
        if args.smoke:
            print("community-ledger: no database; use --db PATH", file=sys.stderr)
            return 2
        wizard = FirstRunWizard(default_data_dir())
        if not wizard.exec():
            return 0
        db_path = wizard.db_path()
        chosen_folder = True
    assert db_path is not None
    db = open_database(db_path)
    if db is None:
        return 1
    service = RegistryService(db)
    if not service.has_community():
        if args.smoke:
            print("community-ledger: the database has no community", file=sys.stderr)
            db.close()
            return 2
        if wizard is None:
            wizard = FirstRunWizard(None)
            if not wizard.exec():
                db.close()
                return 0
        try:
            service.create_community(wizard.community_values())
        except ValidationError as exc:
            QMessageBox.critical(
                None, QCoreApplication.translate("Startup", "Cannot create the community"), str(exc)
            )
            db.close()
            return 1
    if chosen_folder:
        settings.db_path = str(db_path)
        settings.save()
    controller = RecordController(service)
    window = MainWindow(controller, settings, lambda s: s.save())
    install_ledgers(window, db)
    install_sync(window, db)
    return window, db


def install_sync(window: MainWindow, db: Database) -> None:
    """The Sync menu and the sync state in the status bar."""
    from app.ui.sync.controller import SyncController

    sync = SyncController(db, window)
    window.add_sync_actions(sync.actions())
    sync.status_changed.connect(window.set_sync_status)
    sync.data_changed.connect(window.refresh_all)
    window.controller.changed.connect(lambda _kind: sync.refresh_status())
    window.sync = sync
    sync.refresh_status()


def _peak_memory_mb() -> float | None:
    """The process's peak resident memory in MB where the platform tells it (not on Windows)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return round(peak / (2**20 if sys.platform == "darwin" else 1024), 1)


def _smoke(app: QApplication, window: MainWindow, started: float) -> int:
    """Show the window, wait for the home view and the members list to paint, report and quit."""
    figures: dict[str, float] = {}

    def members_painted() -> None:
        figures["members_list_ms"] = round((time.perf_counter() - opened_at[0]) * 1000, 1)
        peak = _peak_memory_mb()
        if peak is not None:
            figures["rss_mb"] = peak
        print(json.dumps(figures))
        app.quit()

    opened_at = [0.0]

    def home_painted() -> None:
        figures["window_ms"] = round((time.perf_counter() - started) * 1000, 1)
        opened_at[0] = time.perf_counter()
        page = window.open_page("party_member")
        table = getattr(page, "table", page)
        FirstPaint(table.viewport() if hasattr(table, "viewport") else table, members_painted)
        page.repaint()

    home = window.current_page()
    assert home is not None
    FirstPaint(home, home_painted)
    window.show()
    QTimer.singleShot(20000, lambda: app.exit(3))
    code = app.exec()
    return 0 if code == 0 and "members_list_ms" in figures else 1
