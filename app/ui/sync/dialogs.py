"""Dialogs of the sync screens.  Each works on a :class:`SyncService` and does its own work."""

from __future__ import annotations

import errno
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.atomic import atomic_write
from app.sync.errors import SyncError
from app.sync.report import ImportReport
from app.sync.service import Conflict, EnrolResult, ExportResult, SyncService
from app.ui import labels
from app.ui.printing.preview import save_failure
from app.ui.sync.words import format_value, reason_text, rejected_text, table_title
from app.ui.tasks import Runner

if TYPE_CHECKING:
    from app.sync.network import NetworkSync

Warn = Callable[[QWidget, str], None]


def _counts_text(counts: dict[str, int]) -> str:
    return "、".join(f"{table_title(t)} {n}" for t, n in counts.items() if n)


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ExportDialog(QDialog):
    """Choose where the package goes (removable drives first) and write it."""

    exported = Signal(object)

    def __init__(self, service: SyncService, runner: Runner, folders: list[tuple[Path, bool]], warn: Warn,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.warn = warn
        self.result_: ExportResult | None = None
        self.setWindowTitle(self.tr("Export sync package"))
        counts = service.pending_counts()
        total = sum(counts.values())
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("pending")
        self.pending_label.setWordWrap(True)
        self.pending_label.setText(
            self.tr("{n} changes wait to go out: {tables}").format(n=total, tables=_counts_text(counts))
            if total else self.tr("No changes wait to go out; the package still tells the city server "
                                  "what this computer has received."))
        self.folders = QListWidget(self)
        self.folders.setObjectName("folders")
        for path, removable in folders:
            self._add_folder(path, removable)
        if self.folders.count():
            self.folders.setCurrentRow(0)
        self.other_button = other = QPushButton(self.tr("Other folder..."), self)
        other.setObjectName("other_folder")
        other.clicked.connect(self._choose_folder)
        self.done_label = QLabel(self)
        self.done_label.setObjectName("done")
        self.done_label.setWordWrap(True)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("export")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pending_label)
        self.folders_label = QLabel(self.tr("Save the package to (removable drives first):"), self)
        layout.addWidget(self.folders_label)
        layout.addWidget(self.folders, 1)
        layout.addWidget(other, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.done_label)
        layout.addWidget(self.buttons)
        self.resize(560, 380)

    def _add_folder(self, path: Path, removable: bool) -> None:
        text = self.tr("USB drive: {path}").format(path=path) if removable else str(path)
        item = QListWidgetItem(text, self.folders)
        item.setData(Qt.ItemDataRole.UserRole, str(path))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"))
        if folder:
            self._add_folder(Path(folder), False)
            self.folders.setCurrentRow(self.folders.count() - 1)

    def chosen_folder(self) -> Path | None:
        item = self.folders.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def export(self) -> None:
        folder = self.chosen_folder()
        if folder is None:
            self.warn(self, self.tr("Choose where to save the package."))
            return
        self.export_button.setEnabled(False)
        (self.runner.op(lambda _task: self.service.export(folder))
         .with_progress(self.tr("Writing the sync package…"), parent=self)
         .exclusive()
         .on_success(self._written)
         .on_failure(self._not_written)
         .run())

    def _not_written(self, error: BaseException) -> bool:
        self.export_button.setEnabled(True)
        if isinstance(error, SyncError):
            self.warn(self, reason_text(error))
            return True
        if isinstance(error, OSError):
            self.warn(self, self.tr("The package could not be written: {error}").format(
                error=error.strerror or str(error)))
            return True
        return False

    def _written(self, result: ExportResult) -> None:
        self.result_ = result
        text = self.tr("Written to {file}: {n} changes ({tables}). Take the USB drive "
                       "to the district office.").format(
            file=result.path, n=result.change_count, tables=_counts_text(result.counts) or "-")
        if result.restamped:
            text += "\n" + self.tr("{n} of them were made while this computer's date was set ahead; "
                                   "they now carry today's date.").format(n=result.restamped)
        self.done_label.setText(text)
        # Written: the choice of a folder makes way for the result, every line of it in view.
        for chooser in (self.folders_label, self.folders, self.other_button):
            chooser.hide()
        self.done_label.setMinimumHeight(self.done_label.heightForWidth(self.done_label.width()))
        self.export_button.setEnabled(False)
        self.close_button.setText(self.tr("Close"))
        self.exported.emit(result)


class ImportReportDialog(QDialog):
    """What an applied package did, per table, with conflicts and rejected changes."""

    review_conflicts = Signal()

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Import report"))
        totals = report.totals()
        summary = QLabel(self)
        summary.setObjectName("summary")
        summary.setWordWrap(True)
        if not report.applied:
            summary.setText(self.tr("This package was already imported; nothing was changed."))
        else:
            summary.setText(self.tr(
                "Imported {imported}, updated {updated}, deleted {deleted}, ignored {ignored} "
                "(already here or older). {acked} changes of this computer were confirmed as received."
            ).format(imported=totals.imported, updated=totals.updated, deleted=totals.deleted,
                     ignored=totals.ignored, acked=report.acknowledged))
        self.counts = _table(self, "counts", [self.tr("Records"), self.tr("Imported"), self.tr("Updated"),
                                              self.tr("Ignored"), self.tr("Deleted")])
        header = self.counts.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for table, c in report.counts.items():
            row = self.counts.rowCount()
            self.counts.insertRow(row)
            self.counts.setItem(row, 0, QTableWidgetItem(table_title(table)))
            for col, number in enumerate((c.imported, c.updated, c.ignored, c.deleted), start=1):
                item = QTableWidgetItem(str(number))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.counts.setItem(row, col, item)
        conflicts = report.conflicts
        rejected = report.rejected
        self.conflicts_label = QLabel(self)
        self.conflicts_label.setObjectName("conflicts")
        self.conflicts_label.setText(
            self.tr("{n} of your edits were overwritten by newer edits made elsewhere; review them.")
            .format(n=len(conflicts)) if conflicts else self.tr("No conflicts."))
        self.rejected_list = QListWidget(self)
        self.rejected_list.setObjectName("rejected")
        for r in rejected:
            self.rejected_list.addItem(f"{table_title(r.table)} {r.record[:8]}: {rejected_text(r)}")
        self.summary = summary
        self.clock_label = QLabel(self)
        self.clock_label.setObjectName("clock")
        self.clock_label.setWordWrap(True)
        warning = report.clock_warning
        if warning:
            self.clock_label.setText(self.tr(
                "The clocks disagree: the package says it was made at {theirs} (UTC), but this computer's "
                "clock says {ours} (UTC). Check the date and time of both computers; the data is safe.")
                .format(theirs=warning.package_clock, ours=warning.this_clock))
        else:
            self.clock_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        pdf = buttons.addButton(self.tr("Save as PDF..."), QDialogButtonBox.ButtonRole.ActionRole)
        pdf.setObjectName("save_pdf")
        pdf.clicked.connect(self._choose_pdf)
        if conflicts:
            review = buttons.addButton(self.tr("Review conflicts..."), QDialogButtonBox.ButtonRole.ActionRole)
            review.setObjectName("review")
            review.clicked.connect(self.review_conflicts.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.clock_label)
        layout.addWidget(self.counts, 1)
        layout.addWidget(self.conflicts_label)
        if rejected:
            layout.addWidget(QLabel(self.tr("Changes that could not be applied:"), self))
            layout.addWidget(self.rejected_list)
        else:
            self.rejected_list.hide()
        layout.addWidget(buttons)
        self.resize(560, 420)


    def _choose_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"), "", "PDF (*.pdf)")
        problem = self.save_pdf(Path(name)) if name else None
        if problem:
            QMessageBox.warning(self, self.tr("Save the report"), problem)

    def html(self) -> str:
        """The report as a page to print: what the dialog shows, in a table."""
        report = self.report
        def cell(item: QTableWidgetItem | None) -> str:
            return escape(item.text()) if item is not None else ""

        rows = "".join(
            "<tr>" + "".join(f"<td>{cell(self.counts.item(r, c))}</td>" for c in range(5)) + "</tr>"
            for r in range(self.counts.rowCount()))
        head = "".join(f"<th>{cell(self.counts.horizontalHeaderItem(c))}</th>" for c in range(5))
        parts = [
            f"<h2>{escape(self.windowTitle())}</h2>",
            f"<p>{escape(self.tr('Package'))}: {escape(report.package_id)}<br/>"
            f"{escape(self.tr('Made'))}: {escape(report.created_at)}<br/>"
            f"{escape(self.tr('From'))}: {escape(report.source.node_id)}</p>",
            f"<p>{escape(self.summary.text())}</p>",
            f"<table border='1' cellspacing='0' cellpadding='4'><tr>{head}</tr>{rows}</table>",
            f"<p>{escape(self.conflicts_label.text())}</p>",
        ]
        for conflict in report.conflicts:
            parts.append(f"<p>{escape(table_title(conflict.table))} · "
                         f"{escape(labels.field_label(conflict.table, conflict.field))}: "
                         f"{escape(format_value(conflict.local_value))} → "
                         f"{escape(format_value(conflict.remote_value))}</p>")
        for i in range(self.rejected_list.count()):
            parts.append(f"<p>{escape(self.rejected_list.item(i).text())}</p>")
        return "".join(parts)

    def save_pdf(self, path: Path) -> str | None:
        """Write the report as a PDF at ``path``, whole or not at all; why not, or None."""
        def render(tmp: Path) -> None:
            writer = QPdfWriter(str(tmp))
            writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            writer.setTitle(self.windowTitle())
            document = QTextDocument()
            document.setDefaultFont(QFont(self.font().family(), 10))
            document.setHtml(self.html())
            document.print_(writer)
            del writer  # closes the file: Windows cannot move a file that is still open
            if tmp.stat().st_size == 0:  # Qt says nothing when it cannot write
                raise OSError(errno.EIO, "nothing was written")

        try:
            atomic_write(path, write=render)
        except OSError as exc:
            return save_failure(exc, path)
        return None


class ConflictDialog(QDialog):
    """Each local edit that lost, beside the value that won; the secretary keeps either."""

    resolved = Signal()

    def __init__(self, service: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.list = QListWidget(self)
        self.list.setObjectName("conflict_list")
        self.list.currentRowChanged.connect(self._show)
        self.local_value = QLabel(self)
        self.local_value.setObjectName("local_value")
        self.remote_value = QLabel(self)
        self.remote_value.setObjectName("remote_value")
        for label in (self.local_value, self.remote_value):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keep_local = QPushButton(self.tr("Keep this computer's value"), self)
        self.keep_local.setObjectName("keep_local")
        self.keep_remote = QPushButton(self.tr("Keep the other value"), self)
        self.keep_remote.setObjectName("keep_remote")
        self.keep_local.clicked.connect(lambda: self._resolve("local"))
        self.keep_remote.clicked.connect(lambda: self._resolve("remote"))
        local_box = QGroupBox(self.tr("Edited on this computer (lost)"), self)
        remote_box = QGroupBox(self.tr("Edited elsewhere, later (now in place)"), self)
        for box, value, button in ((local_box, self.local_value, self.keep_local),
                                   (remote_box, self.remote_value, self.keep_remote)):
            inner = QVBoxLayout(box)
            inner.addWidget(value, 1)
            inner.addWidget(button)
        sides = QHBoxLayout()
        sides.addWidget(local_box)
        sides.addWidget(remote_box)
        self.empty_label = QLabel(self.tr("No conflicts wait for review."), self)
        self.empty_label.setObjectName("empty")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QGridLayout(self)
        layout.addWidget(self.list, 0, 0, 2, 1)
        layout.addLayout(sides, 0, 1)
        layout.addWidget(self.empty_label, 1, 1)
        layout.addWidget(buttons, 2, 0, 1, 2)
        layout.setColumnStretch(1, 2)
        self.resize(760, 360)
        self.conflicts: list[Conflict] = []
        self.reload()

    def reload(self) -> None:
        self.conflicts = self.service.conflicts()
        self.list.clear()
        for c in self.conflicts:
            self.list.addItem(f"{table_title(c.table)}「{self.service.record_label(c.table, c.record_id)}」"
                              f" · {labels.field_label(c.table, c.field)} · {c.detected_at:%m-%d %H:%M}")
        has_any = bool(self.conflicts)
        self.empty_label.setVisible(not has_any)
        self.keep_local.setEnabled(has_any)
        self.keep_remote.setEnabled(has_any)
        if has_any:
            self.list.setCurrentRow(0)
        else:
            self.local_value.clear()
            self.remote_value.clear()

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.conflicts):
            c = self.conflicts[row]
            self.local_value.setText(format_value(c.local_value))
            self.remote_value.setText(format_value(c.remote_value))

    def _resolve(self, keep: str) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.conflicts):
            self.service.resolve_conflict(self.conflicts[row].id, keep)
            self.reload()
            self.resolved.emit()


class HistoryDialog(QDialog):
    """Every package written or imported here, newest first."""

    def __init__(self, service: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync history"))
        self.table = _table(self, "history", [self.tr("Time"), self.tr("Direction"), self.tr("Changes"),
                                              self.tr("Records"), self.tr("File or server")])
        for h in service.history():
            row = self.table.rowCount()
            self.table.insertRow(row)
            direction = self.tr("Sent") if h.direction == "out" else self.tr("Received")
            if h.status == "refused":
                direction = self.tr("Refused by the server")
            if h.file_name.startswith(("http://", "https://")):
                where = self.tr("Network: {url}").format(url=h.file_name)
            else:
                where = Path(h.file_name).name if h.file_name else ""
            cells = [f"{h.processed_at:%Y-%m-%d %H:%M}", direction, str(h.change_count),
                     _counts_text(h.counts), where]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 400)


class EnrolDialog(QDialog):
    """Paste the enrolment code from the district office (and, to sync over the network, the city
    server's address); compare fingerprints afterwards."""

    enrolled = Signal()

    def __init__(self, service: SyncService, warn: Warn, parent: QWidget | None = None, *,
                 network: NetworkSync | None = None, runner: Runner | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.network = network
        self.runner = runner if runner is not None else Runner(synchronous=True)
        self.warn = warn
        self.setWindowTitle(self.tr("Enrol with the city server"))
        self.code = QPlainTextEdit(self)
        self.code.setObjectName("code")
        self.code.setPlaceholderText("CLE1-...")
        self.server = QLineEdit(self)
        self.server.setObjectName("server")
        self.server.setPlaceholderText("https://...")
        self.server.setVisible(network is not None)
        current = network.settings() if network is not None else None
        if current is not None:
            self.server.setText(current.url)
        self.fingerprints = QLabel(self)
        self.fingerprints.setObjectName("fingerprints")
        self.fingerprints.setWordWrap(True)
        self.fingerprints.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprints.setText(self.tr("This computer's fingerprint: {fp}").format(fp=service.fingerprint))
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(self.tr("Enrol"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("enrol")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.ok.clicked.connect(self.enrol)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Enrolment code from the district office:"), self))
        layout.addWidget(self.code)
        if network is not None:
            layout.addWidget(QLabel(self.tr("City server address (leave empty to sync by USB drive only):"),
                                    self))
            layout.addWidget(self.server)
        layout.addWidget(self.fingerprints)
        layout.addWidget(self.buttons)
        self.resize(560, 360)

    def enrol(self) -> None:
        code, url = self.code.toPlainText(), self.server.text().strip()
        if url and self.network is not None:
            network = self.network
            self.ok.setEnabled(False)
            (self.runner.op(lambda _task: network.enrol(code, url))
             .in_parent(self)
             .on_success(self._done)
             .on_failure(self._refused)
             .run())
            return
        try:
            result = self.service.enroll(code)
        except SyncError as exc:
            self.warn(self, reason_text(exc))
            return
        self._done(result)

    def _refused(self, error: BaseException) -> bool:
        self.ok.setEnabled(True)
        if isinstance(error, SyncError):
            self.warn(self, reason_text(error))
            return True
        return False

    def _done(self, result: EnrolResult) -> None:
        text = self.tr(
            "Enrolled. Read these fingerprints to the district office staff; they must match what the "
            "server shows.\nCity server: {server}\nThis computer: {own}").format(
            server=result.server_fingerprint, own=result.own_fingerprint)
        if result.computer > 1:
            text += "\n" + self.tr("This is computer number {n} of the community: appeal numbers given here "
                                   "end in -{n}.").format(n=result.computer)
        self.fingerprints.setText(text)
        self.ok.setEnabled(False)
        self.close_button.setText(self.tr("Close"))
        self.enrolled.emit()
