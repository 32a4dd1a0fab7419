"""导出Excel on every list and table of the ledger pages: what the page shows, as a workbook."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.services.appeals import AppealService
from app.services.funds import FundService
from app.services.guarantees import GuaranteeService
from app.services.registry import RegistryService
from app.services.workday import WorkdayService
from app.ui.ledgers import install
from app.ui.ledgers.appeals import AppealsPage
from app.ui.ledgers.funds import FundsPage
from app.ui.ledgers.guarantees import GuaranteesPage
from app.ui.ledgers.projects import ProjectsPage
from app.ui.ledgers.workday import WorkdayPage
from app.ui.main_window import MainWindow
from app.ui.table_export import TableExport
from app.ui.views.record_list import RecordListView

pytestmark = pytest.mark.gui

H = Qt.Orientation.Horizontal
PAGES = ("meetings", "projects", "appeals", "guarantees", "workday", "cobuild", "funds", "training", "venues",
         "brands")


@pytest.fixture
def ledgers(window: MainWindow, db: Database) -> MainWindow:
    install(window, db)
    return window


def _rows(path: Path, sheet: int = 0) -> list[list[Any]]:
    ws = load_workbook(path).worksheets[sheet]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _export(qtbot: QtBot, export: TableExport, path: Path) -> list[list[Any]]:
    export.export_to(path)
    qtbot.waitUntil(lambda: export.written is not None)
    return _rows(path)


@pytest.mark.parametrize("key", PAGES)
def test_every_ledger_page_has_an_export_for_each_of_its_lists_and_tables(
        ledgers: MainWindow, key: str) -> None:
    page = ledgers.open_page(key)
    assert page is not None
    buttons = [b for b in page.findChildren(QPushButton) if b.text() == "导出Excel"]
    assert buttons, key
    lists = page.findChildren(RecordListView) + ([page] if isinstance(page, RecordListView) else [])
    for view in lists:
        assert view.export_button in buttons


def test_the_appeals_list_exports_the_phone_as_shown_and_in_full_only_when_shown(
        qtbot: QtBot, ledgers: MainWindow, db: Database, tmp_path: Path) -> None:
    service = AppealService(db)
    service.receive({"category": "help", "content": "楼道灯坏了", "resident_name": "刘大妈",
                     "resident_phone": "13804361234", "received_at": datetime(2026, 3, 5, 9, 0)})
    page = ledgers.open_page("appeals")
    assert isinstance(page, AppealsPage)
    out = tmp_path / "诉求.xlsx"
    page.list.export_to(out)
    page.list.controller.runner.wait()
    rows = _rows(out)
    headers = rows[1]
    shown = [page.list.model.headerData(c, H) for c in range(page.list.model.columnCount())]
    assert headers == shown
    row = dict(zip(headers, rows[2], strict=True))
    assert row["诉求人"] == "刘大妈" and row["联系电话"] == "138****1234"
    assert row["接诉时间"] == datetime(2026, 3, 5, 9, 0)
    on_screen = {page.list.model.headerData(c, H): page.list.model.data(page.list.model.index(0, c))
                 for c in range(page.list.model.columnCount())}
    assert row["渠道"] == on_screen["渠道"] == "热线电话"
    assert row["完成情况"] == on_screen["完成情况"] == "已接诉"
    page.list.set_show_sensitive(True)
    page.list.export_to(out)
    page.list.controller.runner.wait()
    ws = load_workbook(out).active
    assert ws is not None
    phone = ws.cell(3, headers.index("联系电话") + 1)
    assert phone.value == "13804361234" and phone.data_type == "s"


def test_the_guarantee_matrix_exports_as_shown(qtbot: QtBot, ledgers: MainWindow, db: Database,
                                               registry: RegistryService, tmp_path: Path) -> None:
    compound = registry.create("compound", {"name": "阳光小区"})
    GuaranteeService(db).create({"compound_id": compound, "leader_name": "王建华", "leader_post": "副区长",
                                 "since": date(2026, 1, 5)})
    page = ledgers.open_page("guarantees")
    assert isinstance(page, GuaranteesPage)
    rows = _export(qtbot, page.export, tmp_path / "包保.xlsx")
    model = page.model
    assert rows[0][0] == "小区包保（五包保）"
    assert rows[1] == [model.headerData(c, H) for c in range(model.columnCount())]
    assert rows[2][:3] == ["阳光小区", "王建华", "副区长"]
    assert rows[2][4] == "– 未启动" and rows[2][9] == "0 / 5"
    assert rows[3][0] == "合计：1 个小区"
    assert len(rows) == 2 + model.rowCount()


def test_the_running_balance_exports_amounts_as_numbers(qtbot: QtBot, ledgers: MainWindow, db: Database,
                                                        tmp_path: Path) -> None:
    funds = FundService(db)
    fund = funds.create_fund({"name": "党建经费", "kind": "party_building", "opening_fen": 10000})
    funds.add_entry({"fund_id": fund, "entry_date": date(2026, 3, 1), "direction": "income",
                     "amount_fen": 5050, "purpose": "上级拨付", "voucher_no": "0001"})
    page = ledgers.open_page("funds")
    assert isinstance(page, FundsPage)
    page.ledger.reload_funds()
    page.ledger.year.setValue(2026)
    rows = _export(qtbot, page.ledger.export, tmp_path / "经费.xlsx")
    assert rows[0][0].startswith("党建经费") and "2026" in rows[0][0]
    assert rows[2][0] == datetime(2026, 3, 1) and rows[2][1] == "0001"
    assert rows[0][0].endswith("（上年结转 100.00 · 收入 50.50 · 支出 0.00 · 余额 150.50（元））")
    assert rows[1] == ["日期", "凭证号", "用途", "收入（元）", "支出（元）", "余额（元）", "经办人"]
    assert rows[2][3] == 50.5 and rows[2][4] is None and rows[2][5] == 150.5
    ws = load_workbook(tmp_path / "经费.xlsx").active
    assert ws is not None and ws.cell(3, 6).number_format == "#,##0.00"


def test_the_quarter_summary_exports_its_counts_and_total(qtbot: QtBot, ledgers: MainWindow, db: Database,
                                                          registry: RegistryService, tmp_path: Path) -> None:
    organ = registry.create("organ", {"name": "洮北区税务局"})
    cadre = registry.create("cadre", {"organ_id": organ, "name": "董文斌"})
    WorkdayService(db).record({"month": "2026-03", "cadre_id": cadre, "service": "入户走访",
                               "arrived_at": datetime(2026, 3, 14, 8, 30),
                               "left_at": datetime(2026, 3, 14, 11, 30), "party_lesson": True,
                               "goods_fen": 30050})
    page = ledgers.open_page("workday")
    assert isinstance(page, WorkdayPage)
    page.summary.year.setValue(2026)
    page.summary.quarter.setCurrentIndex(0)
    rows = _export(qtbot, page.summary_export, tmp_path / "季度.xlsx")
    assert rows[0][0] == "2026年第1季度社区工作日反馈"
    assert rows[2][:4] == ["洮北区税务局", 1, 1, 1] and rows[2][6] == 300.5
    assert rows[3][0] == "合计"


def test_the_projects_board_and_the_unclaimed_export_from_their_tabs(
        qtbot: QtBot, ledgers: MainWindow, db: Database, tmp_path: Path) -> None:
    page = ledgers.open_page("projects")
    assert isinstance(page, ProjectsPage)
    page.year.setValue(2026)
    assert not page.export.button.isVisibleTo(page)
    page.tabs.setCurrentIndex(page.BOARD_TAB)
    assert page.export.button.isVisibleTo(page)
    rows = _export(qtbot, page.export, tmp_path / "看板.xlsx")
    assert rows[0][0] == "2026年书记项目进度看板"
    model = page.board.model
    assert rows[1] == [model.headerData(c, H) for c in range(model.columnCount())]
    page.tabs.setCurrentIndex(page.UNCLAIMED_TAB)
    rows = _export(qtbot, page.export, tmp_path / "未认领.xlsx")
    assert rows[0][0] == "2026年未认领书记项目的书记"
    assert rows[1:] == [["层级", "书记", "党组织"], ["社区党组织", "（未登记姓名）", "幸福社区"]]


def test_the_supervision_lists_export_one_sheet_each(qtbot: QtBot, ledgers: MainWindow, db: Database,
                                                     tmp_path: Path) -> None:
    page = ledgers.open_page("appeals")
    assert isinstance(page, AppealsPage)
    page.tabs.setCurrentWidget(page.supervision)
    assert page.supervision_export.button.isVisibleTo(page)
    _export(qtbot, page.supervision_export, tmp_path / "督办.xlsx")
    names = load_workbook(tmp_path / "督办.xlsx").sheetnames
    assert names == ["已超期（0）", "临期（0）", "应督办升级（0）"]
    assert _rows(tmp_path / "督办.xlsx")[1] == ["编号", "内容", "承办单位", "办理时限", "工作日", "状态"]



def test_a_meetings_attendance_exports_with_its_counts(qtbot: QtBot, ledgers: MainWindow, db: Database,
                                                       registry: RegistryService, tmp_path: Path) -> None:
    from app.services.meetings import MeetingService

    group = registry.create("party_group", {"name": "第一党小组"})
    registry.create("party_member", {"name": "张伟", "gender": "male", "birth_date": date(1970, 5, 1),
                                     "join_date": date(2000, 7, 1), "status": "full",
                                     "party_group_id": group})
    meetings = MeetingService(db)
    meeting = meetings.create({"kind": "general_meeting", "topic": "学习党的创新理论",
                               "starts_at": datetime(2026, 3, 5, 14, 30)})
    meetings.add_members(meeting)
    page = ledgers.open_page("meetings")
    assert page is not None
    panel = page.attendance  # type: ignore[attr-defined]
    assert not panel.export.button.isEnabledTo(panel)
    page.open_record(meeting)  # type: ignore[attr-defined]
    assert panel.export.button.isEnabledTo(panel)
    rows = _export(qtbot, panel.export, tmp_path / "出席.xlsx")
    assert rows[0][0].startswith("学习党的创新理论（2026-03-05 14:30）出席情况（应到 1 人，实到 0 人")
    assert rows[1][:3] == ["姓名", "党小组/楼栋/单位", "职务"] and rows[2][0] == "张伟"
