"""The Qt binding must not leak references: PySide6 6.12.0 on Python 3.11 dropped a reference to
None on every call of a method returning nothing, and the app aborted after a few thousand widget
updates ("Fatal Python error: none_dealloc")."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.gui


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    button = QPushButton()
    qtbot.addWidget(button)
    before = sys.getrefcount(None)
    for _ in range(2000):
        button.setEnabled(True)
    assert sys.getrefcount(None) >= before - 50
