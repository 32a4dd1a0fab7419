"""The main window as a secretary meets it: Chinese navigation, search, filters, masking, shortcuts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from app.bootstrap import open_database
from app.services.identity import make_id_number
from app.services.registry import RegistryService
from app.ui.main_window import MainWindow
from app.ui.views.overview import OverviewPage
from app.ui.views.record_list import RecordListView
from app.ui.widgets.sensitive_edit import SensitiveLineEdit

from .helpers import answer_next_message_box, present, type_text

pytestmark = pytest.mark.gui

NAMES = ["张伟", "张伟明", "王芳", "李娜", "刘洋", "张秀英"]


@pytest.fixture
def members(registry: RegistryService) -> dict[str, str]:
    c1 = registry.create("compound", {"name": "幸福家园"})
    c2 = registry.create("compound", {"name": "锦绣华庭"})
    g1 = registry.create("party_group", {"name": "第一党小组", "compound_id": c1})
    ids = {"c1": c1, "c2": c2, "g1": g1}
    for i, name in enumerate(NAMES):
        born = date(1960 + i, 1 + i, 10)
        ids[name] = registry.create("party_member", {
            "name": name, "gender": "male", "birth_date": born, "join_date": date(1990, 7, 1),
            "id_number": make_id_number("220802", born, 11 + 2 * i), "phone": f"1390436{i:04d}",
            "compound_id": c1 if i % 2 == 0 else c2, "party_group_id": g1 if i < 3 else None,
        })
    return ids


def _names(view: RecordListView) -> list[str]:
    return [view.model.data(view.model.index(r, 0)) for r in range(view.model.rowCount())]


def test_navigation_tree_is_in_chinese(window: MainWindow) -> None:
    tops = [present(window.nav.topLevelItem(i)).text(0) for i in range(window.nav.topLevelItemCount())]
    assert tops == ["社区概况", "小区与楼栋", "党组织与党员", "业委会与物业", "驻区单位"]
    assert isinstance(window.current_page(), OverviewPage)
    assert window.menuBar().actions()[0].text() == "文件(&F)"


def test_clicking_a_section_opens_its_first_list(qtbot: QtBot, window: MainWindow) -> None:
    party = window.nav.topLevelItem(2)
    window.nav.setCurrentItem(present(party))
    page = window.current_page()
    assert isinstance(page, RecordListView) and page.kind == "party_group"
    assert page.title.text() == "党小组"


def test_search_as_you_type_and_filters(qtbot: QtBot, window: MainWindow, members: dict[str, str]) -> None:
    view = window.open_page("party_member")
    assert isinstance(view, RecordListView)
    assert view.model.rowCount() == len(NAMES)
    type_text(qtbot, view.search, "张")
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    assert sorted(_names(view)) == sorted(["张伟", "张伟明", "张秀英"])
    type_text(qtbot, view.search, "伟")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    view.search.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == len(NAMES))

    view.set_filter("compound_id", members["c2"])
    assert sorted(_names(view)) == sorted(["张伟明", "李娜", "张秀英"])
    view.set_filter("party_group_id", members["g1"])
    assert _names(view) == ["张伟明"]
    view.set_filter("compound_id", None)
    assert sorted(_names(view)) == sorted(["张伟", "张伟明", "王芳"])


def test_names_are_found_by_their_pinyin_and_an_empty_search_says_how_to_widen_it(
        qtbot: QtBot, window: MainWindow, members: dict[str, str]) -> None:
    view = window.open_page("party_member")
    assert isinstance(view, RecordListView)
    qtbot.keyClicks(view.search, "zxy")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert _names(view) == ["张秀英"]
    assert view.count_label.text() == "共 1 条"
    view.search.clear()
    qtbot.keyClicks(view.search, "zhangwei")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert sorted(_names(view)) == sorted(["张伟", "张伟明"])
    view.search.clear()
    qtbot.keyClicks(view.search, "qqq")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert "没有找到与“qqq”相符的记录" in view.count_label.text()
    assert "拼音首字母" in view.count_label.text()


def test_sorting_by_a_column_header(qtbot: QtBot, window: MainWindow, members: dict[str, str]) -> None:
    view = window.open_page("party_member")
    assert isinstance(view, RecordListView)
    birth_col = [c.key for c in view.query.columns].index("birth_date")
    view.table.sortByColumn(birth_col, Qt.SortOrder.DescendingOrder)
    assert _names(view) == list(reversed(NAMES))


def test_new_record_in_a_filtered_list_starts_in_that_compound(qtbot: QtBot, window: MainWindow,
                                                               members: dict[str, str]) -> None:
    view = window.open_page("building")
    assert isinstance(view, RecordListView)
    view.set_filter("compound_id", members["c2"])
    dialog = view.add_dialog()
    qtbot.addWidget(dialog)
    assert dialog.form.values()["compound_id"] == members["c2"]


def test_id_numbers_and_phones_are_masked_until_asked(qtbot: QtBot, window: MainWindow,
                                                      members: dict[str, str]) -> None:
    view = window.open_page("party_member")
    assert isinstance(view, RecordListView)
    keys = [c.key for c in view.query.columns]
    row = [view.model.data(view.model.index(0, c)) for c in range(len(keys))]
    phone, idn = row[keys.index("phone")], row[keys.index("id_number")]
    assert "****" in phone and len(phone) == 11
    assert idn.startswith("2208") and "*" * 10 in idn
    window.action_sensitive.trigger()
    row = [view.model.data(view.model.index(0, c)) for c in range(len(keys))]
    assert "*" not in row[keys.index("phone")] and "*" not in row[keys.index("id_number")]
    window.action_sensitive.trigger()

    dialog = view.edit_dialog(members["张伟"])
    qtbot.addWidget(dialog)
    id_edit = dialog.form.editors["id_number"]
    assert isinstance(id_edit, SensitiveLineEdit)
    assert "*" in id_edit.edit.text() and id_edit.edit.isReadOnly()


def test_keyboard_shortcuts(qtbot: QtBot, window: MainWindow, members: dict[str, str]) -> None:
    assert window.action_new.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.action_find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.action_print.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert window.action_help.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    assert window.action_quit.shortcut() == QKeySequence("Ctrl+Q")
    assert window.action_undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    window.open_page("party_member")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    view = window.current_page()
    assert isinstance(view, RecordListView)
    qtbot.waitUntil(lambda: view.search.hasFocus())


def test_status_bar_shows_community_and_counts(qtbot: QtBot, window: MainWindow,
                                               members: dict[str, str]) -> None:
    window.update_counts()
    assert "幸福社区" in window.community_label.text()
    assert "党员 6" in window.counts_label.text() and "小区 2" in window.counts_label.text()


def test_overview_counts_follow_edits(qtbot: QtBot, window: MainWindow, registry: RegistryService) -> None:
    page = window.current_page()
    assert isinstance(page, OverviewPage)
    assert page.count_values["compound"].text() == "0"
    view = window.open_page("compound")
    assert isinstance(view, RecordListView)
    window.controller.create("compound", {"name": "阳光小区"})
    assert page.count_values["compound"].text() == "1"
    assert page.heading.text() == "幸福社区"


def test_a_bad_database_file_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    bad = tmp_path / "notes.sqlite"
    bad.write_bytes(b"this is not a database at all" * 10)
    seen = answer_next_message_box(QMessageBox.StandardButton.Ok)
    assert open_database(bad) is None
    assert seen and "不是社区党建台账的数据库" in seen[0]
    assert bad.read_bytes() == b"this is not a database at all" * 10


def test_smoke_run_opens_and_paints(tmp_path: Path, registry: RegistryService) -> None:
    assert registry.db.path is not None
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COMMUNITY_LEDGER_CONFIG_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "app", "--db", str(registry.db.path), "--smoke"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(figures) >= {"window_ms", "members_list_ms", "rss_mb"}


def test_smoke_run_refuses_a_database_without_community(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COMMUNITY_LEDGER_CONFIG_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "app", "--db", str(tmp_path / "empty.sqlite"), "--smoke"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2
    assert "no community" in result.stderr and "Traceback" not in result.stderr


def test_no_visible_english_left_in_the_main_window(qtbot: QtBot, window: MainWindow,
                                                    members: dict[str, str]) -> None:
    """Every page, menu and header a secretary sees is translated."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts: list[str] = []
    for key in window.pages:
        page = window.open_page(key)
        texts += [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(page)]
        texts += [w.text() for w in page.findChildren(QAbstractButton) if w.isVisibleTo(page)]
        if isinstance(page, RecordListView):
            texts += [page.model.headerData(c, Qt.Orientation.Horizontal)
                      for c in range(page.model.columnCount())]
    for menu_action in window.menuBar().actions():
        texts.append(menu_action.text())
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        texts += [a.text() for a in menu.actions() if a.text()]
    allowed = {"Ctrl", "PDF"}

    def english_words(text: str) -> list[str]:
        text = re.sub(r"\(&\w\)", "", text)
        return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in allowed]

    english = [t for t in texts if t and english_words(t)]
    assert not english, english
    assert len(texts) > 100
