"""File → 从Excel导入 and the lists' 导出Excel, as a secretary uses them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from domain.workbooks import ID_1, member_rows, members_workbook
from openpyxl import load_workbook
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot

from app.bootstrap import install_excel_import
from app.services.registry import RegistryService
from app.ui.controllers.records import RecordController
from app.ui.dialogs.excel_import import ExcelImportWizard
from app.ui.main_window import MainWindow
from app.ui.views.record_list import RecordListView

from .helpers import present


@pytest.fixture
def groups(registry: RegistryService) -> None:
    for name in ("第一党小组", "第二党小组"):
        registry.create("party_group", {"name": name, "kind": "ordinary"})


def _names(registry: RegistryService) -> set[str]:
    return {r[1] for r in registry.list_query("party_member").all_rows()}


def _cell(table: QTableWidget, row: int, column: int) -> str:
    return present(table.item(row, column)).text()


def _wizard(qtbot: QtBot, controller: RecordController, path: Path) -> ExcelImportWizard:
    wizard = ExcelImportWizard(controller)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.file_page.load_sheets()
    assert wizard.file_page.sheet.currentText() == "党员名册"
    return wizard


def test_the_wizard_maps_previews_imports_and_undo_takes_it_back(
        qtbot: QtBot, controller: RecordController, registry: RegistryService, groups: None,
        tmp_path: Path) -> None:
    rows = member_rows()
    rows[3][4] = "1980.02.30"
    wizard = _wizard(qtbot, controller, members_workbook(tmp_path / "花名册.xlsx", rows))
    wizard.next()
    mapping = present(wizard.findChild(QTableWidget, "import_mapping"))
    assert [_cell(mapping, r, 0) for r in range(mapping.rowCount())][1:6] == [
        "姓名", "性别", "民族", "出生日期", "入党时间"]
    combo = mapping.cellWidget(4, 2)
    assert isinstance(combo, QComboBox) and combo.currentText() == "出生日期"
    wizard.next()
    summary = present(wizard.findChild(QLabel, "import_summary"))
    assert "新增3条" in summary.text() and "不能导入1条" in summary.text()
    preview = present(wizard.findChild(QTableWidget, "import_preview"))
    texts = [(_cell(preview, r, 0), _cell(preview, r, 1), _cell(preview, r, 2))
             for r in range(preview.rowCount())]
    assert ("8", "不能导入", "出生日期：请输入日期，例如 2024-03-05。") in texts
    assert ("5", "新增", "张建国") in texts

    wizard.next()  # the last page's validation imports
    assert _names(registry) == {"张建国", "李秀英", "王德明"}
    assert "新增3条" in wizard.summary_text
    controller.undo_stack.undo()
    assert _names(registry) == set()
    controller.undo_stack.redo()
    assert _names(registry) == {"张建国", "李秀英", "王德明"}


def test_a_corrected_column_is_used_and_remembered(
        qtbot: QtBot, controller: RecordController, registry: RegistryService, groups: None,
        tmp_path: Path) -> None:
    path = members_workbook(tmp_path / "m.xlsx")
    wizard = _wizard(qtbot, controller, path)
    wizard.next()
    wizard.mapping_page.set_field(7, None)  # 手机号 not imported
    wizard.next()
    wizard.next()
    zhang = next(r for r in registry.list_query("party_member").all_rows() if r[1] == "张建国")
    assert registry.get("party_member", zhang[0])["phone"] == ""
    again = _wizard(qtbot, controller, path)
    again.next()
    combo = again.mapping_page.combos[7]
    assert combo.currentData() is None and combo.currentText() == "（不导入）"


def test_a_file_that_is_no_workbook_says_so(
        qtbot: QtBot, controller: RecordController, tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    path.write_bytes(b"not a workbook")
    wizard = ExcelImportWizard(controller)
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(path))
    wizard.file_page.load_sheets()
    assert wizard.file_page.problem.text() == "无法读取该文件：不是工作簿或CSV文件。"
    assert not wizard.file_page.isComplete()


def test_the_list_exports_what_it_shows(
        qtbot: QtBot, controller: RecordController, registry: RegistryService, groups: None,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = _wizard(qtbot, controller, members_workbook(tmp_path / "m.xlsx"))
    wizard.next()
    wizard.next()
    wizard.next()
    view = RecordListView(controller, "party_member")
    qtbot.addWidget(view)
    view.search.setText("张")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    out = tmp_path / "导出.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view.export_button.click()
    ws = load_workbook(out).active
    assert ws is not None
    assert ws["A1"].value == "党员" and ws.freeze_panes == "A3"
    assert [c.value for c in ws[2]][:2] == ["姓名", "性别"]
    assert [r[0] for r in ws.iter_rows(min_row=3, values_only=True)] == ["张建国"]
    ids = [c for c in ws[3] if isinstance(c.value, str) and c.value.startswith("2208")]
    assert ids and ids[0].value != ID_1  # masked, as the list shows it
    view.set_show_sensitive(True)
    view.export_button.click()
    ws = load_workbook(out).active
    assert ws is not None
    assert ID_1 in [c.value for c in ws[3]]
    assert "已将1条记录保存到" in view.count_label.text()


def test_the_file_menu_offers_the_import(window: MainWindow, qtbot: QtBot) -> None:
    install_excel_import(window)
    texts = [a.text() for a in window.menu_file.actions()]
    assert "从Excel导入…" in texts
    action = next(a for a in window.menu_file.actions() if a.text() == "从Excel导入…")
    action.trigger()
    wizard = present(window.findChild(ExcelImportWizard))
    assert wizard.windowTitle() == "从Excel导入"
    wizard.reject()


def test_the_wizard_imports_an_appeals_ledger_and_undo_takes_it_back(
        qtbot: QtBot, controller: RecordController, registry: RegistryService, tmp_path: Path) -> None:
    from domain.test_appeal_import import appeal_rows, appeals_workbook

    from app.services.appeals import AppealService

    registry.create("compound", {"name": "阳光小区"})
    rows = appeal_rows()
    rows[2][10] = "2024.03.01"  # resolved before it was received
    wizard = ExcelImportWizard(controller)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(appeals_workbook(tmp_path / "诉求台账.xlsx", rows)))
    wizard.file_page.load_sheets()
    kinds = wizard.file_page.kind
    kinds.setCurrentIndex(kinds.findData("appeal"))
    assert kinds.currentText() == "民生诉求"
    wizard.next()
    mapping = present(wizard.findChild(QTableWidget, "import_mapping"))
    fills = {_cell(mapping, r, 0): present(mapping.cellWidget(r, 2)).currentText()  # type: ignore[attr-defined]
             for r in range(mapping.rowCount())}
    assert fills["序号"] == "（不导入）" and fills["承办单位"] == "承办单位"
    assert fills["办结时间"] == "办结时间" and fills["回访结果"] == "回访结果"
    wizard.next()
    preview = present(wizard.findChild(QTableWidget, "import_preview"))
    texts = {(_cell(preview, r, 0), _cell(preview, r, 1), _cell(preview, r, 2))
             for r in range(preview.rowCount())}
    assert ("6", "不能导入", "办结时间：须晚于“接诉时间”。") in texts
    assert ("4", "新增", "刘大妈") in texts
    wizard.next()
    service = AppealService(registry.db)
    assert service.rates().received == 4
    controller.undo_stack.undo()
    assert service.rates().received == 0


def test_the_file_menu_exports_the_whole_ledger_on_the_runner_masked_unless_shown(
        window: MainWindow, qtbot: QtBot, registry: RegistryService, groups: None, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.services.appeals import AppealService
    from app.ui.table_export import DatabaseExport

    registry.create("party_member", {"name": "张建国", "gender": "male", "id_number": ID_1,
                                     "phone": "13804361234", "birth_date": date(1965, 3, 12),
                                     "join_date": date(1988, 7, 1), "status": "full"})
    AppealService(registry.db).receive({"category": "help", "content": "楼道灯坏了",
                                        "resident_phone": "13904365678"})
    install_excel_import(window)
    out = tmp_path / "全部台账.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    action = next(a for a in window.menu_file.actions() if a.text() == "导出整个台账到Excel…")
    export = present(window.findChild(DatabaseExport, "database_export"))
    action.trigger()
    qtbot.waitUntil(lambda: export.written is not None)
    wb = load_workbook(out)
    assert {"党员名册", "民生诉求", "会议活动"} <= set(wb.sheetnames)
    members = [list(r) for r in wb["党员名册"].iter_rows(values_only=True)]
    assert ID_1 not in members[2] and "138****1234" in members[2]
    appeals = [list(r) for r in wb["民生诉求"].iter_rows(values_only=True)]
    assert appeals[1][:3] == ["诉求编号", "受理时间", "来源渠道"] and "139****5678" in appeals[2]
    done = present(window.findChild(QMessageBox, "export_all_done"))
    assert "部分数字" in done.text()
    window.set_show_sensitive(True)
    export.written = None
    action.trigger()
    qtbot.waitUntil(lambda: export.written is not None)
    members = [list(r) for r in load_workbook(out)["党员名册"].iter_rows(values_only=True)]
    assert ID_1 in members[2] and "13804361234" in members[2]
