"""The first start: the wizard asks for the community and the data folder, then the main window opens."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from app.bootstrap import open_main_window
from app.db.database import Database
from app.services.registry import RegistryService
from app.settings import Settings
from app.ui.dialogs.first_run import FirstRunWizard
from app.ui.main_window import MainWindow

from .helpers import answer_next_message_box, type_text, visible_errors

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
    assert wizard.start_page is not None
    wizard.start_page.real.click()  # 建立本社区的台账
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
    wizard.next()
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
        wizard.next()
        _fill(qtbot, wizard, {**GOOD, "secretary_name": "赵桂香"})
        # The organisation's usual name is offered as the community's name is typed.
        org = wizard.community_page.editors["org_name"]
        assert isinstance(org, QLineEdit) and org.placeholderText() == "中共幸福社区委员会"
        wizard.next()
        wizard.button(QWizard.WizardButton.FinishButton).click()

    QTimer.singleShot(0, drive)
    settings = Settings()
    opened = open_main_window(argparse.Namespace(db=None, smoke=False, lang=None), settings)
    assert not isinstance(opened, int)
    window, db, _sync = opened
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow)
    assert "幸福社区" in window.windowTitle() and "示例" not in window.windowTitle()
    # 社区概况 names the organisation and its secretary.
    overview = window.open_page("overview")
    shown = {label.objectName(): label.text() for label in overview.findChildren(QLabel)}
    assert shown["info_org_name"] == "中共幸福社区委员会"
    assert shown["info_secretary_name"] == "赵桂香"
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


def _choose_demo() -> None:
    wizard = QApplication.activeModalWidget()
    if not isinstance(wizard, FirstRunWizard):
        QTimer.singleShot(20, _choose_demo)
        return
    assert wizard.start_page is not None
    # Nothing more to fill in: one click.
    wizard.start_page.demo.click()


@pytest.mark.slow
def test_the_demo_opens_in_a_file_of_its_own_marked_in_the_title(qtbot: QtBot, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.setattr("app.bootstrap.default_data_dir", lambda: data)
    QTimer.singleShot(0, _choose_demo)
    settings = Settings()
    opened = open_main_window(argparse.Namespace(db=None, smoke=False, lang=None), settings)
    assert not isinstance(opened, int)
    window, db, _sync = opened
    qtbot.addWidget(window)
    assert window.windowTitle().endswith("（示例）")
    assert db.path == data / "示例数据" / "demo.sqlite"
    assert RegistryService(db).counts()["party_member"] > 1000
    # The real ledger is neither made nor remembered: the next start asks again.
    assert not (data / "ledger.sqlite").exists()
    assert Settings.load().db_path == ""
    window.controller.runner.shutdown()
    db.close()


def test_a_demo_file_with_data_typed_by_hand_is_explained_and_left_alone(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.setattr("app.bootstrap.default_data_dir", lambda: data)
    typed = data / "示例数据" / "demo.sqlite"
    typed.parent.mkdir(parents=True)
    db = Database.open(typed)
    service = RegistryService(db)
    service.create_community({**GOOD, "org_kind": "committee"})
    service.create("party_group", {"name": "第一党小组"})
    db.close()
    QTimer.singleShot(0, _choose_demo)
    seen = answer_next_message_box(QMessageBox.StandardButton.Ok)
    assert open_main_window(argparse.Namespace(db=None, smoke=False, lang=None), Settings()) == 0
    assert "手工录入" in seen[0] and "建立本社区的台账" in seen[0] and str(typed) in seen[0]
    reopened = Database.open(typed)
    assert RegistryService(reopened).counts()["party_member"] == 0
    assert RegistryService(reopened).counts()["party_group"] == 1
    reopened.close()
