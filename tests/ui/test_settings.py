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


def test_the_users_name_printer_and_paper_are_kept(qtbot: QtBot, window: MainWindow,
                                                  config_dir: Path) -> None:
    from PySide6.QtGui import QPageSize

    from app.ui.printing.preview import PrintPreviewDialog
    from app.ui.user import UserName

    def choose(widget: QWidget) -> None:
        assert isinstance(widget, SettingsDialog)
        assert widget.printer_box.itemText(0) == "系统默认打印机"
        widget.user_name_edit.setText("李娜")
        widget.paper_box.setCurrentIndex(widget.paper_box.findData("A3"))
        widget.accept()

    on_next_modal(choose, SettingsDialog)
    window.open_settings()
    saved = Settings.load()
    assert (saved.user_name, saved.paper, saved.printer_name) == ("李娜", "A3", "")
    # The appeals' 经办人 is that name without asking.
    assert UserName(saved, saved.save).ask(None) == "李娜"
    # The print dialog starts on the chosen paper.
    preview = PrintPreviewDialog(window, window.controller.runner, lambda path: path.write_bytes(b""),
                                 "签到表")
    qtbot.addWidget(preview)
    preview.use_printer(saved.printer_name, saved.paper)
    size = preview.make_printer().pageLayout().pageSize()
    assert size.id() == QPageSize.PageSizeId.A3
    preview.reject()


def test_a_printer_no_longer_there_is_named_so(qtbot: QtBot) -> None:
    settings = Settings(printer_name="办公室HP")
    dialog = SettingsDialog(settings, printers=["财务室Canon"])
    qtbot.addWidget(dialog)
    texts = [dialog.printer_box.itemText(i) for i in range(dialog.printer_box.count())]
    assert texts == ["系统默认打印机", "财务室Canon", "办公室HP（现已找不到）"]
    assert dialog.printer_box.currentData() == "办公室HP"


def test_settings_show_the_community_and_the_backups_and_open_the_communitys_form(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QLabel, QPushButton

    from app.db.backup import backup_folder
    from app.ui.dialogs.record_form import RecordFormDialog
    from app.ui.views.overview import OverviewPage

    from .helpers import present

    window.settings.db_path = str(tmp_path / "ledger.sqlite")
    seen: list[str] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        seen.append(present(dialog.findChild(QLabel, "community")).text())
        seen.append(present(dialog.findChild(QLabel, "backups")).text())
        def close(form: QWidget) -> None:
            seen.append(type(form).__name__)
            form.close()

        on_next_modal(close)
        present(dialog.findChild(QPushButton, "edit_community")).click()

    on_next_modal(look)
    window.open_settings()
    community = window.controller.service.community()
    assert seen[0] == f"{community.name}（{community.code}）"
    assert str(backup_folder(tmp_path / "ledger.sqlite")) in seen[1] and "保留最近 30 天和 12 个月" in seen[1]
    assert seen[2] == RecordFormDialog.__name__
    assert isinstance(window.current_page(), OverviewPage)
