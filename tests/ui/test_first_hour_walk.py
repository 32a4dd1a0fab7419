"""A new user's first hour, scripted: from the first start to a saved sign-in sheet of a party
group meeting with the group's members, counting what the user does (clicks, choices, runs of
keystrokes). The count is reported in the README; it must stay below 25."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from printing.pdfcheck import text
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.bootstrap import open_main_window
from app.settings import Settings
from app.ui.dialogs.first_run import FirstRunWizard
from app.ui.ledgers.meetings import MeetingFormDialog, MeetingsPage
from app.ui.ledgers.print_menu import PrintChoiceDialog
from app.ui.printing.preview import PrintPreviewDialog

from .helpers import on_next_modal, present, type_text

pytestmark = [pytest.mark.gui, pytest.mark.slow]

MOST_ACTIONS = 25


class User:
    """Does what a user does, one counted action at a time."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.actions: list[str] = []

    def click(self, button: QAbstractButton, what: str) -> None:
        self.actions.append(f"click {what}")
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def click_at(self, widget: QWidget, point: QPoint, what: str) -> None:
        self.actions.append(f"click {what}")
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)

    def choose(self, combo: QComboBox, index: int, what: str) -> None:
        self.actions.append(f"choose {what}")
        combo.setCurrentIndex(index)

    def type(self, widget: QWidget, text: str, what: str) -> None:
        self.actions.append(f"type {what}")
        type_text(self.qtbot, widget, text)

    def key(self, widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier, what: str) -> None:
        self.actions.append(f"press {what}")
        self.qtbot.keyClick(widget, key, modifier)


def test_from_the_first_start_to_a_saved_sign_in_sheet(qtbot: QtBot, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.setattr("app.bootstrap.default_data_dir", lambda: data)
    user = User(qtbot)

    # The first start: the wizard; the user tries the app on the demo community.
    def wizard(widget: QWidget) -> None:
        assert isinstance(widget, FirstRunWizard) and widget.start_page is not None
        user.click(widget.start_page.demo, "使用示例数据体验")

    on_next_modal(wizard, FirstRunWizard)
    opened = open_main_window(argparse.Namespace(db=None, smoke=False, lang=None), Settings())
    assert not isinstance(opened, int)
    window, db, _sync = opened
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert "示例" in window.windowTitle()

    # 会议活动 in the navigation.
    nav = window.nav
    item = present(nav.findItems("会议活动", Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)[0])
    user.click_at(nav.viewport(), nav.visualItemRect(item).center(), "会议活动")
    page = window.current_page()
    assert isinstance(page, MeetingsPage)

    # 新建: a 党小组会 of the first group, its members proposed; a topic and a time; 保存.
    proposed: list[str] = []

    def new_meeting(widget: QWidget) -> None:
        assert isinstance(widget, MeetingFormDialog)
        form = widget.form
        kind, group = form.editors["kind"], form.editors["party_group_id"]
        assert isinstance(kind, QComboBox) and isinstance(group, QComboBox)
        user.choose(kind, kind.findData("group_meeting"), "类型 党小组会")
        user.choose(group, 1, "党小组")
        proposed.extend(widget.proposal.list.item(i).text().split("（")[0]
                        for i in range(widget.proposal.list.count()))
        topic, when = form.editors["topic"], form.editors["starts_at"]
        assert isinstance(topic, QLineEdit) and isinstance(when, QLineEdit)
        user.type(topic, "学习党章", "主题")
        user.type(when, "2026-04-08 19:00", "时间")
        user.click(present(widget.buttons.button(QDialogButtonBox.StandardButton.Save)), "保存")

    on_next_modal(new_meeting, MeetingFormDialog)
    user.click(page.list.add_button, "新建")
    assert len(proposed) >= 5
    assert page.attendance.table.rowCount() == len(proposed)

    # Ctrl+P, 所选会议的签到表.
    def choose_sheet(widget: QWidget) -> None:
        assert isinstance(widget, PrintChoiceDialog)
        user.click(widget.buttons[0], widget.buttons[0].text())

    on_next_modal(choose_sheet, PrintChoiceDialog)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    user.key(page.list.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier, "Ctrl+P")
    preview = window.findChildren(PrintPreviewDialog)[-1]
    qtbot.waitUntil(lambda: preview.page_count > 0, timeout=60000)

    # 另存为PDF…, a name in the file dialog, 保存.
    target = tmp_path / "签到表.pdf"

    def save(widget: QWidget) -> None:
        assert isinstance(widget, QFileDialog)
        user.actions.append("type 文件名")
        widget.selectFile(str(target))
        user.actions.append("click 保存")
        widget.accept()

    on_next_modal(save, QFileDialog)
    user.click(preview.save_button, "另存为PDF")
    assert target.exists()
    assert str(target) in preview.message_label.text() and preview.open_folder_button.isVisible()

    sheet = "".join(text(target).split())
    assert "党小组会签到表" in sheet and "学习党章" in sheet
    assert all(name in sheet for name in proposed)
    assert f"应到{len(proposed)}人" in sheet

    print(f"\n{len(user.actions)} actions: " + "; ".join(user.actions))
    assert len(user.actions) < MOST_ACTIONS, user.actions
    preview.close()
    window.controller.runner.shutdown()
    db.close()
