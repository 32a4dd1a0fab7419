"""The five-guarantee matrix: colours and totals from the data, tasks set from a cell, leaders edited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services.guarantees import TASKS, GuaranteeService
from app.services.registry import RegistryService
from app.ui.controllers.records import RecordController
from app.ui.dialogs.record_form import RecordFormDialog
from app.ui.ledgers.guarantees import COLOURS, STATUS_ROLE, GuaranteesPage, MatrixModel, task_status_label

from .helpers import answer_next_message_box, fill, visible_errors

pytestmark = pytest.mark.gui

TODAY = datetime(2025, 7, 10, 9, 30)

# compound -> status of the five tasks, in TASKS order
DATA = {
    "幸福家园": ("done", "done", "done", "done", "done"),
    "锦绣华庭": ("done", "in_progress", "not_started", "done", "in_progress"),
    "阳光小区": ("in_progress", "not_started", "done", "in_progress", "not_started"),
}


MakePage = Callable[[], GuaranteesPage]


def clock() -> datetime:
    return TODAY


@pytest.fixture
def service(registry: RegistryService) -> GuaranteeService:
    return GuaranteeService(registry.db, clock)


@pytest.fixture
def seeded(registry: RegistryService, service: GuaranteeService) -> dict[str, str]:
    ids: dict[str, str] = {}
    leaders = iter(["张伟", "李娜", "刘洋"])
    for name, statuses in DATA.items():
        compound = registry.create("compound", {"name": name})
        ids[name] = service.create({"compound_id": compound, "leader_name": next(leaders),
                                    "leader_post": "副局长", "leader_unit": "洮北区住建局"})
        for task, status in zip(TASKS, statuses, strict=True):
            service.set_task(ids[name], task, status, date(2025, 4, 1) if status == "done" else None)
    ids["spare"] = registry.create("compound", {"name": "建设街17号院"})
    return ids


@pytest.fixture
def make_page(qtbot: QtBot, controller: RecordController,
              registry: RegistryService) -> Callable[[], GuaranteesPage]:
    def make() -> GuaranteesPage:
        page = GuaranteesPage(controller, registry.db, now=clock)
        qtbot.addWidget(page)
        page.resize(1400, 600)
        page.show()
        qtbot.waitExposed(page)
        return page
    return make


def colour(value: object) -> str:
    assert isinstance(value, QBrush), value
    return value.color().name()


def row_of(page: GuaranteesPage, compound: str) -> int:
    return [r.compound_name for r in page.matrix_rows()].index(compound)


def cell(page: GuaranteesPage, row: int, task: str) -> QModelIndex:
    return page.model.index(row, page.model.task_column(task))


def fill_next_dialog(qtbot: Any, values: dict[str, Any], seen: list[str]) -> None:
    """Fill the next modal form that opens and press Save."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecordFormDialog):
            QTimer.singleShot(20, act)
            return
        seen.append(dialog.windowTitle())
        fill(qtbot, dialog.form, values)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, act)


def test_colours_and_totals_match_the_data(make_page: MakePage, seeded: dict[str, str]) -> None:
    page = make_page()
    model = page.model
    assert sorted(r.compound_name for r in page.matrix_rows()) == sorted(DATA)
    assert model.rowCount() == len(DATA) + 1  # and the totals row
    for name, statuses in DATA.items():
        row = row_of(page, name)
        for task, status in zip(TASKS, statuses, strict=True):
            index = cell(page, row, task)
            assert model.data(index, STATUS_ROLE) == status
            assert colour(model.data(index, Qt.ItemDataRole.BackgroundRole)) == COLOURS[status][0]
            text = str(model.data(index))
            assert task_status_label(status) in text
            assert ("2025-04-01" in text) == (status == "done")
        done = sum(s == "done" for s in statuses)
        assert model.data(model.index(row, MatrixModel.DONE_COUNT)) == f"{done} / 5"
        assert model.data(model.index(row, MatrixModel.LEADER)) in ("张伟", "李娜", "刘洋")

    totals = len(DATA)
    for i, task in enumerate(TASKS):
        done = sum(statuses[i] == "done" for statuses in DATA.values())
        doing = sum(statuses[i] == "in_progress" for statuses in DATA.values())
        text = str(model.data(model.index(totals, model.task_column(task))))
        assert f"{done} / {len(DATA)}" in text and text.rstrip().endswith(str(doing)), text
    all_done = str(model.data(model.index(totals, MatrixModel.DONE_COUNT)))
    assert all_done.rstrip().endswith("1"), all_done
    assert str(len(DATA)) in str(model.data(model.index(totals, MatrixModel.COMPOUND)))
    # The legend shows the three statuses; the summary counts the compound still without a leader.
    legend = [w.text() for w in page.legend.findChildren(type(page.summary))]
    assert all(any(task_status_label(s) in t for t in legend) for s in COLOURS)
    assert "1" in page.summary.text()


def test_setting_a_task_through_the_cell_dialog(qtbot: QtBot, make_page: MakePage,
                                                service: GuaranteeService,
                                                controller: RecordController,
                                                seeded: dict[str, str]) -> None:
    page = make_page()
    row = row_of(page, "阳光小区")
    gid = seeded["阳光小区"]

    # A wrong date is shown next to its field and nothing is saved.
    dialog = page.task_dialog(gid, "fee_collection")
    qtbot.addWidget(dialog)
    assert "阳光小区" in dialog.windowTitle()
    fill(qtbot, dialog.form, {"status": "done", "done_on": "2025-13-01", "note": "收缴率92%"})
    assert dialog.try_save() is False
    errors = visible_errors(dialog.form)
    assert list(errors) == ["done_on"] and "日期" in errors["done_on"], errors
    assert page.model.data(cell(page, row, "fee_collection"), STATUS_ROLE) == "in_progress"

    # Double-clicking the cell opens the same form; saved, the cell turns green.
    table = page.table
    index = cell(page, row, "fee_collection")
    table.scrollTo(index)
    seen: list[str] = []
    fill_next_dialog(qtbot, {"status": "done", "done_on": "2025-05-20", "note": "收缴率92%"}, seen)
    where = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert seen and "阳光小区" in seen[0]
    row = row_of(page, "阳光小区")
    index = cell(page, row, "fee_collection")
    assert page.model.data(index, STATUS_ROLE) == "done"
    assert colour(page.model.data(index, Qt.ItemDataRole.BackgroundRole)) == COLOURS["done"][0]
    assert "2025-05-20" in str(page.model.data(index))
    assert "收缴率92%" in str(page.model.data(index, Qt.ItemDataRole.ToolTipRole))
    stored = next(r for r in service.matrix().rows if r.guarantee_id == gid).tasks["fee_collection"]
    assert (stored.status, stored.done_on, stored.note) == ("done", date(2025, 5, 20), "收缴率92%")
    totals = page.model.data(page.model.index(len(DATA), page.model.task_column("fee_collection")))
    assert f"3 / {len(DATA)}" in str(totals)

    # Done without a date means done today; undo puts the cell back as it was.
    dialog = page.task_dialog(gid, "committee")
    qtbot.addWidget(dialog)
    fill(qtbot, dialog.form, {"status": "done"})
    assert dialog.try_save() is True
    assert "2025-07-10" in str(page.model.data(cell(page, row_of(page, "阳光小区"), "committee")))
    def status(task: str) -> object:
        return page.model.data(cell(page, row_of(page, "阳光小区"), task), STATUS_ROLE)

    controller.undo_stack.undo()
    assert status("committee") == "in_progress"
    controller.undo_stack.undo()
    assert status("fee_collection") == "in_progress"


def test_add_edit_delete_a_guarantee(qtbot: QtBot, make_page: MakePage,
                                     seeded: dict[str, str],
                                     controller: RecordController) -> None:
    page = make_page()
    dialog = page.guarantee_dialog()
    qtbot.addWidget(dialog)
    # The same compound twice is refused next to the compound picker.
    compound_of_first = next(r.compound_id for r in page.matrix_rows() if r.compound_name == "幸福家园")
    fill(qtbot, dialog.form, {"compound_id": compound_of_first, "leader_name": "赵敏"})
    assert dialog.try_save() is False
    errors = visible_errors(dialog.form)
    assert "compound_id" in errors and "已有" in errors["compound_id"], errors
    fill(qtbot, dialog.form, {"compound_id": seeded["spare"], "leader_post": "科长",
                              "leader_unit": "区民政局"})
    assert dialog.try_save() is True, visible_errors(dialog.form)
    assert len(page.matrix_rows()) == len(DATA) + 1
    new_id = page.current_id()
    assert new_id is not None
    row = row_of(page, "建设街17号院")
    assert page.matrix_rows()[row].guarantee_id == new_id
    for task in TASKS:
        index = cell(page, row, task)
        assert page.model.data(index, STATUS_ROLE) == "not_started"
        assert colour(page.model.data(index, Qt.ItemDataRole.BackgroundRole)) == COLOURS["not_started"][0]

    # Edit the leader.
    edit = page.guarantee_dialog(new_id)
    qtbot.addWidget(edit)
    fill(qtbot, edit.form, {"leader_name": "赵晓敏"})
    assert edit.try_save() is True
    assert page.model.data(page.model.index(row_of(page, "建设街17号院"), MatrixModel.LEADER)) == "赵晓敏"

    # Delete asks first, then removes the row; undo brings it back.
    assert page.open_record(new_id) and page.current_id() == new_id
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    page.delete_current()
    assert len(page.matrix_rows()) == len(DATA)
    controller.undo_stack.undo()
    assert len(page.matrix_rows()) == len(DATA) + 1
    assert page.open_record(new_id)


def test_matrix_model_is_a_well_behaved_model(qtmodeltester: ModelTester, make_page: MakePage,
                                              seeded: dict[str, str]) -> None:
    page = make_page()
    qtmodeltester.check(page.model)
