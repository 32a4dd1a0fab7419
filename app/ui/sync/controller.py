"""The sync menu's actions and the status-bar text, for the main window to place.

Usage::

    sync = SyncController(db, window, runner=runner)
    for action in sync.actions():
        sync_menu.addAction(action)
    sync.status_changed.connect(window.set_sync_status)
    sync.tooltip_changed.connect(window.set_sync_tooltip)
    sync.data_changed.connect(window.update_counts)   # records arrived from elsewhere
    sync.refresh_status()
    sync.network.start()                              # background sync when enrolled with a server
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from app.db.database import Database
from app.db.hlc import MAX_AHEAD_MS, wall_minute
from app.sync.errors import SyncError
from app.sync.files import FILE_SUFFIX
from app.sync.status import network_state, sync_status
from app.ui.sync.drives import candidate_folders
from app.ui.sync.network import ERROR, OFFLINE, ONLINE, SYNCING, NetworkSyncController
from app.ui.sync.words import reason_text
from app.ui.tasks import Runner, file_error_text

if TYPE_CHECKING:
    from app.sync.report import ImportReport
    from app.sync.service import SyncService
    from app.ui.sync.dialogs import ConflictDialog, EnrolDialog, ExportDialog, HistoryDialog

Warn = Callable[[QWidget, str], None]


def _message_box(parent: QWidget, text: str) -> None:
    QMessageBox.warning(parent, QApplication.applicationDisplayName() or "", text)


class SyncController(QObject):
    """Owns the sync dialogs of one open database."""

    status_changed = Signal(str)
    tooltip_changed = Signal(str)
    data_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None, *, warn: Warn | None = None,
                 folders: Callable[[], list[tuple[Path, bool]]] | None = None,
                 runner: Runner | None = None, network: NetworkSyncController | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.db = db
        self.runner = runner if runner is not None else Runner(synchronous=True)
        self._service: SyncService | None = None
        self.warn: Warn = warn if warn is not None else _message_box
        self.folders = folders if folders is not None else candidate_folders
        self.last_dialog: Any = None
        self.network = network if network is not None else NetworkSyncController(
            db, self.runner, self.warn, parent)
        self.network.state_changed.connect(self.refresh_status)
        self.network.data_arrived.connect(self.data_changed.emit)
        sync_now = self._action(self.tr("Sync now"), "sync_now", self.network.sync_now)
        sync_now.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self._actions = [
            sync_now,
            self._action(self.tr("Export sync package..."), "sync_export", self.export_package),
            self._action(self.tr("Import sync package..."), "sync_import", self.import_package),
            self._action(self.tr("Sync conflicts..."), "sync_conflicts", self.review_conflicts),
            self._action(self.tr("Sync history..."), "sync_history", self.show_history),
            self._action(self.tr("Enrol with the city server..."), "sync_enrol", self.enrol),
        ]

    @property
    def service(self) -> SyncService:
        """The sync use cases, loaded when first needed (packages and keys are not needed at start)."""
        if self._service is None:
            from app.sync import service

            self._service = service.SyncService(self.db)
        return self._service

    def _action(self, text: str, name: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def actions(self) -> list[QAction]:
        return list(self._actions)

    # --- status -----------------------------------------------------------------------------

    def status_text(self) -> str:
        status = sync_status(self.db)
        if not status.enrolled:
            return self.tr("Not enrolled for sync")
        parts = [self.tr("{n} changes to send").format(n=status.pending)]
        last = status.last_exchange
        network = network_state(self.db)
        if network is not None:
            parts.insert(0, self.state_word())
            last = network.last_sync
        parts.append(self.tr("last sync {when}").format(when=f"{last:%m-%d %H:%M}") if last
                     else self.tr("never synced"))
        if status.conflicts:
            parts.append(self.tr("{n} conflicts to review").format(n=status.conflicts))
        return " · ".join(parts)

    def state_word(self) -> str:
        """在线 / 离线 / 同步中 / 同步出错: what the network sync is doing."""
        return {ONLINE: self.tr("Online"), OFFLINE: self.tr("Offline"), SYNCING: self.tr("Syncing"),
                ERROR: self.tr("Sync error")}[self.network.state]

    def tooltip_text(self) -> str:
        network = network_state(self.db)
        if network is None:
            return ""
        text = self.tr("City server: {url}").format(url=network.url)
        return f"{text}\n{self.network.reason}" if self.network.reason else text

    def refresh_status(self) -> None:
        self.status_changed.emit(self.status_text())
        self.tooltip_changed.emit(self.tooltip_text())

    def clock_problem(self) -> str | None:
        """What to say when this computer's clock is more than a day behind the ledger's latest stamp.

        Either the date is wrong now (a flat battery resets it to years ago): every new date and
        every appeal deadline would follow it; or it ran ahead before and has just been corrected,
        which the next export sets right by itself.
        """
        now, latest = self.db.clock.wall(), self.db.clock.last.wall_ms
        if latest - now <= MAX_AHEAD_MS:
            return None
        return self.tr(
            "This computer's clock says {now}, but the latest change in this ledger is dated {latest}.\n\n"
            "If the computer's date or time is wrong, correct it before entering anything: the dates of "
            "new records and the deadlines of appeals follow it.\n\nIf the date had been set ahead and "
            "has just been corrected, nothing needs doing: the next sync package takes care of it."
        ).format(now=wall_minute(now), latest=wall_minute(latest))

    def check_clock(self) -> None:
        text = self.clock_problem()
        if text:
            self.warn(self._parent(), text)

    # --- dialogs ----------------------------------------------------------------------------

    def export_dialog(self) -> ExportDialog:
        from app.ui.sync.dialogs import ExportDialog

        dialog = ExportDialog(self.service, self.runner, self.folders(), self.warn, self.parent_widget)
        dialog.exported.connect(lambda _r: self.refresh_status())
        self.last_dialog = dialog
        return dialog

    def export_package(self) -> None:
        if not sync_status(self.db).enrolled:
            self.warn(self._parent(), reason_text(SyncError("not_enrolled")))
            return
        self.export_dialog().exec()

    def import_package(self) -> None:
        folders = self.folders()
        start = str(folders[0][0]) if folders else ""
        name, _ = QFileDialog.getOpenFileName(
            self._parent(), self.tr("Import sync package"), start,
            self.tr("Sync packages (*{suffix});;All files (*)").format(suffix=FILE_SUFFIX))
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Check and apply the package at ``path`` on the background runner; the report opens when
        it is done (:attr:`last_dialog`), or the refusal is explained."""
        (self.runner.op(lambda task: self.service.import_file(path, progress=task))
         .with_progress(self.tr("Checking and applying the sync package…"), parent=self._parent(),
                        cancellable=True)
         .exclusive()
         .on_success(self._imported)
         .on_failure(self._refused)
         .run())

    def _imported(self, report: ImportReport) -> None:
        from app.ui.sync.dialogs import ImportReportDialog

        self.refresh_status()
        if report.applied:
            self.data_changed.emit()
        dialog = ImportReportDialog(report, self.parent_widget)
        dialog.review_conflicts.connect(self.review_conflicts)
        self.last_dialog = dialog
        dialog.open()

    def _refused(self, error: BaseException) -> bool:
        if isinstance(error, SyncError):
            self.warn(self._parent(), reason_text(error))
            return True
        if isinstance(error, OSError):
            self.warn(self._parent(), file_error_text(error))
            return True
        return False

    def conflict_dialog(self) -> ConflictDialog:
        from app.ui.sync.dialogs import ConflictDialog

        dialog = ConflictDialog(self.service, self.parent_widget)
        dialog.resolved.connect(self.refresh_status)
        dialog.resolved.connect(self.data_changed.emit)
        self.last_dialog = dialog
        return dialog

    def review_conflicts(self) -> None:
        self.conflict_dialog().exec()

    def history_dialog(self) -> HistoryDialog:
        from app.ui.sync.dialogs import HistoryDialog

        self.last_dialog = HistoryDialog(self.service, self.parent_widget)
        return self.last_dialog

    def show_history(self) -> None:
        self.history_dialog().exec()

    def enrol_dialog(self) -> EnrolDialog:
        from app.ui.sync.dialogs import EnrolDialog

        dialog = EnrolDialog(self.service, self.warn, self.parent_widget, network=self.network.client,
                             runner=self.runner)
        dialog.enrolled.connect(self.refresh_status)
        dialog.enrolled.connect(self.data_changed.emit)
        dialog.enrolled.connect(self.network.start)
        self.last_dialog = dialog
        return dialog

    def enrol(self) -> None:
        self.enrol_dialog().exec()

    def _parent(self) -> QWidget:
        return self.parent_widget if self.parent_widget is not None else QWidget()
