"""An unexpected error is written to the error log and announced, never lost silently."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app import errorlog
from app.ui.errors import ErrorNotifier

from .helpers import on_next_modal


@pytest.fixture
def restore_hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


def _fail_in_a_slot() -> None:
    raise ZeroDivisionError("division by zero in a slot")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_the_secretary_told(
        qtbot: QtBot, tmp_path: Path, restore_hooks: None) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    log = errorlog.install(ErrorNotifier(window).report, tmp_path / "logs")
    shown: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        box.accept()

    on_next_modal(read, QMessageBox)
    QTimer.singleShot(0, _fail_in_a_slot)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    text = log.read_text(encoding="utf-8")
    assert "ZeroDivisionError: division by zero in a slot" in text and "_fail_in_a_slot" in text
    assert "意外错误" in shown[0] and str(log) in shown[0]


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_worker_thread_is_logged_and_announced_in_the_gui_thread(
        qtbot: QtBot, tmp_path: Path, restore_hooks: None) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    notifier = ErrorNotifier(window)
    announced: list[str] = []
    notifier.raised.disconnect()
    notifier.raised.connect(lambda path: announced.append(f"{path} in {threading.current_thread().name}"))
    log = errorlog.install(notifier.report, tmp_path / "logs")

    def work() -> None:
        raise RuntimeError("the PDF could not be rendered")

    worker = threading.Thread(target=work, name="pdf-worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(announced), timeout=5000)
    assert announced == [f"{log} in MainThread"]
    assert "pdf-worker" in log.read_text(encoding="utf-8")
