"""Keeping the open ledger safe: its check and daily backup, a backup to a USB drive, a restore.

After the ledger opens, SQLite's quick check runs on the background runner; when it passes, the
day's automatic backup is made (a damaged ledger is never copied over good backups), and again each
day the window stays open.  A ledger that fails the check is explained with the newest backup that
passes it, and restored from it if the user agrees; the program then starts again on the restored
ledger.  文件 → 备份到U盘 writes an encrypted copy; 文件 → 从备份恢复 puts a chosen backup back.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.db.backup import (
    ENCRYPTED_SUFFIX,
    MIN_PASSPHRASE,
    BackupError,
    CheckResult,
    automatic_backup,
    backup_folder,
    backup_name,
    backups,
    check_database,
    is_encrypted,
    restore,
    write_encrypted,
)
from app.ui.tasks import Runner, Task
from app.ui.tr import QT_TRANSLATE_NOOP
from app.ui.widgets.secret import error_label, secret_edit

# How often the window looks whether today's backup is made (it is made once a day).
DAILY_CHECK_MS = 60 * 60 * 1000

REFUSALS = {
    "wrong_passphrase": QT_TRANSLATE_NOOP("Safety", "The passphrase does not open this backup."),
    "not_a_backup": QT_TRANSLATE_NOOP("Safety", "This file is not a backup of Community Ledger."),
    "damaged": QT_TRANSLATE_NOOP("Safety", "The backup file is damaged or incomplete; choose another one."),
    "unsound": QT_TRANSLATE_NOOP("Safety", "The backup itself does not pass the check; choose another one."),
    "passphrase_short": QT_TRANSLATE_NOOP("Safety", "The passphrase needs at least {n} characters."),
}


def refusal_text(error: BackupError) -> str:
    text = REFUSALS.get(error.code)
    return QCoreApplication.translate("Safety", text).format(n=MIN_PASSPHRASE) if text else error.code


def restart_program() -> None:
    """Start the program again with the same arguments (the ledger is closed and unlocked by now)."""
    args = QCoreApplication.arguments()[1:]
    if getattr(sys, "frozen", False):
        QProcess.startDetached(QCoreApplication.applicationFilePath(), args)
    else:
        QProcess.startDetached(sys.executable, ["-m", "app", *args])
    QCoreApplication.quit()


class PassphraseDialog(QDialog):
    """Ask for a passphrase; ``confirm`` asks for it twice (when a backup is made)."""

    def __init__(self, parent: QWidget | None, text: str, confirm: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Passphrase"))
        self.passphrase = secret_edit(self, "passphrase")
        self.again = secret_edit(self, "again")
        self.error = error_label(self)
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        if confirm:
            form.addRow(self.tr("Once more"), self.again)
        else:
            self.again.hide()
        self.confirm = confirm
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Ok | standard.Cancel, self)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _check(self) -> None:
        text = self.passphrase.text()
        if self.confirm and len(text) < MIN_PASSPHRASE:
            self._show(self.tr("The passphrase needs at least {n} characters.").format(n=MIN_PASSPHRASE))
        elif self.confirm and text != self.again.text():
            self._show(self.tr("The two entries differ."))
        elif not text:
            self._show(self.tr("Enter the passphrase."))
        else:
            self.accept()

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


Ask = Callable[[QWidget | None, str, bool], str | None]
Folders = Callable[[], list[tuple[Path, bool]]]


def ask_passphrase(parent: QWidget | None, text: str, confirm: bool) -> str | None:
    dialog = PassphraseDialog(parent, text, confirm)
    return dialog.passphrase.text() if dialog.exec() else None


class Safety(QObject):
    """The checks, backups and restores of one open ledger, for one window."""

    def __init__(self, window: QWidget, db_path: Path, runner: Runner, *,
                 close_ledger: Callable[[], None], restart: Callable[[], None] | None = None,
                 folders: Folders | None = None, ask: Ask = ask_passphrase) -> None:
        super().__init__(window)
        self.window = window
        self.db_path = Path(db_path)
        self.folder = backup_folder(self.db_path)
        self.runner = runner
        self._close_ledger = close_ledger
        self._restart = restart or restart_program
        self._folders = folders
        self._ask = ask
        self.last_check: CheckResult | None = None
        self.last_backup: Path | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(DAILY_CHECK_MS)
        self.timer.timeout.connect(lambda: self.check_and_back_up())
        self.action_backup = QAction(self.tr("Back up to a USB drive…"), self)
        self.action_backup.setObjectName("backup_usb")
        self.action_backup.triggered.connect(lambda _c=False: self.back_up_to_drive())
        self.action_restore = QAction(self.tr("Restore from a backup…"), self)
        self.action_restore.setObjectName("restore_backup")
        self.action_restore.triggered.connect(lambda _c=False: self.restore_chosen())

    def actions(self) -> list[QAction]:
        return [self.action_backup, self.action_restore]

    # --- the daily check and backup ---------------------------------------------------------

    def start(self, checked: bool = False) -> None:
        """The day's backup now (``checked``: the ledger passed the check just before it was
        opened), then a look once an hour."""
        self.check_and_back_up(checked)
        self.timer.start()

    def check_and_back_up(self, checked: bool = False) -> None:
        path, folder = self.db_path, self.folder

        def work(_task: Task) -> tuple[CheckResult, Path | None]:
            found = CheckResult(True, (), None) if checked else check_database(path)
            return found, (automatic_backup(path, folder) if found.ok else None)

        self.runner.op(work).on_success(self._checked).in_parent(self.window).run()

    def _checked(self, result: tuple[CheckResult, Path | None]) -> None:
        self.last_check, made = result
        if made is not None:
            self.last_backup = made
        if not self.last_check.ok:
            self.timer.stop()
            self.offer_recovery()

    def newest_good_backup(self) -> tuple[datetime, Path] | None:
        for when, path in backups(self.folder, self.db_path):
            if check_database(path).ok:
                return when, path
        return None

    def offer_recovery(self) -> None:
        found = self.newest_good_backup()
        if found is None:
            QMessageBox.critical(self.window, self.tr("The ledger is damaged"), self.tr(
                "The ledger file is damaged (it does not pass the database's own check), and there is no "
                "good backup beside it. Do not enter anything more; restore it from a backup on a USB drive "
                "(File → Restore from a backup…), or ask whoever looks after the computer."))
            return
        when, path = found
        answer = QMessageBox.question(self.window, self.tr("The ledger is damaged"), self.tr(
            "The ledger file is damaged (it does not pass the database's own check). The newest good backup "
            "was made on {when}; what was entered after it would have to be entered again.\n\nRestore the "
            "ledger from that backup now? The damaged file is kept aside.").format(
                when=when.strftime("%Y-%m-%d %H:%M")))
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_file(path, None)

    # --- a backup to a USB drive ------------------------------------------------------------

    def _drive_folder(self) -> Path | None:
        from app.ui.sync.drives import candidate_folders

        folders = (self._folders or candidate_folders)()
        start = str(folders[0][0]) if folders else ""
        chosen = QFileDialog.getExistingDirectory(self.window, self.tr("Where to save the backup"), start)
        return Path(chosen) if chosen else None

    def back_up_to_drive(self, folder: Path | None = None) -> None:
        folder = folder or self._drive_folder()
        if folder is None:
            return
        passphrase = self._ask(self.window, self.tr(
            "The backup is encrypted, so a lost USB drive shows nobody's data. Choose a passphrase and keep "
            "it safe: without it the backup cannot be restored."), True)
        if passphrase is None:
            return
        target = folder / (Path(backup_name(self.db_path, datetime.now())).stem + ENCRYPTED_SUFFIX)
        path = self.db_path

        def work(task: Task) -> Path:
            return write_encrypted(path, target, passphrase, lambda done, total: task.progress(done, total))

        def done(written: Path) -> None:
            QMessageBox.information(self.window, self.tr("Backup saved"), self.tr(
                "The encrypted backup is saved as {file}.").format(file=written))

        def failed(error: BaseException) -> bool:
            if isinstance(error, BackupError):
                QMessageBox.warning(self.window, self.tr("Backup"), refusal_text(error))
                return True
            return False

        (self.runner.op(work).with_progress(self.tr("Saving the encrypted backup…"), parent=self.window)
         .on_success(done).on_failure(failed).run())

    # --- restoring ----------------------------------------------------------------------------

    def restore_chosen(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Restore from a backup"), str(self.folder),
            self.tr("Backups (*.sqlite *{suffix})").format(suffix=ENCRYPTED_SUFFIX))
        if not name:
            return
        source = Path(name)
        passphrase = None
        if is_encrypted(source):
            passphrase = self._ask(self.window, self.tr("The passphrase of this backup:"), False)
            if passphrase is None:
                return
        answer = QMessageBox.question(self.window, self.tr("Restore from a backup"), self.tr(
            "Put the backup {file} in the place of the ledger? Everything entered after the backup was made "
            "would have to be entered again. The current ledger is kept aside, and the program starts again."
        ).format(file=source.name))
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_file(source, passphrase)

    def restore_file(self, source: Path, passphrase: str | None) -> None:
        path, close = self.db_path, self._close_ledger

        def work(_task: Task) -> Path | None:
            close()
            return restore(path, source, passphrase)

        def done(aside: Path | None) -> None:
            kept = self.tr("The previous file is kept as {file}.").format(file=aside) if aside else ""
            QMessageBox.information(self.window, self.tr("Restored"), " ".join(
                (self.tr("The ledger is restored from {file}.").format(file=source.name), kept,
                 self.tr("The program starts again now.")))
            )
            self._restart()

        def failed(error: BaseException) -> bool:
            if isinstance(error, BackupError):
                unchanged = self.tr("Nothing was changed; the program starts again on the ledger as it was.")
                QMessageBox.warning(self.window, self.tr("Restore from a backup"),
                                    refusal_text(error) + "\n" + unchanged)
                self._restart()
                return True
            return False

        (self.runner.op(work).with_progress(self.tr("Restoring the ledger…"), parent=self.window).exclusive()
         .on_success(done).on_failure(failed).run())
