"""Windows and dialogs fit the screen they open on: the test platform's screen is 800 x 600,
smaller than any of them would open by themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.dialogs.help import HelpDialog
from app.ui.main_window import MainWindow
from app.ui.printing.preview import PrintPreviewDialog
from app.ui.tasks import Runner

pytestmark = pytest.mark.gui


def _fits(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert screen.height() < 1000, "the test needs a screen smaller than the print preview"
    assert widget.width() <= screen.width() and widget.height() <= screen.height(), (
        widget.size(), screen.size())


def test_the_print_preview_fits_a_small_screen(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = PrintPreviewDialog(None, Runner(synchronous=True), lambda path: path.write_bytes(b""),
                                "党员名册")
    _fits(qtbot, dialog)


def test_help_and_the_main_window_fit_a_small_screen(qtbot: QtBot, window: MainWindow) -> None:
    _fits(qtbot, HelpDialog())
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()
