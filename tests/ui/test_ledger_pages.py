"""The ledger pages driven as a secretary would: meetings, funds, the work day, lists, the dashboard."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.services.funds import FundService
from app.services.identity import make_id_number
from app.services.meetings import MeetingService, attachment_path
from app.services.registry import RegistryService
from app.ui.ledgers import install, open_record
from app.ui.ledgers.dashboard import DashboardPage
from app.ui.ledgers.funds import FundsPage
from app.ui.ledgers.meetings import AddMembersDialog, MeetingsPage
from app.ui.ledgers.workday import WorkdayPage
from app.ui.main_window import MainWindow
from app.ui.views.record_list import RecordListView

from .helpers import answer_next_input, answer_next_message_box, fill, on_next_modal, present, visible_errors

pytestmark = pytest.mark.gui


@pytest.fixture
def members(registry: RegistryService) -> list[str]:
    group = registry.create("party_group", {"name": "第一党小组"})
    ids = []
    for i, (name, status) in enumerate([("张伟", "full"), ("王芳", "full"), ("李娜", "full"),
                                        ("刘洋", "probationary")]):
        born = date(1970 + i, 5, 1)
        ids.append(registry.create("party_member", {
            "name": name, "gender": "male" if i % 2 == 0 else "female", "birth_date": born,
            "join_date": date(2000 + i, 7, 1), "status": status,
            "full_date": date(2027, 7, 1) if status == "probationary" else None,
            "id_number": make_id_number("220802", born, 11 + i), "party_group_id": group}))
    return ids


@pytest.fixture
def ledgers(window: MainWindow, db: Database) -> MainWindow:
    install(window, db)
    return window


def test_ledger_section_and_dashboard_home(ledgers: MainWindow) -> None:
    titles = [present(ledgers.nav.topLevelItem(i)).text(0) for i in range(ledgers.nav.topLevelItemCount())]
    assert titles[:3] == ["工作台", "社区概况", "工作台账"]
    section = present(ledgers.nav.topLevelItem(2))
    assert [present(section.child(i)).text(0) for i in range(section.childCount())] == [
        "会议活动", "书记项目", "民生诉求", "小区包保", "社区工作日", "共建清单", "经费管理", "培训",
        "阵地", "社区品牌", "民生实事", "述职评议考核"]
    assert isinstance(ledgers.current_page(), DashboardPage)


def test_meeting_time_is_checked_then_attendance_counted_and_undone(
        qtbot: QtBot, ledgers: MainWindow, db: Database, members: list[str], tmp_path: Path) -> None:
    page = ledgers.open_page("meetings")
    assert isinstance(page, MeetingsPage)
    dialog = page.list.add_dialog()
    qtbot.addWidget(dialog)
    fill(qtbot, dialog.form, {"kind": "general_meeting", "topic": "学习党的创新理论",
                              "starts_at": "下周二下午"})
    assert dialog.try_save() is False
    assert "请输入日期和时间" in visible_errors(dialog.form)["starts_at"]
    fill(qtbot, dialog.form, {"starts_at": "2026-03-05 14:30", "place": "社区会议室"})
    assert dialog.try_save() is True
    meeting = page.meeting_id()
    assert meeting is not None

    def add_all(widget: QWidget) -> None:
        assert isinstance(widget, AddMembersDialog)
        widget.group.setCurrentIndex(widget.group.findData(AddMembersDialog.EVERYONE))
        widget.accept()

    on_next_modal(add_all)
    page.attendance.add_members()
    assert page.attendance.table.rowCount() == 4
    assert "应到 4 人，实到 0 人" in page.attendance.summary.text()
    assert "不足法定人数" in page.attendance.quorum.text()

    page.attendance.table.selectRow(0)
    page.attendance.mark("present")
    page.attendance.table.selectRow(1)
    page.attendance.mark("present")
    # The first two rows are 刘洋 (probationary) and 张伟: one of three full members is not enough.
    assert "不足法定人数" in page.attendance.quorum.text()
    page.attendance.table.selectRow(2)
    answer_next_input("外出学习")
    page.attendance.mark("leave")
    counts = MeetingService(db).counts(meeting)
    assert (counts.expected, counts.present, counts.on_leave) == (4, 2, 1)
    assert "实到 2 人，请假 1 人，缺席 1 人" in page.attendance.summary.text()

    ledgers.action_undo.trigger()
    assert MeetingService(db).counts(meeting).on_leave == 0
    ledgers.action_redo.trigger()
    assert MeetingService(db).counts(meeting).on_leave == 1

    photo = tmp_path / "现场照片.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"x" * 2048)
    page.files.add("photo", [str(photo)])
    assert page.files.list.count() == 1 and "现场照片.png" in page.files.list.item(0).text()
    stored = MeetingService(db).attachments(meeting)[0]
    assert db.path is not None
    assert attachment_path(db.path.parent, stored.sha256).read_bytes() == photo.read_bytes()


def test_quorum_met_with_more_than_half_of_full_members(
        qtbot: QtBot, ledgers: MainWindow, db: Database, members: list[str]) -> None:
    service = MeetingService(db)
    meeting = service.create({"kind": "general_meeting", "topic": "支部党员大会",
                              "starts_at": datetime(2026, 3, 5, 14, 30)})
    service.add_members(meeting)
    for attendee in service.attendees(meeting)[:3]:
        service.mark(attendee.id, "present")
    page = ledgers.open_page("meetings")
    assert isinstance(page, MeetingsPage)
    page.open_record(meeting)
    assert "符合法定人数" in page.attendance.quorum.text()


def test_funds_in_yuan_overdraft_refused_running_balance(qtbot: QtBot, ledgers: MainWindow,
                                                         db: Database) -> None:
    page = ledgers.open_page("funds")
    assert isinstance(page, FundsPage)
    fund_form = page.funds.add_dialog()
    qtbot.addWidget(fund_form)
    fill(qtbot, fund_form.form, {"name": "党建经费", "kind": "party_building", "opening_fen": "100.00"})
    assert fund_form.try_save() is True
    fund = FundService(db).funds()[0]
    assert fund.balance_fen == 10000

    income = page.entries.add_dialog()
    qtbot.addWidget(income)
    fill(qtbot, income.form, {"fund_id": fund.fund_id, "entry_date": "2026-03-01", "direction": "income",
                              "amount_fen": "50.5元"})
    assert income.try_save() is False
    assert "请输入金额" in visible_errors(income.form)["amount_fen"]
    fill(qtbot, income.form, {"amount_fen": "50.5", "purpose": "上级拨付"})
    assert income.try_save() is True

    expense = page.entries.add_dialog()
    qtbot.addWidget(expense)
    fill(qtbot, expense.form, {"fund_id": fund.fund_id, "entry_date": "2026-03-02", "direction": "expense",
                               "amount_fen": "200", "purpose": "购买学习资料"})
    warning = answer_next_message_box(QMessageBox.StandardButton.Ok)
    assert expense.try_save() is False
    assert warning and "余额小于零" in warning[0]
    assert FundService(db).funds()[0].balance_fen == 15050

    page.ledger.year.setValue(2026)
    page.ledger.refresh()
    assert page.ledger.table.rowCount() == 1
    assert present(page.ledger.table.item(0, 5)).text() == "150.50"
    assert "余额 150.50" in page.ledger.summary.text()


def test_work_day_record_with_goods_in_yuan_and_quarter_summary(
        qtbot: QtBot, ledgers: MainWindow, registry: RegistryService) -> None:
    organ = registry.create("organ", {"name": "洮北区税务局"})
    cadre = registry.create("cadre", {"organ_id": organ, "name": "董文斌", "post": "科员"})
    page = ledgers.open_page("workday")
    assert isinstance(page, WorkdayPage)
    dialog = page.visits.add_dialog()
    qtbot.addWidget(dialog)
    fill(qtbot, dialog.form, {"month": "2026-03", "cadre_id": cadre, "arrived_at": "2026-03-14 08:30",
                              "left_at": "2026-03-14 11:30", "service": "入户走访", "party_lesson": True,
                              "goods_fen": "300.5"})
    assert dialog.try_save() is True, visible_errors(dialog.form)
    row = page.visits.model.index(0, [c.key for c in page.visits.query.columns].index("goods_fen"))
    assert page.visits.model.data(row) == "300.50"

    page.summary.year.setValue(2026)
    page.summary.quarter.setCurrentIndex(0)
    page.summary.refresh()
    assert present(page.summary.table.item(0, 0)).text() == "洮北区税务局"
    assert present(page.summary.table.item(0, 3)).text() == "1"
    assert present(page.summary.table.item(0, 6)).text() == "300.50"

    page.visits.table.selectRow(0)
    answer_next_input("王书记")
    page.confirm()
    col = [c.key for c in page.visits.query.columns].index("confirmed")
    assert page.visits.model.data(page.visits.model.index(0, col)) == "是"


def test_cobuild_item_with_resident_units(qtbot: QtBot, ledgers: MainWindow,
                                          registry: RegistryService) -> None:
    unit = registry.create("resident_unit", {"name": "白城市第一中学", "kind": "school"})
    page = ledgers.open_page("cobuild")
    assert isinstance(page, RecordListView)
    dialog = page.add_dialog()
    qtbot.addWidget(dialog)
    fill(qtbot, dialog.form, {"list_kind": "resources", "title": "开放学校操场", "unit_ids": [unit]})
    assert dialog.try_save() is True
    record = page.current_id()
    assert record is not None
    assert page.source.get(record)["unit_ids"] == [unit]


def test_dashboard_todo_opens_the_meetings_missing(qtbot: QtBot, ledgers: MainWindow) -> None:
    page = ledgers.current_page()
    assert isinstance(page, DashboardPage)
    texts = [page.todo.item(i).text() for i in range(page.todo.count())]
    assert any("尚未召开党课" in t for t in texts), texts
    row = next(i for i, t in enumerate(texts) if "党课" in t)
    page.todo.itemClicked.emit(page.todo.item(row))
    meetings = ledgers.current_page()
    assert isinstance(meetings, MeetingsPage)
    assert meetings.list.query.filters == {"kind": "party_lesson"}


def test_dashboard_counts_follow_the_data(qtbot: QtBot, ledgers: MainWindow, registry: RegistryService,
                                          db: Database) -> None:
    page = ledgers.current_page()
    assert isinstance(page, DashboardPage)
    assert page.values["building_party_groups"].text() == "0"
    building = registry.create("building", {"compound_id": registry.create("compound", {"name": "幸福家园"}),
                                            "number": "1号楼"})
    ledgers.controller.create("party_group", {"name": "1号楼党小组", "kind": "building",
                                              "building_ids": [building]})
    assert page.values["building_party_groups"].text() == "1"
    open_record(ledgers, "meeting_kind", "general_meeting")
    assert isinstance(ledgers.current_page(), MeetingsPage)


def test_modal_helper_is_not_left_waiting(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    on_next_modal(lambda w: w.reject())  # type: ignore[attr-defined]
    assert dialog.exec() == 0


@pytest.mark.parametrize("key", ["dashboard", "meetings", "projects", "appeals", "guarantees", "workday",
                                 "cobuild", "funds", "training"])
def test_every_ledger_page_opens_from_the_navigation(ledgers: MainWindow, key: str) -> None:
    page = ledgers.open_page(key)
    assert page.isVisible()
    assert present(ledgers.nav.currentItem()).text(0) == ledgers.pages[key].title


@pytest.mark.parametrize(("key", "title"), [("meetings", "新建会议活动"), ("funds", "新建经费收支"),
                                            ("projects", "新建书记项目")])
def test_ctrl_n_adds_a_record_of_the_open_ledger(qtbot: QtBot, ledgers: MainWindow, key: str,
                                                 title: str) -> None:
    ledgers.open_page(key)
    seen: list[str] = []

    def close(widget: QWidget) -> None:
        seen.append(widget.windowTitle())
        widget.close()

    on_next_modal(close, QDialog)
    ledgers.action_new.trigger()
    assert seen == [title]


def test_ctrl_p_previews_the_open_list(qtbot: QtBot, ledgers: MainWindow, members: list[str]) -> None:
    from app.ui.printing.preview import PrintPreviewDialog

    ledgers.open_page("party_member")
    ledgers.action_print.trigger()
    dialogs = [w for w in ledgers.findChildren(PrintPreviewDialog)]
    assert len(dialogs) == 1
    preview = dialogs[0]
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.ready, timeout=30000) as ready:
        pass
    assert ready.args and ready.args[0] >= 1
    assert "党员" in preview.windowTitle()
    preview.close()


def test_ctrl_p_on_a_meeting_offers_its_sign_in_sheet(qtbot: QtBot, ledgers: MainWindow, db: Database,
                                                      members: list[str]) -> None:
    from app.ui.ledgers.print_menu import PrintChoiceDialog
    from app.ui.printing.preview import PrintPreviewDialog

    service = MeetingService(db)
    meeting = service.create({"kind": "party_lesson", "topic": "学习党章",
                              "starts_at": datetime(2026, 3, 5, 14, 30)})
    service.add_members(meeting)
    page = ledgers.open_page("meetings")
    assert isinstance(page, MeetingsPage)
    page.open_record(meeting)
    offered: list[str] = []

    def choose_signin(widget: QWidget) -> None:
        assert isinstance(widget, PrintChoiceDialog)
        offered.extend(b.text() for b in widget.buttons)
        widget.buttons[0].click()

    on_next_modal(choose_signin, PrintChoiceDialog)
    ledgers.action_print.trigger()
    assert offered[:3] == ["所选会议的签到表", "所选会议的会议记录", "空白签到表"]
    preview = ledgers.findChildren(PrintPreviewDialog)[-1]
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.ready, timeout=30000):
        pass
    assert "签到表" in preview.windowTitle()
    preview.close()


def test_sync_menu_and_status_in_the_main_window(qtbot: QtBot, registry: RegistryService,
                                                 config_dir: Path) -> None:
    import argparse

    from app.bootstrap import open_main_window
    from app.settings import Settings

    assert registry.db.path is not None
    args = argparse.Namespace(db=str(registry.db.path), smoke=False, lang=None)
    opened = open_main_window(args, Settings())
    assert not isinstance(opened, int)
    window, db, _sync = opened
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[3] == "同步(&S)"
    assert [a.objectName() for a in window.menu_sync.actions()] == [
        "sync_now", "sync_export", "sync_import", "sync_conflicts", "sync_history", "sync_enrol"]
    assert window.sync_label.text() == "未注册同步"
    db.close()


def test_expected_attendees_from_the_committee_and_organ_cadres(qtbot: QtBot, ledgers: MainWindow,
                                                                db: Database,
                                                                registry: RegistryService) -> None:
    unit = registry.create("resident_unit", {"name": "白城市供电公司", "kind": "enterprise"})
    registry.create("part_time_member", {"name": "周强", "resident_unit_id": unit, "post": "党委书记"})
    organ = registry.create("organ", {"name": "洮北区税务局"})
    registry.create("cadre", {"organ_id": organ, "name": "董文斌"})
    other = registry.create("organ", {"name": "洮北区司法局"})
    registry.create("cadre", {"organ_id": other, "name": "包楠"})
    meeting = MeetingService(db).create({"kind": "joint_meeting", "topic": "党建联席会议",
                                         "starts_at": datetime(2026, 3, 5, 9, 0)})
    page = ledgers.open_page("meetings")
    assert isinstance(page, MeetingsPage)
    page.open_record(meeting)

    def pick(source: str, organ_id: str | None = None) -> None:
        def answer(widget: QWidget) -> None:
            assert isinstance(widget, AddMembersDialog)
            widget.source.setCurrentIndex(widget.source.findData(source))
            if organ_id:
                widget.organ.setCurrentIndex(widget.organ.findData(organ_id))
            assert widget.organ.isEnabled() == (source == "cadres")
            widget.accept()

        on_next_modal(answer, AddMembersDialog)
        page.attendance.add_members()

    pick("committee")
    pick("cadres", organ)
    table = page.attendance.table
    names = [present(table.item(r, 0)).text() for r in range(table.rowCount())]
    assert names == ["周强", "董文斌"]


def test_a_milestone_on_the_to_do_list_opens_its_project(qtbot: QtBot, ledgers: MainWindow,
                                                         db: Database) -> None:
    from datetime import timedelta

    from app.services.projects import ProjectService
    from app.ui.ledgers.projects import ProjectsPage

    today = date.today()
    service = ProjectService(db)
    project = service.create({"year": today.year, "secretary_name": "王书记", "title": "楼道环境整治"},
                             default_milestones=False)
    service.add_milestone(project, {"stage": "other", "title": "清理杂物",
                                    "due_date": today - timedelta(days=1)})
    page = ledgers.open_page("dashboard")
    assert isinstance(page, DashboardPage)
    page.refresh()
    rows = [i for i in range(page.todo.count()) if "清理杂物" in page.todo.item(i).text()]
    assert len(rows) == 1 and "已超期" in page.todo.item(rows[0]).text()
    page.todo.itemClicked.emit(page.todo.item(rows[0]))
    projects = ledgers.current_page()
    assert isinstance(projects, ProjectsPage)
    assert projects.list.current_id() == project


def test_dashboard_names_the_project_of_each_milestone_and_counts_in_whole_numbers(
        qtbot: QtBot, ledgers: MainWindow, db: Database) -> None:
    from PySide6.QtCharts import QValueAxis

    from app.services.projects import ProjectService

    page = ledgers.current_page()
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.has_figures)
    axis = next(a for a in present(page.chart).axes() if isinstance(a, QValueAxis))
    assert (axis.min(), axis.max(), axis.tickCount()) == (0, 1, 2)  # 0 and 1, not 0, 0, 0, 0, 1

    projects = ProjectService(db)
    last_year = page.today().year - 1  # its milestones are all past due
    for title, secretary in (("加装电梯", "张书记"), ("楼道整治", "张书记"), ("楼道整治", "李书记")):
        projects.create({"year": last_year, "secretary_name": secretary, "title": title})
    filled: list[bool] = []
    page.filled.connect(lambda: filled.append(True))
    page.refresh()
    qtbot.waitUntil(lambda: bool(filled))
    texts = [page.todo.item(i).text() for i in range(page.todo.count())]
    overdue = [t for t in texts if "年初建账" in t]
    # One line per project, each naming it: two projects of one title apart by their secretary.
    assert len(overdue) == 3 and len(set(overdue)) == 3, texts
    assert any("加装电梯（张书记）" in t for t in overdue)
    assert any("楼道整治（张书记）" in t for t in overdue) and any("楼道整治（李书记）" in t for t in overdue)


def test_count_axes_have_whole_number_ticks() -> None:
    from app.ui.ledgers.dashboard import integer_axis

    assert integer_axis(0) == (1, 2)
    assert integer_axis(3) == (3, 4)
    assert integer_axis(7) == (10, 6)
    assert integer_axis(1900) == (1900, 6)
    for largest in range(0, 200):
        top, ticks = integer_axis(largest)
        assert top >= largest and top % (ticks - 1) == 0 and ticks <= 6


def test_the_home_views_figures_reflow_to_the_width_and_none_is_clipped(
        qtbot: QtBot, ledgers: MainWindow) -> None:
    from PySide6.QtWidgets import QLabel

    page = ledgers.current_page()
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.has_figures)
    columns = []
    for width in (1600, 900, 600):  # a wide screen; 1366 x 768 at 125 %; at 150 %, or a half screen
        ledgers.resize(width + 260, 800)  # the navigation takes the rest
        qtbot.waitUntil(lambda w=width: page.width() < w + 40)  # type: ignore[misc]
        qtbot.wait(20)
        columns.append(page.card_columns)
        captions = [label for label in page.cards.findChildren(QLabel) if label.objectName() == "caption"]
        assert len(captions) == 13
        for label in [*captions, *page.values.values()]:
            assert label.width() >= label.sizeHint().width(), (width, label.text())
    assert columns[0] == 7 and columns == sorted(columns, reverse=True) and columns[-1] < 5, columns
