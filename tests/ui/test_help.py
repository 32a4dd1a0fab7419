"""F1 help: the words it names are the words on the screen, and its shortcuts are the menus'."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from app.ui.dialogs.help import HelpDialog
from app.ui.main_window import MainWindow
from app.ui.widgets.sensitive_edit import SensitiveLineEdit

from .helpers import present

pytestmark = pytest.mark.gui


def _help_text(qtbot: QtBot) -> tuple[HelpDialog, QTextBrowser]:
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, present(dialog.findChild(QTextBrowser, "help_text"))


def test_help_walks_through_attendees_the_sign_in_sheet_and_a_usb_package(qtbot: QtBot) -> None:
    _dialog, browser = _help_text(qtbot)
    text = browser.toPlainText()
    for heading in ("为会议添加参会人员", "打印签到表", "用U盘交换同步包"):
        assert heading in text
    # The buttons and menus it names, as the window writes them (no mnemonics, no English).
    for shown in ("会议活动", "出席情况", "添加党员…", "所选会议的签到表", "另存为PDF…", "同步 → 导出同步包…",
                  "导入同步包…", "视图 → 显示完整证件号和电话"):
        assert shown in text, shown
    assert "(&" not in text and "Sync" not in text


def test_help_names_the_show_button_as_it_reads_and_the_redo_key_the_menu_shows(
        qtbot: QtBot, window: MainWindow) -> None:
    _dialog, browser = _help_text(qtbot)
    text = browser.toPlainText()
    edit = SensitiveLineEdit(lambda v: v[:3] + "****")
    qtbot.addWidget(edit)
    edit.set_value("220802197504091234")
    masked_word = edit.button.text()
    edit.button.click()
    revealed_word = edit.button.text()
    assert (masked_word, revealed_word) == ("显示", "隐藏")
    assert f"{masked_word}按钮" in text and revealed_word in text
    redo = window.action_redo.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert redo == "Ctrl+Y" and "Ctrl+Y" in text
    undo = window.action_undo.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert undo in text


def test_each_shortcut_sits_in_its_own_cell_apart_from_what_it_does(qtbot: QtBot) -> None:
    dialog, _browser = _help_text(qtbot)
    html = dialog.html()
    assert "<td style='padding: 2px 16px 2px 0'><b>Ctrl+Z</b></td><td>撤销上一步修改</td>" in html
    assert "Ctrl+Z / Ctrl+Y" not in html


def test_each_walk_through_shows_its_picture(qtbot: QtBot) -> None:
    from PySide6.QtGui import QImage

    from app.resources import help_picture

    dialog, browser = _help_text(qtbot)
    html = dialog.html()
    for name in ("attendees.png", "signin.png", "sync.png"):
        path = help_picture(name)
        image = QImage(str(path))
        assert not image.isNull() and image.width() <= 560, name
        assert path.as_uri().replace("%20", " ") in html or path.as_posix() in html, name
    # The page the browser shows holds the three pictures, in the order of the steps.
    shown = browser.document().toHtml()
    assert shown.index("attendees.png") < shown.index("signin.png") < shown.index("sync.png")
