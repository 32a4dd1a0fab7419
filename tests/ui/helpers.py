"""Driving widgets the way a user does: typing into forms, answering message boxes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from app.ui.dialogs.record_form import RecordForm
from app.ui.widgets.sensitive_edit import SensitiveLineEdit

T = TypeVar("T")


def present(item: T | None) -> T:
    """``item``, which the screen must show (a table cell, a tree row, a child widget)."""
    assert item is not None, "expected on screen, found nothing"
    return item


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type ``text``: keystrokes for ASCII, an input-method commit for Chinese (as a pinyin IME does)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def fill(qtbot: Any, form: RecordForm, values: dict[str, Any]) -> None:
    for name, value in values.items():
        editor = form.editors[name]
        if isinstance(editor, SensitiveLineEdit):
            if not editor.is_revealed():
                qtbot.mouseClick(editor.button, Qt.MouseButton.LeftButton)
            editor.edit.clear()
            type_text(qtbot, editor.edit, str(value))
        elif isinstance(editor, QLineEdit):
            editor.clear()
            type_text(qtbot, editor, str(value))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value))
        elif isinstance(editor, QCheckBox):
            if editor.isChecked() != bool(value):
                editor.click()
        elif isinstance(editor, QComboBox) and editor.isEditable():
            line = present(editor.lineEdit())
            line.clear()
            type_text(qtbot, line, str(value))
        elif isinstance(editor, QComboBox):
            index = editor.findData(value)
            assert index >= 0, f"{name}: no option {value!r}"
            editor.setCurrentIndex(index)
        elif isinstance(editor, QListWidget):
            wanted = set(value)
            for i in range(editor.count()):
                item = editor.item(i)
                item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                                   else Qt.CheckState.Unchecked)
        else:
            raise AssertionError(f"no way to fill {name}: {type(editor).__name__}")


def answer_next_message_box(button: QMessageBox.StandardButton) -> list[str]:
    """Click ``button`` on the next modal message box; returns the texts it showed."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)
    return seen


def visible_errors(widget: QWidget) -> dict[str, str]:
    """Error labels under form fields that are showing, by field name."""
    return {label.objectName().removeprefix("error_"): label.text()
            for label in widget.findChildren(QLabel)
            if label.objectName().startswith("error_") and label.isVisibleTo(widget) and label.text()}



def on_next_modal(action: Callable[[QWidget], None], of_type: type[QWidget] = QWidget) -> None:
    """Run ``action`` on the next modal dialog of ``of_type`` when it opens (it must close it)."""

    def run() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, of_type):
            QTimer.singleShot(20, run)
            return
        action(widget)

    QTimer.singleShot(0, run)


def answer_next_input(text: str) -> None:
    """Type ``text`` into the next QInputDialog and press OK."""
    from PySide6.QtWidgets import QInputDialog

    def answer(widget: QWidget) -> None:
        assert isinstance(widget, QInputDialog), type(widget)
        widget.setTextValue(text)
        widget.accept()

    on_next_modal(answer)


class TickMeter:
    """Counts the ticks of a 16 ms timer while the block runs and the longest gap between two:
    how long the event loop (painting, input) was kept waiting.

    The heap made before the block is frozen as the app freezes its own once started
    (``bootstrap.settle_heap``): a collection during the block then walks what the work allocates,
    not everything the test session has made.  ``longest_collection_ms`` says how long the
    longest collection during the block held the interpreter."""

    INTERVAL_MS = 16

    def __init__(self) -> None:
        import time

        self._clock = time.perf_counter
        self._timer = QTimer()
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.ticks = 0
        self.longest_gap_ms = 0.0
        self.longest_collection_ms = 0.0
        self._collecting = 0.0

    def _collection(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._collecting = self._clock()
        elif self._collecting:
            self.longest_collection_ms = max(self.longest_collection_ms,
                                             (self._clock() - self._collecting) * 1000)

    def _tick(self) -> None:
        now = self._clock()
        self.longest_gap_ms = max(self.longest_gap_ms, (now - self._last) * 1000)
        self._last = now
        self.ticks += 1

    def __enter__(self) -> TickMeter:
        import gc

        from app.bootstrap import settle_heap

        gc.collect()
        settle_heap()
        gc.callbacks.append(self._collection)
        self._last = self._clock()
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        import gc

        self._tick()
        self._timer.stop()
        gc.callbacks.remove(self._collection)
        gc.unfreeze()
