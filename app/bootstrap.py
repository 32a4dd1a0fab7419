"""The composition root: settings, font and translations, the database, the main window."""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import errorlog
from app.db.location import on_network_drive
from app.settings import Settings, default_data_dir
from app.ui import labels
from app.ui.errors import ErrorNotifier
from app.ui.look import install_font, install_translators, use_dates_of
from app.ui.main_window import MainWindow
from app.ui.tasks import Runner

if TYPE_CHECKING:
    from app.db.backup import CheckResult
    from app.db.database import Database
    from app.db.lock import LedgerLock
    from app.services.registry import RegistryService
    from app.ui.dialogs.first_run import FirstRunWizard
    from app.ui.safety import Safety
    from app.ui.sync.controller import SyncController
    from app.ui.sync.network import NetworkSyncController

# What a start does not need before the window is painted (SQLAlchemy, the models, the services)
# is imported afterwards, on the runner, while the window shows that the ledger is opening.


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


class CannotOpenError(Exception):
    """Why the ledger cannot be opened, in the user's words (``path`` filled in)."""


def settle_heap() -> None:
    """Move everything made at start (modules, Qt wrappers, the pages) out of the collector's
    reach: a full collection then walks only what later work allocates, so it never stalls the
    event loop for long while a book or an import runs.  Freezing is a constant-time move, unlike
    a collection, so the start pays nothing for it."""
    gc.freeze()


def open_ledger(path: Path, network: Callable[[str], bool] = on_network_drive) -> Database:
    """Open (and migrate) the ledger at ``path``, or raise :class:`CannotOpenError` saying why.

    A ledger on a shared folder of another computer is not opened (``network`` tells): SQLite's
    locks do not hold there and the file can be damaged. The first-run wizard refuses such a
    folder too; this covers a path given with ``--db`` or saved before.  Safe to call off the UI
    thread.
    """
    from app.db.database import Database
    from app.db.migrate import DatabaseTooNewError, DatabaseUnavailableError, NotALedgerDatabaseError

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
    raise CannotOpenError(problem.format(path=path))


def cannot_open(parent: QWidget | None, text: str) -> None:
    QMessageBox.critical(parent, QCoreApplication.translate("Startup", "Cannot open the database"), text)


def open_database(path: Path, parent: QWidget | None = None,
                  network: Callable[[str], bool] = on_network_drive) -> Database | None:
    """:func:`open_ledger`, explaining in a message box why not (and returning None)."""
    try:
        return open_ledger(path, network)
    except CannotOpenError as exc:
        cannot_open(parent, str(exc))
        return None


def run(args: argparse.Namespace, started: float) -> int:
    QApplication.setApplicationName("Community Ledger")
    QApplication.setOrganizationName("CommunityLedger")
    settings = Settings.load()
    language = args.lang or settings.language
    use_dates_of(language)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_font(app)
    install_translators(app, language)
    path = known_ledger(args, settings)
    if path is None:
        if args.smoke:
            print("community-ledger: no database; use --db PATH", file=sys.stderr)
            return 2
        opened = open_main_window(args, settings)  # the first-run wizard asks where and what
        if isinstance(opened, int):
            return opened
        window, db, sync = opened
        return _serve(app, window, db, sync)
    # The window is painted first; the ledger opens on the runner and the window fills in.
    window = MainWindow(None, settings, lambda s: s.save())
    starter = Starter(window, path, smoke=args.smoke)
    if args.smoke:
        return _smoke(app, window, starter, started)
    errorlog.install(ErrorNotifier(window).report)
    window.showMaximized()
    starter.start()
    code = app.exec()
    code = _finish(window, None, int(code))
    starter.close_ledger()
    return code


def _serve(app: QApplication, window: MainWindow, db: Database, sync: SyncController) -> int:
    errorlog.install(ErrorNotifier(window).report)
    _clear_viewable_copies()
    window.showMaximized()
    QTimer.singleShot(0, sync.check_clock)
    return _finish(window, db, int(app.exec()))


def _finish(window: MainWindow, db: Database | None, code: int) -> int:
    if window.is_attached:
        window.controller.runner.shutdown()  # queued work (a package being written) finishes first
    if db is not None:
        db.close()
    _clear_viewable_copies()
    return code


def _clear_viewable_copies() -> None:
    """Remove copies of attachments made for opening them, left by a run that ended abruptly."""
    from app.services.meetings import clear_viewable_copies

    clear_viewable_copies()


def known_ledger(args: argparse.Namespace, settings: Settings) -> Path | None:
    """The ledger to open without asking: ``--db``, or the one saved in the settings if it exists."""
    if args.db:
        return Path(args.db).expanduser()
    if settings.db_path and Path(settings.db_path).exists():
        return Path(settings.db_path)
    return None


class LedgerDamagedError(Exception):
    """The ledger cannot be opened and does not pass SQLite's check: ``check`` says why."""

    def __init__(self, check: CheckResult) -> None:
        super().__init__(check.summary)
        self.check = check


class Starter(QObject):
    """Opens the ledger on the runner once the window is up, then fills the window in.

    ``ready`` is emitted when the window shows the ledger; ``failed`` with the exit code when it
    cannot (the window then closes, after saying why): 1 for a file that cannot be opened, 2 for a
    ledger without a community under ``--smoke``, 0 when the user gave up or the ledger is open in
    another window (which is brought to the front).
    """

    ready = Signal()
    failed = Signal(int)

    def __init__(self, window: MainWindow, path: Path, *, smoke: bool = False,
                 unlock: Callable[[str, QWidget | None], bool] | None = None,
                 restart: Callable[[], None] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.smoke = smoke
        self.runner = Runner()
        self.lock: LedgerLock | None = None
        self.db: Database | None = None
        self.sync: SyncController | None = None
        self.safety: Safety | None = None
        self._unlock = unlock
        self._restart = restart

    def start(self) -> None:
        self.runner.op(self._open).on_success(self._opened).on_failure(self._refused).run()

    def _open(self, _task: object) -> tuple[Database, bool]:
        from app.db.backup import check_database
        from app.db.lock import LedgerLock

        lock = LedgerLock(self.path).acquire()
        try:
            # SQLite's quick check first: a damaged ledger is not opened (and never backed up), and
            # the newest good backup is offered instead.
            found = check_database(self.path) if self.path.is_file() and self.path.stat().st_size else None
            if found is not None and not found.ok and not found.foreign:
                raise LedgerDamagedError(found)
            db = open_ledger(self.path)
            try:
                from app.services.registry import RegistryService

                has_community = RegistryService(db).has_community()
            except BaseException:
                db.close()
                raise
        except BaseException:
            lock.release()
            raise
        self.lock = lock
        return db, has_community

    def close_ledger(self) -> None:
        """Close the database and let go of its lock (before a restore, and at the end)."""
        if self.db is not None:
            self.db.close()
            self.db = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _opened(self, result: tuple[Database, bool]) -> None:
        from app.services.registry import RegistryService
        from app.ui.controllers.records import RecordController

        db, has_community = result
        self.db = db
        service = RegistryService(db)
        settings = self.window.settings
        if not self.smoke and settings.lock_hash and not self._ask_password(settings.lock_hash):
            self.close_ledger()
            self.failed.emit(0)
            self.window.close()
            return
        if not has_community and not self._create_community(service):
            self.close_ledger()
            self.failed.emit(2 if self.smoke else 0)
            self.window.close()
            return
        self.window.attach(RecordController(service, self.runner))
        install_ledgers(self.window, db)
        self.sync = install_sync(self.window, db)
        _clear_viewable_copies()
        if not self.smoke:
            self.safety = install_safety(self.window, self.path, self.runner, self.close_ledger,
                                         self._restart)
            self.safety.start(checked=True)
            QTimer.singleShot(0, self.sync.check_clock)
        settle_heap()
        self.ready.emit()

    def _ask_password(self, stored_hash: str) -> bool:
        from app.ui.lock_screen import ask_to_unlock

        return (self._unlock or ask_to_unlock)(stored_hash, self.window)

    def _create_community(self, service: RegistryService) -> bool:
        """A ledger without a community (made and left before the wizard was finished): ask for it."""
        from app.ui.dialogs.first_run import FirstRunWizard

        if self.smoke:
            print("community-ledger: the database has no community", file=sys.stderr)
            return False
        wizard = FirstRunWizard(None)
        return bool(wizard.exec()) and _create(service, wizard)

    def _refused(self, error: BaseException) -> bool:
        from app.db.lock import LedgerInUseError

        if isinstance(error, LedgerInUseError):
            self._open_elsewhere()
            return True
        if isinstance(error, LedgerDamagedError) and not self.smoke:
            from app.ui.safety import Safety

            self.safety = Safety(self.window, self.path, self.runner, close_ledger=self.close_ledger,
                                 restart=self._restart)
            self.safety.last_check = error.check
            self.safety.offer_recovery()
            self.failed.emit(1)
            self.window.close()
            return True
        if not isinstance(error, CannotOpenError | LedgerDamagedError):
            return False
        text = str(error) if isinstance(error, CannotOpenError) else QCoreApplication.translate(
            "Startup", "“{path}” is damaged: it does not pass the database's own check."
        ).format(path=self.path)
        if self.smoke:
            print(f"community-ledger: {text}", file=sys.stderr)
        else:
            cannot_open(self.window, text)
        self.failed.emit(1)
        self.window.close()
        return True

    def _open_elsewhere(self) -> None:
        from app.ui.front_door import knock

        if self.smoke:
            print(f"community-ledger: {self.path} is open in another window", file=sys.stderr)
            self.failed.emit(1)
        else:
            knocked = knock(self.path)
            QMessageBox.information(self.window, QCoreApplication.translate("Startup", "Already open"),
                                    QCoreApplication.translate(
                "Startup", "This ledger is already open in another window; it has been brought to the "
                           "front.") if knocked else QCoreApplication.translate(
                "Startup", "This ledger is open in another program. Close it there first."))
            self.failed.emit(0)
        self.window.close()


def install_safety(window: MainWindow, path: Path, runner: Runner, close_ledger: Callable[[], None],
                   restart: Callable[[], None] | None = None) -> Safety:
    """The ledger's daily check and backup, the backup and restore actions, one window per ledger,
    the start-up password's idle lock and its setting."""
    from app.ui.front_door import FrontDoor
    from app.ui.lock_screen import IdleLock, PasswordDialog
    from app.ui.safety import Safety

    safety = Safety(window, path, runner, close_ledger=close_ledger, restart=restart)
    FrontDoor(window, path)
    central = window.centralWidget()
    assert central is not None
    idle = IdleLock(window, central, window.settings)
    password = QAction(QCoreApplication.translate("Startup", "Start-up password…"), window)
    password.setObjectName("startup_password")

    def set_password() -> None:
        if PasswordDialog(window.settings, window).exec():
            window.settings.save()
            idle.restart()

    password.triggered.connect(lambda _c=False: set_password())
    window.add_file_actions([*safety.actions(), password])
    return safety


def _create(service: RegistryService, wizard: FirstRunWizard) -> bool:
    from app.services.errors import ValidationError

    try:
        service.create_community(wizard.community_values())
    except ValidationError as exc:
        QMessageBox.critical(
            None, QCoreApplication.translate("Startup", "Cannot create the community"),
            "\n".join(f"{labels.field_label('community', e.field)}: "
                      f"{labels.error_text('community', e.code, e.params)}" for e in exc.errors))
        return False
    return True


def _demo_ready(runner: Runner, db: Database, service: RegistryService) -> bool:
    """The demo community in its own file: made up on the runner the first time, opened as it is
    after. A file that holds a community typed by hand is left alone, and the wizard's choice is
    explained."""
    from PySide6.QtCore import QEventLoop

    from app.services.demo import fill_demo
    from app.services.errors import DomainError

    if service.has_community():
        if service.community().demo:
            return True
        _demo_refused(db.path)
        return False
    outcome: dict[str, BaseException | None] = {}
    loop = QEventLoop()

    def made(_result: object) -> None:
        outcome["error"] = None
        loop.quit()

    def failed(error: BaseException) -> bool:
        outcome["error"] = error
        loop.quit()
        if isinstance(error, DomainError) and error.code == "community_not_empty":
            _demo_refused(db.path)
            return True
        return False

    (runner.op(lambda task: fill_demo(db, progress=task.progress))
     .with_progress(QCoreApplication.translate("Startup", "Making up the demo community…"))
     .on_success(made).on_failure(failed).run())
    if not outcome:
        loop.exec()
    return outcome.get("error") is None


def _demo_refused(path: Path | None) -> None:
    QMessageBox.information(None, QCoreApplication.translate("Startup", "Try the app on demo data"),
                            QCoreApplication.translate(
        "Startup", "The demo was not made: “{path}” already holds data typed by hand, and the demo is "
                   "never mixed with real data. Nothing was changed. To see your ledger, start again "
                   "and choose “Set up my community's ledger”; to try the demo, move that file "
                   "elsewhere first.").format(path=path))


def open_main_window(args: argparse.Namespace,
                     settings: Settings) -> tuple[MainWindow, Database, SyncController] | int:
    """Find or create the database (asking with the first-run wizard), then build the main window,
    all before returning.

    Returns an exit code instead when the user cancels or the database cannot be used.
    """
    from app.services.registry import RegistryService
    from app.ui.controllers.records import RecordController
    from app.ui.dialogs.first_run import FirstRunWizard

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
        # The demo is not remembered as the ledger: the next start asks again.
        chosen_folder = not wizard.demo_chosen()
    assert db_path is not None
    if wizard is not None and wizard.demo_chosen():
        db_path.parent.mkdir(parents=True, exist_ok=True)
    from app.db.lock import LedgerInUseError, LedgerLock

    lock = LedgerLock(db_path)
    try:
        lock.acquire()
    except LedgerInUseError:
        QMessageBox.information(None, QCoreApplication.translate("Startup", "Already open"),
                                QCoreApplication.translate(
            "Startup", "This ledger is open in another program. Close it there first."))
        return 0
    db = open_database(db_path)
    if db is None:
        lock.release()
        return 1
    service = RegistryService(db)
    runner = Runner()
    if wizard is not None and wizard.demo_chosen() and not _demo_ready(runner, db, service):
        db.close()
        lock.release()
        return 0
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
        if not _create(service, wizard):
            db.close()
            return 1
    if chosen_folder:
        settings.db_path = str(db_path)
        settings.save()
    controller = RecordController(service, runner)
    window = MainWindow(controller, settings, lambda s: s.save())
    install_ledgers(window, db)
    sync = install_sync(window, db)
    if not args.smoke:

        def close_ledger() -> None:
            db.close()
            lock.release()

        install_safety(window, db_path, runner, close_ledger).start()
    return window, db, sync


def install_ledgers(window: MainWindow, db: Database) -> None:
    from app.ui.ledgers import install

    install(window, db)
    install_excel_import(window)


def install_excel_import(window: MainWindow) -> None:
    """File → Import from Excel, and the whole ledger exported to one workbook."""
    from app.ui.dialogs.excel_import import open_import_wizard
    from app.ui.table_export import DatabaseExport

    action = QAction(QCoreApplication.translate("Startup", "Import from Excel…"), window)
    action.setObjectName("import_excel")
    action.triggered.connect(lambda _c=False: open_import_wizard(window.controller, window))
    export = DatabaseExport(window, window.controller.runner, window.controller.service.db,
                            lambda: window.settings.show_sensitive)
    export_all = QAction(QCoreApplication.translate("Startup", "Export the whole ledger to Excel…"), window)
    export_all.setObjectName("export_all_excel")
    export_all.triggered.connect(lambda _c=False: export.ask())
    export.setObjectName("database_export")
    window.add_file_actions([action, export_all])


def install_sync(window: MainWindow, db: Database,
                 network: NetworkSyncController | None = None) -> SyncController:
    """The Sync menu, the sync state in the status bar and sync with the server in the background."""
    from app.ui.sync.controller import SyncController

    sync = SyncController(db, window, runner=window.controller.runner, network=network)
    window.add_sync_actions(sync.actions())
    sync.status_changed.connect(window.set_sync_status)
    sync.tooltip_changed.connect(window.set_sync_tooltip)
    sync.data_changed.connect(window.refresh_all)
    window.controller.changed.connect(lambda _kind: sync.refresh_status())
    window.controller.changed.connect(lambda _kind: sync.network.edited())
    window.sync = sync
    sync.refresh_status()
    sync.network.start()
    return sync


def _peak_memory_mb() -> float | None:
    """The process's peak resident memory in MB where the platform tells it (not on Windows)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return round(peak / (2**20 if sys.platform == "darwin" else 1024), 1)


def _smoke(app: QApplication, window: MainWindow, starter: Starter, started: float) -> int:
    """Show the window, then open the ledger and wait for the home view's figures and the members
    list to paint; print the times as JSON and quit.

    ``window_ms``: the window painted (navigation and the word that the ledger is opening), from
    interpreter start; ``home_ms``: the home view painted with its figures, from interpreter start;
    ``members_list_ms``: the members list painted, from when it was opened after the home view.
    """
    figures: dict[str, float] = {}
    opened_at = [0.0]

    def since_start() -> float:
        return round((time.perf_counter() - started) * 1000, 1)

    def members_painted() -> None:
        figures["members_list_ms"] = round((time.perf_counter() - opened_at[0]) * 1000, 1)
        peak = _peak_memory_mb()
        if peak is not None:
            figures["rss_mb"] = peak
        print(json.dumps(figures))
        app.quit()

    def home_painted() -> None:
        from app.ui.views.record_list import RecordListView

        figures["home_ms"] = since_start()
        opened_at[0] = time.perf_counter()
        page = window.open_page("party_member")
        assert isinstance(page, RecordListView)
        FirstPaint(page.table.viewport(), members_painted)
        page.repaint()

    def ready() -> None:
        from app.ui.ledgers.dashboard import DashboardPage

        home = window.current_page()
        assert isinstance(home, DashboardPage)

        def filled() -> None:
            # The figures themselves: the page is covered by its scroll area and never painted.
            FirstPaint(home.cards, home_painted)
            home.cards.update()

        if home.has_figures:
            filled()
        else:
            home.filled.connect(filled)

    def window_painted() -> None:
        figures["window_ms"] = since_start()
        starter.start()

    FirstPaint(window, window_painted)
    starter.ready.connect(ready)
    starter.failed.connect(app.exit)
    window.show()
    QTimer.singleShot(20000, lambda: app.exit(3))
    code = app.exec()
    starter.runner.shutdown()
    if starter.db is not None:
        starter.db.close()
    if code != 0:
        return code
    return 0 if "members_list_ms" in figures else 1
