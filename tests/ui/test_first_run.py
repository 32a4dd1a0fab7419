"""The first start: the wizard asks for the community and the data folder, then the main window opens."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from app.bootstrap import open_main_window
from app.db.database import Database
from app.services.registry import RegistryService
from app.settings import Settings
from app.ui.dialogs.first_run import FirstRunWizard
from app.ui.main_window import MainWindow

from .helpers import type_text, visible_errors

pytestmark = pytest.mark.gui

GOOD = {"name": "幸福社区", "code": "220802001", "street": "明仁街道", "district": "洮北区", "city": "白城市"}


def _fill(qtbot: QtBot, wizard: FirstRunWizard, values: dict[str, str]) -> None:
    for name, value in values.items():
        editor = wizard.community_page.editors[name]
        editor.clear()
        type_text(qtbot, editor, value)


def test_missing_fields_are_named_in_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = FirstRunWizard(tmp_path / "data")
    qtbot.addWidget(wizard)
    wizard.show()
    _fill(qtbot, wizard, {**GOOD, "name": "", "city": ""})
    wizard.next()
    assert wizard.currentPage() is wizard.community_page
    errors = visible_errors(wizard.community_page)
    assert errors == {"name": "此项为必填项。", "city": "此项为必填项。"}
    _fill(qtbot, wizard, {"name": "幸福社区", "city": "白城市"})
    wizard.next()
    assert wizard.currentPage() is wizard.folder_page


def test_a_folder_that_cannot_be_written_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    wizard = FirstRunWizard(blocker / "data")
    qtbot.addWidget(wizard)
    wizard.show()
    _fill(qtbot, wizard, GOOD)
    wizard.next()
    assert wizard.folder_page is not None
    assert wizard.folder_page.validatePage() is False
    assert "无法写入" in wizard.folder_page.error.text()
    wizard.folder_page.folder.setText(str(tmp_path / "ledger-data"))
    assert wizard.folder_page.validatePage() is True
    assert wizard.db_path() == tmp_path / "ledger-data" / "ledger.sqlite"


def test_first_start_creates_the_database_and_remembers_it(qtbot: QtBot, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.setattr("app.bootstrap.default_data_dir", lambda: data)

    def drive() -> None:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, FirstRunWizard):
            QTimer.singleShot(20, drive)
            return
        _fill(qtbot, wizard, GOOD)
        wizard.next()
        wizard.button(QWizard.WizardButton.FinishButton).click()

    QTimer.singleShot(0, drive)
    settings = Settings()
    opened = open_main_window(argparse.Namespace(db=None, smoke=False, lang=None), settings)
    assert not isinstance(opened, int)
    window, db, _sync = opened
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow)
    assert "幸福社区" in window.windowTitle()
    assert settings.db_path == str(data / "ledger.sqlite")
    assert Settings.load().db_path == settings.db_path
    db.close()
    reopened = Database.open(data / "ledger.sqlite")
    assert RegistryService(reopened).community().code == "220802001"
    reopened.close()


def test_cancelling_the_wizard_creates_nothing(qtbot: QtBot, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.setattr("app.bootstrap.default_data_dir", lambda: data)

    def cancel() -> None:
        wizard = QApplication.activeModalWidget()
        if isinstance(wizard, FirstRunWizard):
            wizard.reject()
        else:
            QTimer.singleShot(20, cancel)

    QTimer.singleShot(0, cancel)
    assert open_main_window(argparse.Namespace(db=None, smoke=False, lang=None), Settings()) == 0
    assert not data.exists()
