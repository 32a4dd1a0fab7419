"""The appeals page driven like a secretary would: receive, dispatch, handle, supervise, visit."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from app.services.registry import RegistryService
from app.ui import labels
from app.ui.controllers.records import RecordController
from app.ui.ledgers.appeals import AppealsPage, SupervisionPanel
from app.ui.ledgers.appeals_dialogs import DispatchDialog, StepDialog
from app.ui.ledgers.appeals_words import error_text, step_title
from app.ui.main_window import MainWindow

from .helpers import answer_next_message_box, fill, type_text, visible_errors

pytestmark = pytest.mark.gui

MONDAY = datetime(2026, 11, 2, 9, 0)  # Monday 2 November 2026


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY)


@pytest.fixture
def seeded(registry: RegistryService) -> dict[str, str]:
    company = registry.create("property_company", {"name": "安居物业"})
    return {
        "company": company,
        "compound": registry.create("compound", {"name": "幸福家园", "property_company_id": company}),
        "group": registry.create("party_group", {"name": "第一党小组"}),
    }


@pytest.fixture
def page(qtbot: Any, controller: RecordController, registry: RegistryService, seeded: dict[str, str],
         clock: Clock) -> AppealsPage:
    widget = AppealsPage(controller, registry.db, now=clock)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _count(registry: RegistryService, table: str = "appeal") -> int:
    assert registry.db.path is not None
    with sqlite3.connect(registry.db.path) as con:
        return int(con.execute(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0])


def receive(qtbot: Any, page: AppealsPage, **values: Any) -> str:
    dialog = page.list.add_dialog()
    fill(qtbot, dialog.form, {"category": "complaint", "content": "3号楼楼道灯坏了两周", **values})
    assert dialog.try_save(), visible_errors(dialog)
    record_id = page.current_id()
    assert record_id is not None
    return record_id


def click(qtbot: Any, page: AppealsPage, step: str) -> QDialog | None:
    button = page.detail.buttons[step]
    assert button.isEnabled(), f"{step} is disabled"
    assert button.isVisible(), f"{step} is not shown"
    if step == "accept":  # 签收 asks first
        answer_next_message_box(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return page.active_dialog


def ok(qtbot: Any, dialog: QDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def step(qtbot: Any, page: AppealsPage, name: str, values: dict[str, Any] | None = None) -> None:
    """Click the step's button, fill its dialog (if it has one) and confirm."""
    dialog = click(qtbot, page, name)
    if dialog is None:
        return
    assert isinstance(dialog, StepDialog)
    fill(qtbot, dialog.form, values or {})
    ok(qtbot, dialog)
    assert page.active_dialog is None, visible_errors(dialog)


def dispatch(qtbot: Any, page: AppealsPage, kind: str = "property_company",
             name: str = "安居物业") -> DispatchDialog:
    dialog = click(qtbot, page, "dispatch")
    assert isinstance(dialog, DispatchDialog)
    dialog.set_kind(kind)
    if kind == "department":
        line = dialog.receiver.lineEdit()
        assert line is not None
        type_text(qtbot, line, name)
    else:
        dialog.receiver.setCurrentIndex(dialog.receiver.findText(name))
    return dialog


def state(page: AppealsPage) -> str:
    assert page._current is not None
    return page._current.state


def enabled(page: AppealsPage) -> set[str]:
    return {s for s, b in page.detail.buttons.items() if b.isEnabled()}


def trail(page: AppealsPage) -> list[str]:
    return page.detail.step_texts()


def supervision(page: AppealsPage) -> SupervisionPanel:
    """Switch to the supervision tab (it reads its lists when shown)."""
    page.tabs.setCurrentWidget(page.supervision)
    return page.supervision


def titles(*steps: str) -> list[str]:
    return [step_title(s) for s in steps]


# --- receive ---------------------------------------------------------------------------


def test_bad_phone_is_shown_next_to_the_field_and_nothing_is_saved(
        qtbot: Any, page: AppealsPage, registry: RegistryService) -> None:
    dialog = page.list.add_dialog()
    fill(qtbot, dialog.form, {"resident_name": "王秀英", "resident_phone": "12345",
                              "content": "独居老人申请上门助餐"})
    assert not dialog.try_save()
    errors = visible_errors(dialog)
    assert sorted(errors) == ["category", "resident_phone"]  # the category sets the deadline: asked
    assert "电话号码格式不对" in errors["resident_phone"]
    assert "必填" in errors["category"]
    assert _count(registry) == 0

    fill(qtbot, dialog.form, {"resident_phone": "13904361234", "category": "help"})
    assert dialog.try_save()
    assert _count(registry) == 1
    assert page.list.model.rowCount() == 1
    # masked in the list and in the details until the View menu says otherwise
    phone_col = [c.key for c in page.list.query.columns].index("resident_phone")
    assert page.list.model.data(page.list.model.index(0, phone_col)) == "139****1234"
    assert "139****1234" in page.detail.values["resident"].text()
    page.set_show_sensitive(True)
    assert "13904361234" in page.detail.values["resident"].text()
    assert page.list.model.data(page.list.model.index(0, phone_col)) == "13904361234"
    assert trail(page) == titles("receive")


# --- the whole workflow ------------------------------------------------------------------


def test_happy_path_through_the_buttons_to_archived(qtbot: Any, page: AppealsPage, clock: Clock) -> None:
    receive(qtbot, page, resident_name="王秀英", category="consultation")
    type_text(qtbot, page.detail.actor, "李娜")
    assert enabled(page) == {"dispatch"}

    dialog = dispatch(qtbot, page)
    # consultation: 3 working days from Monday's receipt
    assert dialog.deadline_label.text().startswith("2026-11-05")
    ok(qtbot, dialog)
    assert state(page) == "dispatched"
    assert page._current is not None and page._current.deadline == date(2026, 11, 5)
    assert enabled(page) == {"accept", "return", "remind", "escalate"} - {"escalate"}
    assert "安居物业" in page.detail.values["assignee"].text()

    clock.now = datetime(2026, 11, 3, 10, 0)
    step(qtbot, page, "accept")
    assert state(page) == "handling"
    step(qtbot, page, "note", {"note": "已安排电工上门查看"})
    step(qtbot, page, "request_extension", {"until": "2026-11-10", "reason": "需更换线路，等待配件"})
    assert "2026-11-10" in page.detail.values["extension"].text()
    assert {"approve_extension", "refuse_extension"} <= enabled(page)
    assert "request_extension" not in enabled(page)
    step(qtbot, page, "approve_extension")
    assert page._current is not None and page._current.deadline == date(2026, 11, 10)
    assert page.detail.values["deadline"].text().startswith("2026-11-10")

    clock.now = datetime(2026, 11, 6, 15, 0)
    step(qtbot, page, "close", {"reply": "灯具已更换，线路已检修"})
    assert state(page) == "closed"
    assert enabled(page) == {"visit"}
    step(qtbot, page, "visit", {"result": "satisfied", "note": "电话回访"})
    assert state(page) == "visited"
    assert enabled(page) == {"archive"}
    step(qtbot, page, "archive")
    assert state(page) == "archived"
    assert enabled(page) == set()

    assert trail(page) == titles("receive", "dispatch", "accept", "note", "request_extension",
                                 "approve_extension", "close", "visit", "archive")
    rows = page.detail.trail.rowCount()
    actor = [page.detail.trail.item(r, 2).text() for r in range(rows)]  # type: ignore[union-attr]
    assert actor[1:] == ["李娜"] * (rows - 1)
    visit_note = page.detail.trail.item(7, 3).text()  # type: ignore[union-attr]
    assert visit_note == f"{labels.choice_label('satisfied')} 电话回访"
    state_col = [c.key for c in page.list.query.columns].index("state")
    row = page.list.model.row_of(page.current_id() or "")
    assert row is not None
    assert page.list.model.data(page.list.model.index(row, state_col)) == labels.choice_label("archived")
    panel = supervision(page)
    assert panel.rates["satisfaction"].text() == "100.0%"
    assert panel.rates["on_time"].text() == "100.0%"
    assert panel.rates["response"].text() == "100.0%"
    assert panel.rates["response_count"].text() == "1 / 1"


def test_return_sends_it_back_for_redispatch(qtbot: Any, page: AppealsPage) -> None:
    receive(qtbot, page)
    ok(qtbot, dispatch(qtbot, page, "party_group", "第一党小组"))
    dialog = click(qtbot, page, "return")
    assert isinstance(dialog, StepDialog)
    ok(qtbot, dialog)  # no reason given
    assert "reason" in visible_errors(dialog)
    assert state(page) == "dispatched"
    fill(qtbot, dialog.form, {"reason": "不属于本党小组网格"})
    ok(qtbot, dialog)
    assert state(page) == "returned"
    assert enabled(page) == {"dispatch"}

    again = dispatch(qtbot, page, "department", "街道城建办")
    ok(qtbot, again)
    assert state(page) == "dispatched"
    assert "街道城建办" in page.detail.values["assignee"].text()
    assert trail(page) == titles("receive", "dispatch", "return", "dispatch")
    assert page.detail.trail.item(2, 3).text() == "不属于本党小组网格"  # type: ignore[union-attr]


def test_illegal_steps_are_disabled_and_a_refusal_is_worded(
        qtbot: Any, page: AppealsPage, clock: Clock) -> None:
    receive(qtbot, page, category="help")
    assert not page.detail.buttons["accept"].isEnabled()
    assert not page.detail.buttons["close"].isEnabled()
    assert not page.detail.buttons["archive"].isEnabled()
    ok(qtbot, dispatch(qtbot, page))
    assert not page.detail.buttons["dispatch"].isEnabled()
    step(qtbot, page, "accept")
    # the deadline (Thursday) has passed: the service refuses the extension, in words
    clock.now = datetime(2026, 11, 9, 9, 0)
    page.show_record(page.current_id())
    dialog = click(qtbot, page, "request_extension")
    assert isinstance(dialog, StepDialog)
    fill(qtbot, dialog.form, {"until": "2026-11-20", "reason": "配件未到"})
    seen = answer_next_message_box(QMessageBox.StandardButton.Ok)
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [error_text("extension_after_deadline", {"deadline": date(2026, 11, 5)})]
    assert "2026-11-05" in seen[0]
    assert page.active_dialog is dialog
    dialog.reject()
    assert trail(page) == titles("receive", "dispatch", "accept")
    # a received appeal cannot be deleted once dispatched
    seen = answer_next_message_box(QMessageBox.StandardButton.Yes)
    also = answer_next_message_box(QMessageBox.StandardButton.Ok)
    page.list.delete_current()
    assert seen and also == [labels.error_text("appeal", "appeal_not_deletable", {})]


def test_dissatisfied_visit_reopens_for_handling(qtbot: Any, page: AppealsPage) -> None:
    receive(qtbot, page)
    ok(qtbot, dispatch(qtbot, page))
    step(qtbot, page, "accept")
    step(qtbot, page, "close", {"reply": "已协调物业处理"})
    dialog = click(qtbot, page, "visit")
    assert isinstance(dialog, StepDialog)
    ok(qtbot, dialog)  # no verdict picked: nothing recorded
    assert "result" in visible_errors(dialog)
    assert state(page) == "closed"
    fill(qtbot, dialog.form, {"result": "dissatisfied", "note": "灯仍不亮"})
    ok(qtbot, dialog)
    assert state(page) == "handling"
    assert {"close", "note"} <= enabled(page)
    assert "1" in page.detail.values["supervision"].text()
    assert trail(page)[-1] == step_title("reopen")
    assert supervision(page).rates["satisfaction"].text() == "0.0%"


def test_deadline_skips_a_holiday_set_in_the_calendar(qtbot: Any, page: AppealsPage) -> None:
    receive(qtbot, page, category="consultation")
    rules = page.open_rules()
    add = rules.calendar.add_dialog()
    fill(qtbot, add.form, {"day": "2026-11-04", "kind": "holiday", "name": "调整放假"})
    assert add.try_save(), visible_errors(add)
    assert rules.calendar.model.rowCount() == 1
    rules.spins["consultation_days"].setValue(3)
    ok_button = rules.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(ok_button, Qt.MouseButton.LeftButton)

    dialog = dispatch(qtbot, page)
    # Monday + 3 working days, Wednesday off: Friday
    assert dialog.deadline_label.text().startswith("2026-11-06")
    ok(qtbot, dialog)
    assert page._current is not None and page._current.deadline == date(2026, 11, 6)

    rules = page.open_rules()
    rules.spins["consultation_days"].setValue(1)
    qtbot.mouseClick(rules.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert page.service.rules().consultation_days == 1
    receive(qtbot, page, category="consultation")
    one_day = dispatch(qtbot, page)
    assert one_day.deadline_label.text().startswith("2026-11-03")
    one_day.reject()

    receive(qtbot, page, category="complaint", urgency="emergency", content="水管爆裂，楼道积水")
    same_day = dispatch(qtbot, page)
    assert same_day.deadline_label.text() == same_day.tr("{date} (the same day)").format(date="2026-11-02")
    ok(qtbot, same_day)
    assert page._current is not None and page._current.deadline == date(2026, 11, 2)


def test_undo_a_step_with_ctrl_z(qtbot: Any, window: MainWindow, controller: RecordController,
                                 registry: RegistryService, seeded: dict[str, str], clock: Clock) -> None:
    page = AppealsPage(controller, registry.db, window, now=clock)
    window.stack.addWidget(page)
    window.stack.setCurrentWidget(page)
    receive(qtbot, page)
    ok(qtbot, dispatch(qtbot, page))
    step(qtbot, page, "accept")
    assert state(page) == "handling"
    assert window.action_undo.isEnabled()
    assert controller.undo_stack.undoText().startswith(step_title("accept"))

    # The confirmation box has closed: the window is active again before the shortcut is pressed.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(page.list.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert state(page) == "dispatched"
    assert trail(page) == titles("receive", "dispatch")
    assert "accept" in enabled(page)
    assert _count(registry, "appeal_event") == 2

    window.action_redo.trigger()
    assert state(page) == "handling"
    assert trail(page) == titles("receive", "dispatch", "accept")


def test_supervision_lists_an_overdue_appeal_and_opens_it(
        qtbot: Any, page: AppealsPage, clock: Clock) -> None:
    late = receive(qtbot, page, category="help", content="独居老人申请上门助餐")
    ok(qtbot, dispatch(qtbot, page, "party_group", "第一党小组"))  # due Thursday 5 November
    soon = receive(qtbot, page, category="complaint", content="小区东门路灯不亮")
    ok(qtbot, dispatch(qtbot, page))  # due 19 November

    clock.now = datetime(2026, 11, 13, 9, 0)  # six working days after the first deadline
    page.tabs.setCurrentIndex(1)
    overdue = page.supervision.tables["overdue"]
    assert overdue.rowCount() == 1
    assert overdue.item(0, 1).text() == "独居老人申请上门助餐"  # type: ignore[union-attr]
    assert page.supervision.tables["escalation_due"].rowCount() == 1
    assert page.supervision.tables["near_due"].rowCount() == 0
    assert page.supervision.rates["response"].text() == "0.0%"

    qtbot.mouseClick(overdue.viewport(), Qt.MouseButton.LeftButton,
                     pos=overdue.visualItemRect(overdue.item(0, 0)).center())  # type: ignore[arg-type]
    assert page.tabs.currentIndex() == 0
    assert page.list.current_id() == late
    assert "2026-11-05" in page.detail.values["deadline"].text()
    assert "escalate" in enabled(page)
    step(qtbot, page, "escalate", {"note": "报街道督办"})
    assert page._current is not None and page._current.escalated
    assert supervision(page).tables["escalation_due"].rowCount() == 0
    assert page.supervision.tables["overdue"].rowCount() == 1

    clock.now = datetime(2026, 11, 18, 9, 0)  # one working day before the second deadline
    page.refresh_supervision()
    near = page.supervision.tables["near_due"]
    assert near.rowCount() == 1 and near.item(0, 1).text() == "小区东门路灯不亮"  # type: ignore[union-attr]
    assert page.open_record(soon)
    assert page.list.current_id() == soon
    # the dashboard opens an appeal the list's filter hides: the filter gives way
    page.list.set_filter("category", "consultation")
    assert page.list.model.rowCount() == 0
    assert page.open_record(late)
    assert page.list.current_id() == late
    assert page.detail.title.text().endswith(page._current.number if page._current else "?")
