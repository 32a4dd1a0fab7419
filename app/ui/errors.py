"""Telling the secretary what went wrong: an unexpected error (see :mod:`app.errorlog`), from any
thread, and a refused save, next to its fields or in a message."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

if TYPE_CHECKING:
    from app.services.errors import FieldError


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


class StartupNotice:
    """Tells of an unexpected error before the window can: at start-up, and throughout a ``--smoke``
    run, where a message box would wait for someone who is not there.  Says where the log is on
    standard error; a smoke run ends at once with a non-zero code, otherwise a message box shows."""

    def __init__(self, *, smoke: bool) -> None:
        self.smoke = smoke

    def report(self, log_path: Path | None) -> None:
        where = str(log_path) if log_path is not None else "-"
        text = QCoreApplication.translate(
            "Startup", "The program stopped on an unexpected error. The details are in {path}. Please "
            "send this file to whoever looks after the program.").format(path=where)
        print(f"community-ledger: {text}", file=sys.stderr)
        app = QCoreApplication.instance()
        if self.smoke:
            if app is not None:
                app.exit(1)
        elif isinstance(app, QApplication):
            QMessageBox.critical(None, QCoreApplication.translate("Startup", "Unexpected error"), text)


Word = Callable[[str, dict[str, Any]], str]
Place = Callable[[list["FieldError"]], list["FieldError"]]


def _none_placed(errors: list[FieldError]) -> list[FieldError]:
    return errors


def save_or_explain(parent: QWidget, save: Callable[[], object], word: Word,
                    place: Place = _none_placed) -> bool:
    """Run ``save``; True when it went through.

    A refusal is explained in the user's words (``word(code, params)``): the errors of a
    :class:`ValidationError` next to their fields where ``place`` can put them (it returns those it
    could not), the others, and a :class:`DomainError`, in a message box over ``parent``.
    """
    from app.services.errors import DomainError, ValidationError

    try:
        save()
    except ValidationError as exc:
        unplaced = place(exc.errors)
        if unplaced:
            text = "\n".join(word(e.code, e.params) for e in unplaced)
            QMessageBox.warning(parent, parent.windowTitle(), text)
        return False
    except DomainError as exc:
        QMessageBox.warning(parent, parent.windowTitle(), word(exc.code, exc.params))
        return False
    return True
