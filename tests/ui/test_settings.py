"""English can be chosen in the settings; the choice is saved and used at the next start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.services.registry import RegistryService
from app.settings import Settings
from app.ui.dialogs.settings import SettingsDialog
from app.ui.main_window import MainWindow

from .helpers import on_next_modal

pytestmark = pytest.mark.gui


def test_choosing_english_is_saved(qtbot: QtBot, window: MainWindow, config_dir: Path) -> None:
    seen: list[str] = []

    def choose_english(widget: QWidget) -> None:
        assert isinstance(widget, SettingsDialog)
        widget.language_box.setCurrentIndex(widget.language_box.findData("en"))
        widget.accept()
        on_next_modal(note_restart, QMessageBox)

    def note_restart(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        seen.append(widget.text())
        widget.accept()

    on_next_modal(choose_english, SettingsDialog)
    window.open_settings()
    assert Settings.load().language == "en"
    assert seen and "重新启动" in seen[0]


def test_the_app_starts_in_english_when_asked(registry: RegistryService, tmp_path: Path) -> None:
    assert registry.db.path is not None
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]); "
        "from app.ui.look import install_translators; "
        "print(len(install_translators(app, sys.argv[1]))); "
        "from PySide6.QtCore import QCoreApplication as Q; "
        "print(Q.translate('MainWindow', 'Community overview'))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    english = subprocess.run([sys.executable, "-c", code, "en"], capture_output=True, text=True, env=env,
                             check=True).stdout.split()
    chinese = subprocess.run([sys.executable, "-c", code, "zh_CN"], capture_output=True, text=True, env=env,
                             check=True).stdout.split()
    assert english == ["0", "Community", "overview"]
    assert chinese == ["2", "社区概况"]
