"""The start-up password of a PC shared in an office, and the lock after the window sat idle.

With a password set (文件 → 启动密码…), the ledger's records are shown only after it is typed; after
the chosen number of idle minutes the window hides them again until it is typed once more.  The
password is kept as an argon2 hash in the user's settings, never in plain text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.passwords import MIN_LENGTH, hash_password, password_matches
from app.settings import Settings
from app.ui.widgets.secret import error_label, secret_edit

_INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                           QEvent.Type.Wheel})


class UnlockDialog(QDialog):
    """Type the password to see the ledger."""

    def __init__(self, stored_hash: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stored_hash = stored_hash
        self.setWindowTitle(self.tr("Locked"))
        self.password = secret_edit(self, "password")
        self.error = error_label(self)
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Ok | standard.Cancel, self)
        buttons.accepted.connect(self.try_unlock)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("This ledger is protected by a password. Type it to go on."), self))
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        self.failures = 0

    def try_unlock(self) -> bool:
        if password_matches(self.stored_hash, self.password.text()):
            self.accept()
            return True
        self.failures += 1
        self.password.clear()
        self.error.setText(self.tr("Wrong password."))
        self.error.show()
        return False


class PasswordDialog(QDialog):
    """Set, change or remove the start-up password, and the idle minutes after which it is asked again."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Start-up password"))
        self.current = secret_edit(self, "current")
        self.new = secret_edit(self, "new")
        self.again = secret_edit(self, "again")
        self.idle = QSpinBox(self)
        self.idle.setObjectName("idle")
        self.idle.setRange(0, 240)
        self.idle.setSuffix(self.tr(" minutes"))
        self.idle.setSpecialValueText(self.tr("never"))
        self.idle.setValue(settings.lock_idle_minutes)
        self.error = error_label(self)
        form = QFormLayout()
        if settings.lock_hash:
            form.addRow(self.tr("Current password"), self.current)
        else:
            self.current.hide()
        form.addRow(self.tr("New password (empty: none)"), self.new)
        form.addRow(self.tr("Once more"), self.again)
        form.addRow(self.tr("Lock again after idle"), self.idle)
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Ok | standard.Cancel, self)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Where several people use this PC, a password keeps the ledger from view: "
                               "it is asked at start and after the window sat idle."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def try_save(self) -> bool:
        if self.settings.lock_hash and not password_matches(self.settings.lock_hash, self.current.text()):
            return self._refuse(self.tr("The current password is wrong."))
        new = self.new.text()
        if new != self.again.text():
            return self._refuse(self.tr("The two entries of the new password differ."))
        if new and len(new) < MIN_LENGTH:
            return self._refuse(self.tr("A password needs at least {n} characters.").format(n=MIN_LENGTH))
        self.settings.lock_hash = hash_password(new) if new else ""
        self.settings.lock_idle_minutes = self.idle.value() if new else 0
        self.accept()
        return True

    def _refuse(self, text: str) -> bool:
        self.error.setText(text)
        self.error.show()
        return False


Unlock = Callable[[str, QWidget | None], bool]


def ask_to_unlock(stored_hash: str, parent: QWidget | None) -> bool:
    return bool(UnlockDialog(stored_hash, parent).exec())


class IdleLock(QObject):
    """Hides ``content`` after ``settings.lock_idle_minutes`` without input, until the password is typed."""

    def __init__(self, window: QWidget, content: QWidget, settings: Settings,
                 unlock: Unlock = ask_to_unlock) -> None:
        super().__init__(window)
        self.window = window
        self.content = content
        self.settings = settings
        self._unlock = unlock
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.restart()

    def restart(self) -> None:
        """Count the idle time again (and after the settings changed)."""
        minutes = self.settings.lock_idle_minutes if self.settings.lock_hash else 0
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.locked and event.type() in _INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False

    def lock(self) -> None:
        if self.locked or not self.settings.lock_hash:
            return
        self.locked = True
        self.content.hide()
        try:
            unlocked = self._unlock(self.settings.lock_hash, self.window)
        finally:
            self.locked = False
        if not unlocked:  # the records stay hidden: the program ends (everything saved is safe)
            QCoreApplication.quit()
            return
        self.content.show()
        self.restart()
