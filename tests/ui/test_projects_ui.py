"""Secretary projects driven like a secretary would: claim, tick off milestones, read the board."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QMessageBox, QTableWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services.projects import ProjectService
from app.services.registry import RegistryService
from app.ui.controllers.records import RecordController
from app.ui.ledgers.projects import ProjectsPage
from app.ui.ledgers.projects_board import COLOURS, DONE, DUE, MILESTONES_ROLE, OVERDUE
from app.ui.ledgers.projects_labels import status_label
from app.ui.main_window import MainWindow

from .helpers import answer_next_message_box, fill, visible_errors

pytestmark = pytest.mark.gui

TODAY = datetime(2025, 7, 10, 9, 30)


MakePage = Callable[[], ProjectsPage]


def clock() -> datetime:
    return TODAY


@pytest.fixture
def service(registry: RegistryService) -> ProjectService:
    return ProjectService(registry.db, clock)


@pytest.fixture
def make_page(qtbot: QtBot, controller: RecordController,
              registry: RegistryService) -> Callable[[], ProjectsPage]:
    def make() -> ProjectsPage:
        page = ProjectsPage(controller, registry.db, now=clock)
        qtbot.addWidget(page)
        page.resize(1400, 820)
        page.show()
        qtbot.waitExposed(page)
        return page
    return make


def claim(service: ProjectService, **values: object) -> str:
    return service.create({"year": 2025, "secretary_name": "王书记", "title": "老旧小区加装电梯", **values})


def text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def milestone_cells(page: ProjectsPage, column: int) -> list[str]:
    table = page.detail.milestones
    return [text(table, row, column) for row in range(table.rowCount())]


def select_milestone(qtbot: QtBot, page: ProjectsPage, row: int) -> None:
    table = page.detail.milestones
    item = table.item(row, 1)
    assert item is not None
    rect = table.visualItemRect(item)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.detail.current_milestone() is not None


def brush_colour(value: object) -> str:
    assert isinstance(value, QBrush), value
    return value.color().name()


def test_claim_with_a_mistake_then_three_default_milestones(qtbot: QtBot, make_page: MakePage,
                                                              service: ProjectService) -> None:
    page = make_page()
    assert page.year.value() == 2025
    dialog = page.list.add_dialog()
    qtbot.addWidget(dialog)
    fill(qtbot, dialog.form, {"secretary_name": "王书记", "problem": "老人上下楼难"})
    assert dialog.try_save() is False
    errors = visible_errors(dialog.form)
    assert list(errors) == ["title"] and "必填" in errors["title"], errors
    assert page.list.model.rowCount() == 0

    fill(qtbot, dialog.form, {"title": "老旧小区加装电梯"})
    assert dialog.try_save() is True, visible_errors(dialog.form)
    assert page.list.model.rowCount() == 1
    project_id = page.list.current_id()
    assert project_id is not None and page.detail.project_id == project_id
    assert page.detail.title.text() == "老旧小区加装电梯"
    # The 建账 / 查账 / 交账 rhythm, due at the end of March, June and December.
    assert milestone_cells(page, 1) == ["年初建账", "年中查账", "年底交账"]
    assert milestone_cells(page, 2) == ["2025-03-31", "2025-06-30", "2025-12-31"]
    assert page.detail.progress.value() == 0
    # 10 July: the first two are past due and not done, so the project shows as overdue.
    assert page.detail.status_label.text() == status_label("overdue")
    assert service.get(project_id).year == 2025


def test_completing_milestones_moves_progress_and_status(qtbot: QtBot, make_page: MakePage,
                                                         service: ProjectService) -> None:
    project_id = claim(service)
    page = make_page()
    assert page.open_record(project_id)
    assert page.detail.progress.value() == 0
    assert page.detail.status_label.text() == status_label("overdue")
    assert not page.detail.complete_button.isEnabled()

    select_milestone(qtbot, page, 0)
    qtbot.mouseClick(page.detail.complete_button, Qt.MouseButton.LeftButton)
    assert page.detail.progress.value() == 33
    assert milestone_cells(page, 3)[0] == "2025-07-10"
    # Claimed -> in progress when work starts, still overdue because 年中查账 is late.
    assert service.get(project_id).stored_status == "in_progress"
    assert page.detail.status_label.text() == status_label("overdue")

    select_milestone(qtbot, page, 1)
    qtbot.mouseClick(page.detail.complete_button, Qt.MouseButton.LeftButton)
    assert page.detail.progress.value() == 66
    assert page.detail.status_label.text() == status_label("in_progress")

    # Done is refused while a milestone is open, and says how many.
    seen = answer_next_message_box(QMessageBox.StandardButton.Ok)
    assert page.detail.set_status("done") is False
    assert seen and "1" in seen[0]
    assert page.detail.status_combo.currentData() == "in_progress"

    select_milestone(qtbot, page, 2)
    qtbot.mouseClick(page.detail.complete_button, Qt.MouseButton.LeftButton)
    assert page.detail.progress.value() == 100
    assert page.detail.set_status("done") is True
    assert page.detail.status_label.text() == status_label("done")
    # The list shows it too: three of three milestones done.
    row = page.list.model.row_of(project_id)
    assert row is not None and page.list.current_id() == project_id
    columns = [c.key for c in page.list.query.columns]
    assert page.list.model.data(page.list.model.index(row, columns.index("milestones_done"))) == "3"

    # Reopening a milestone brings the progress back down.
    select_milestone(qtbot, page, 2)
    qtbot.mouseClick(page.detail.reopen_button, Qt.MouseButton.LeftButton)
    assert page.detail.progress.value() == 66


def test_overdue_milestone_marked_on_the_board_in_its_month(qtbot: QtBot, make_page: MakePage,
                                                            service: ProjectService) -> None:
    first = claim(service, title="背街小巷环境整治")
    second = claim(service, title="“四点半课堂”托管服务", secretary_name="陈校长")
    service.complete_milestone(service.get(first).milestones[0].id, date(2025, 3, 20))
    service.complete_milestone(service.get(first).milestones[1].id, date(2025, 6, 28))
    service.add_milestone(second, {"stage": "other", "title": "完成摸排", "due_date": "2025-05-15"})
    page = make_page()
    page.tabs.setCurrentIndex(page.BOARD_TAB)
    model = page.board.model
    titles = [r.title for r in model.rows]
    assert sorted(titles) == sorted(["“四点半课堂”托管服务", "背街小巷环境整治"])
    assert page.board.table.isVisible()
    late_row, good_row = titles.index("“四点半课堂”托管服务"), titles.index("背街小巷环境整治")

    def cell(row: int, month: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(row, model.month_column(month)), role)

    # The late survey sits in May, red, worded as overdue; nothing in April.
    may = cell(late_row, 5, MILESTONES_ROLE)
    assert isinstance(may, list) and [m.title for m in may] == ["完成摸排"]
    assert "完成摸排" in str(cell(late_row, 5))
    assert brush_colour(cell(late_row, 5, Qt.ItemDataRole.BackgroundRole)) == COLOURS[OVERDUE][0]
    assert cell(late_row, 4) is None and cell(late_row, 4, Qt.ItemDataRole.BackgroundRole) is None
    assert brush_colour(cell(late_row, 3, Qt.ItemDataRole.BackgroundRole)) == COLOURS[OVERDUE][0]
    # The other project: March and June done (green, ticked), December still to come (amber).
    assert brush_colour(cell(good_row, 3, Qt.ItemDataRole.BackgroundRole)) == COLOURS[DONE][0]
    assert "\u2713" in str(cell(good_row, 6))
    assert brush_colour(cell(good_row, 12, Qt.ItemDataRole.BackgroundRole)) == COLOURS[DUE][0]
    assert "3" in page.board.summary.text()  # 年初建账, 完成摸排, 年中查账 of the second project
    # The detail panel marks the same milestone red.
    assert page.open_record(second)
    table = page.detail.milestones
    titles = milestone_cells(page, 1)
    late = table.item(titles.index("完成摸排"), 1)
    assert late is not None and late.background().color() == QColor(COLOURS[OVERDUE][0])
    assert page.tabs.currentIndex() == page.LEDGER_TAB

    # Completing it from the ledger turns the board cell green.
    select_milestone(qtbot, page, titles.index("完成摸排"))
    qtbot.mouseClick(page.detail.complete_button, Qt.MouseButton.LeftButton)
    page.tabs.setCurrentIndex(page.BOARD_TAB)
    assert brush_colour(cell(late_row, 5, Qt.ItemDataRole.BackgroundRole)) == COLOURS[DONE][0]


def test_evaluation_added_with_a_checked_score(qtbot: QtBot, make_page: MakePage,
                                               service: ProjectService) -> None:
    project_id = claim(service)
    page = make_page()
    page.open_record(project_id)
    dialog = page.detail.evaluation_dialog()
    qtbot.addWidget(dialog)
    fill(qtbot, dialog.form, {"method": "interview", "evaluated_on": "2025-06-30",
                              "notes": "居民座谈，普遍认可", "satisfaction": "120"})
    assert dialog.try_save() is False
    errors = visible_errors(dialog.form)
    assert "satisfaction" in errors and "100" in errors["satisfaction"], errors
    fill(qtbot, dialog.form, {"satisfaction": "95.5"})
    assert dialog.try_save() is True, visible_errors(dialog.form)
    table = page.detail.evaluations
    assert table.rowCount() == 1
    row = [text(table, 0, c) for c in range(table.columnCount())]
    assert row[1:3] == ["2025-06-30", "95.5%"] and "居民座谈" in row[4]
    stored = service.evaluations(project_id)
    assert [(e["method"], str(e["satisfaction"])) for e in stored] == [("interview", "95.5")]


def test_secretaries_without_a_project_are_listed(qtbot: QtBot, make_page: MakePage,
                                                  registry: RegistryService,
                                                  service: ProjectService) -> None:
    school = registry.create("resident_unit", {"name": "白城市第一中学", "kind": "school",
                                               "party_org_name": "第一中学党支部", "contact": "陈校长"})
    registry.create("resident_unit", {"name": "洮北区人民医院", "kind": "hospital",
                                      "party_org_name": "人民医院党总支", "contact": "刘院长"})
    registry.create("resident_unit", {"name": "幸福超市", "kind": "enterprise"})  # no party organisation
    claim(service, secretary_name="陈校长", level="resident_unit", resident_unit_id=school)
    page = make_page()
    page.tabs.setCurrentIndex(page.UNCLAIMED_TAB)
    names = page.unclaimed.names()
    assert "刘院长" in names and "陈校长" not in names
    assert len(names) == 2  # the community's own secretary and the hospital's
    orgs = [text(page.unclaimed.table, r, 2) for r in range(page.unclaimed.table.rowCount())]
    assert "人民医院党总支" in orgs
    assert "2" in page.tabs.tabText(page.UNCLAIMED_TAB)

    # A project claimed for the community clears it from the list.
    dialog = page.list.add_dialog()
    qtbot.addWidget(dialog)
    fill(qtbot, dialog.form, {"secretary_name": "王书记", "title": "社区食堂"})
    assert dialog.try_save() is True
    assert page.unclaimed.names() == ["刘院长"]
    # Starting a project from the unclaimed list fills in who claims it.
    hospital = page.unclaimed.rows[0]
    claim_dialog = page.claim_dialog(hospital)
    qtbot.addWidget(claim_dialog)
    fill(qtbot, claim_dialog.form, {"title": "健康义诊进社区"})
    assert claim_dialog.try_save() is True, visible_errors(claim_dialog.form)
    assert page.tabs.currentIndex() == page.LEDGER_TAB
    assert page.detail.title.text() == "健康义诊进社区"
    project = service.get(page.detail.project_id or "")
    assert (project.level, project.secretary_name) == ("resident_unit", "刘院长")
    page.tabs.setCurrentIndex(page.UNCLAIMED_TAB)
    assert page.unclaimed.names() == []
    # Another year: nobody has claimed anything yet.
    page.year.setValue(2026)
    assert len(page.unclaimed.names()) == 3
    assert page.list.model.rowCount() == 0
    page.year.setValue(2025)
    assert page.list.model.rowCount() == 3


def test_undo_a_milestone_completion(qtbot: QtBot, window: MainWindow, registry: RegistryService,
                                     service: ProjectService) -> None:
    project_id = claim(service)
    page = ProjectsPage(window.controller, registry.db, window, now=clock)
    window.stack.addWidget(page)
    window.stack.setCurrentWidget(page)
    assert page.open_record(project_id)
    select_milestone(qtbot, page, 0)
    qtbot.mouseClick(page.detail.complete_button, Qt.MouseButton.LeftButton)
    assert page.detail.progress.value() == 33
    assert service.get(project_id).stored_status == "in_progress"

    window.action_undo.trigger()
    assert page.detail.progress.value() == 0
    assert milestone_cells(page, 3)[0] == ""
    assert service.get(project_id).stored_status == "claimed"
    assert page.detail.project_id == project_id and page.list.current_id() == project_id

    window.action_redo.trigger()
    assert page.detail.progress.value() == 33
    assert service.get(project_id, date(2025, 7, 10)).milestones[0].done_on == date(2025, 7, 10)


def test_open_record_switches_year_and_selects(qtbot: QtBot, make_page: MakePage,
                                               service: ProjectService) -> None:
    claim(service)
    old = claim(service, year=2024, title="楼道微改造")
    page = make_page()
    assert page.list.model.rowCount() == 1
    page.tabs.setCurrentIndex(page.BOARD_TAB)
    assert page.open_record(old)
    assert page.year.value() == 2024
    assert page.tabs.currentIndex() == page.LEDGER_TAB
    assert page.list.current_id() == old and page.detail.title.text() == "楼道微改造"
    assert milestone_cells(page, 2)[0] == "2024-03-31"
    assert page.open_record("no-such-id") is False


def test_board_model_is_a_well_behaved_model(qtmodeltester: ModelTester, make_page: MakePage,
                                             service: ProjectService) -> None:
    claim(service)
    page = make_page()
    page.tabs.setCurrentIndex(page.BOARD_TAB)
    qtmodeltester.check(page.board.model)


def test_milestones_added_edited_deleted_and_project_deleted_with_undo(
        qtbot: QtBot, make_page: MakePage, controller: RecordController,
        service: ProjectService) -> None:
    project_id = claim(service)
    page = make_page()
    page.open_record(project_id)

    # Add: a missing title is shown next to the field; then it is listed in date order of entry.
    dialog = page.detail.milestone_dialog()
    qtbot.addWidget(dialog)
    fill(qtbot, dialog.form, {"stage": "other", "due_date": "2025-09-30"})
    assert dialog.try_save() is False
    assert "title" in visible_errors(dialog.form)
    fill(qtbot, dialog.form, {"title": "电梯安装验收"})
    assert dialog.try_save() is True
    assert milestone_cells(page, 1) == ["年初建账", "年中查账", "年底交账", "电梯安装验收"]
    current = page.detail.current_milestone()
    assert current is not None and current.title == "电梯安装验收"

    # Edit its date and note; the note is kept when the form opens again.
    select_milestone(qtbot, page, 3)
    edit = page.detail.milestone_dialog(current.id)
    qtbot.addWidget(edit)
    fill(qtbot, edit.form, {"due_date": "2025-10-15", "note": "需质监站到场"})
    assert edit.try_save() is True
    assert milestone_cells(page, 2)[3] == "2025-10-15"
    again = page.detail.milestone_dialog(current.id)
    qtbot.addWidget(again)
    assert again.form.values()["note"] == "需质监站到场"

    # Delete asks first.
    select_milestone(qtbot, page, 3)
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    page.detail.delete_milestone()
    assert len(milestone_cells(page, 1)) == 3
    controller.undo_stack.undo()
    assert len(milestone_cells(page, 1)) == 4

    # Deleting the project clears the panel; undo brings it back with its milestones.
    assert page.list.select_record(project_id)
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    page.list.delete_current()
    assert page.list.model.rowCount() == 0
    assert page.detail.project_id is None and not page.detail.body.isVisible()
    controller.undo_stack.undo()
    assert page.list.model.rowCount() == 1
    assert page.open_record(project_id)
    assert len(milestone_cells(page, 1)) == 4
