"""A list's sortable headers order Chinese names by pinyin, both ways, on a real database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.services.identity import make_id_number
from app.services.registry import RegistryService
from app.ui.main_window import MainWindow
from app.ui.views.record_list import RecordListView

pytestmark = pytest.mark.gui

# Listed in code-point order, which no secretary expects.
NAMES = ["刘洋", "张伟", "曾国藩", "李明", "王芳", "赵敏"]
PHONE_BOOK = ["李明", "刘洋", "王芳", "曾国藩", "张伟", "赵敏"]  # li, liu, wang, zeng, zhang, zhao
GROUPS = {"刘洋": "第一党小组", "张伟": "第二党小组", "曾国藩": "第一党小组",
          "李明": "第二党小组", "王芳": "第一党小组", "赵敏": "第二党小组"}


@pytest.fixture
def members(registry: RegistryService) -> None:
    groups = {name: registry.create("party_group", {"name": name}) for name in ["第一党小组", "第二党小组"]}
    for i, name in enumerate(NAMES):
        born = date(1960 + i, 1 + i, 10)
        registry.create("party_member", {
            "name": name, "gender": "male", "birth_date": born, "join_date": date(1990, 7, 1),
            "id_number": make_id_number("220802", born, 11 + 2 * i), "phone": f"1390436{i:04d}",
            "party_group_id": groups[GROUPS[name]],
        })


def _column(view: RecordListView, key: str) -> list[str]:
    col = [c.key for c in view.query.columns].index(key)
    return [view.model.data(view.model.index(r, col)) for r in range(view.model.rowCount())]


def _click_header(qtbot: QtBot, view: RecordListView, key: str) -> None:
    header = view.table.horizontalHeader()
    col = [c.key for c in view.query.columns].index(key)
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_name_list_opens_in_pinyin_order(window: MainWindow, members: None) -> None:
    view = window.open_page("party_member")
    assert isinstance(view, RecordListView)
    assert _column(view, "name") == PHONE_BOOK


def test_clicking_the_name_header_sorts_by_pinyin_both_ways(
        qtbot: QtBot, window: MainWindow, members: None) -> None:
    view = window.open_page("party_member")
    assert isinstance(view, RecordListView)
    _click_header(qtbot, view, "birth_date")
    assert _column(view, "name") != PHONE_BOOK
    header = view.table.horizontalHeader()
    seen = []
    for _ in range(2):
        _click_header(qtbot, view, "name")
        ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        seen.append(ascending)
        assert _column(view, "name") == (PHONE_BOOK if ascending else PHONE_BOOK[::-1])
    assert sorted(seen) == [False, True]


def test_clicking_the_group_header_groups_by_pinyin_then_names(
        qtbot: QtBot, window: MainWindow, members: None) -> None:
    view = window.open_page("party_member")
    assert isinstance(view, RecordListView)
    _click_header(qtbot, view, "party_group")
    if view.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        _click_header(qtbot, view, "party_group")
    # 第一 before 第二, ordinals by their value; each group's members by name.
    assert _column(view, "party_group") == ["第一党小组"] * 3 + ["第二党小组"] * 3
    assert _column(view, "name") == ["刘洋", "王芳", "曾国藩", "李明", "张伟", "赵敏"]
