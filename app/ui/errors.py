"""Telling the secretary about an unexpected error (see :mod:`app.errorlog`), from any thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget


class ErrorNotifier(QObject):
    """Shows one message at a time, in the GUI thread, whichever thread the error came from."""

    raised = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.showing = False
        self.raised.connect(self._show)

    def report(self, log_path: Path) -> None:
        self.raised.emit(str(log_path))

    def _show(self, log_path: str) -> None:
        if self.showing:  # errors in a row (a paint that keeps failing) make one message, not many
            return
        self.showing = True
        try:
            QMessageBox.critical(self.parent_widget, self.tr("Unexpected error"), self.tr(
                "Something went wrong that the program did not expect. What you were doing just now may "
                "not have been saved; everything saved before is safe.\n\nThe details are in {path}. "
                "Please send this file to whoever looks after the program.").format(path=log_path))
        finally:
            self.showing = False
