"""A secretary enters a meeting and its attendees: proposed by the meeting's kind, reviewed
before saving, counted in the list at once, and not marked absent before the meeting is held."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.services.identity import make_id_number
from app.services.meetings import MeetingService
from app.services.registry import RegistryService
from app.ui.ledgers import install
from app.ui.ledgers.meetings import AddMembersDialog, MeetingFormDialog, MeetingsPage
from app.ui.main_window import MainWindow

from .helpers import fill, on_next_modal, present

pytestmark = pytest.mark.gui


@pytest.fixture
def groups(registry: RegistryService) -> dict[str, str]:
    community = registry.community().id
    registry.update("community", community, {**registry.get("community", community),
                                             "org_name": "中共幸福社区委员会", "secretary_name": "赵书记"})
    first = registry.create("party_group", {"name": "第一党小组", "leader_name": "王芳"})
    second = registry.create("party_group", {"name": "第二党小组"})
    for i, (name, group) in enumerate([("张伟", first), ("王芳", first), ("李娜", second),
                                       ("赵书记", second)]):
        born = date(1970 + i, 5, 1)
        registry.create("party_member", {
            "name": name, "gender": "female", "birth_date": born, "join_date": date(2000, 7, 1),
            "status": "full", "id_number": make_id_number("220802", born, 12 + 2 * i),
            "party_group_id": group})
    unit = registry.create("resident_unit", {"name": "白城市供电公司", "kind": "enterprise"})
    registry.create("part_time_member", {"name": "周强", "resident_unit_id": unit, "post": "兼职委员"})
    return {"first": first, "second": second}


@pytest.fixture
def page(window: MainWindow, db: Database) -> MeetingsPage:
    install(window, db)
    opened = window.open_page("meetings")
    assert isinstance(opened, MeetingsPage)
    return opened


def proposed(dialog: MeetingFormDialog) -> list[str]:
    items = [present(dialog.proposal.list.item(i)) for i in range(dialog.proposal.list.count())]
    return [i.text() for i in items]


def list_figure(page: MeetingsPage, column: str) -> str:
    model = page.list.model
    row = present(page.list.table.currentIndex()).row()
    col = next(c for c in range(model.columnCount())
               if model.headerData(c, Qt.Orientation.Horizontal) == column)
    return str(model.data(model.index(row, col)))


def test_the_form_asks_for_the_time_right_after_what_the_meeting_is(qtbot: QtBot, page: MeetingsPage,
                                                                   groups: dict[str, str]) -> None:
    dialog = page.list.add_dialog()
    qtbot.addWidget(dialog)
    order = list(dialog.form.editors)
    assert order[:5] == ["kind", "party_group_id", "topic", "starts_at", "ends_at"]
    assert order[-1] == "note"


def test_a_group_meeting_proposes_its_members_to_review_before_saving(
        qtbot: QtBot, page: MeetingsPage, db: Database, groups: dict[str, str]) -> None:
    dialog = page.list.add_dialog()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, MeetingFormDialog)
    fill(qtbot, dialog.form, {"kind": "group_meeting"})
    assert proposed(dialog) == []
    assert "党小组" in dialog.proposal.title.text()
    fill(qtbot, dialog.form, {"party_group_id": groups["first"]})
    # The leader first, named by post.
    assert proposed(dialog) == ["王芳（党小组长，第一党小组）", "张伟（第一党小组）"]
    assert "2" in dialog.proposal.title.text()
    fill(qtbot, dialog.form, {"kind": "general_meeting"})
    assert len(proposed(dialog)) == 4 and proposed(dialog)[0].startswith("赵书记（书记")
    fill(qtbot, dialog.form, {"kind": "committee_meeting"})
    assert proposed(dialog) == ["赵书记（书记）", "周强（兼职委员，白城市供电公司）"]

    fill(qtbot, dialog.form, {"kind": "group_meeting", "party_group_id": groups["first"],
                              "topic": "学习党章", "starts_at": "2026-04-08 19:00"})
    # 张伟 is away this month: the user unticks him before saving.
    present(dialog.proposal.list.item(1)).setCheckState(Qt.CheckState.Unchecked)
    assert "1" in dialog.proposal.title.text()
    assert dialog.try_save() is True
    meeting = page.meeting_id()
    assert meeting is not None
    table = page.attendance.table
    assert [present(table.item(r, 0)).text() for r in range(table.rowCount())] == ["王芳"]
    assert present(table.item(0, 2)).text() == "党小组长"
    assert list_figure(page, "应到人数") == "1"

    # Adding more: the dialog offers the meeting's own group, not every member.
    chosen: list[str] = []

    def add_group(widget: QWidget) -> None:
        assert isinstance(widget, AddMembersDialog)
        chosen.append(widget.group.currentText())
        widget.accept()

    on_next_modal(add_group, AddMembersDialog)
    page.attendance.add_members()
    assert chosen == ["第一党小组"]
    assert table.rowCount() == 2
    # The list's figure follows at once.
    assert list_figure(page, "应到人数") == "2"
    # One undo takes back the added members, and the list says so too.
    page.controller.undo_stack.undo()
    assert list_figure(page, "应到人数") == "1"


def test_add_members_does_not_default_to_every_member(qtbot: QtBot, page: MeetingsPage, db: Database,
                                                      groups: dict[str, str]) -> None:
    meeting = MeetingService(db).create({"kind": "party_lesson", "topic": "专题党课",
                                         "starts_at": datetime(2026, 4, 1, 9, 0)})
    page.list.refresh()  # the records made above were written past the window
    page.open_record(meeting)
    state: list[bool] = []

    def look(widget: QWidget) -> None:
        assert isinstance(widget, AddMembersDialog)
        state.append(widget.ok_button.isEnabled())
        widget.group.setCurrentIndex(widget.group.findData(AddMembersDialog.EVERYONE))
        state.append(widget.ok_button.isEnabled())
        widget.accept()

    on_next_modal(look, AddMembersDialog)
    page.attendance.add_members()
    assert state == [False, True]
    assert page.attendance.table.rowCount() == 4


def test_a_meeting_not_held_yet_shows_nobody_absent(qtbot: QtBot, page: MeetingsPage, db: Database,
                                                     groups: dict[str, str]) -> None:
    service = MeetingService(db)
    meeting = service.create({"kind": "group_meeting", "topic": "学习党章", "party_group_id": groups["first"],
                              "starts_at": datetime(datetime.now().year + 1, 4, 8, 19, 0)})
    service.add_members(meeting, groups["first"])
    page.list.refresh()  # the records made above were written past the window
    page.open_record(meeting)
    table = page.attendance.table
    statuses = [present(table.item(r, 3)).text() for r in range(table.rowCount())]
    assert statuses == ["未召开", "未召开"]
    assert "缺席" not in page.attendance.summary.text()
    assert "应到 2 人" in page.attendance.summary.text()


def test_saving_the_sheet_says_where_it_went(qtbot: QtBot, page: MeetingsPage, db: Database,
                                             groups: dict[str, str], tmp_path: Path) -> None:
    from app.printing.signin import print_meeting_signin
    from app.ui.printing.preview import PrintPreviewDialog

    service = MeetingService(db)
    meeting = service.create({"kind": "group_meeting", "topic": "学习党章", "party_group_id": groups["first"],
                              "starts_at": datetime(2026, 4, 8, 19, 0)})
    service.add_members(meeting, groups["first"])
    preview = PrintPreviewDialog(page, page.controller.runner,
                                 lambda path: print_meeting_signin(db, meeting, path), "签到表")
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.ready, timeout=30000):
        pass
    assert not preview.open_folder_button.isVisible()
    target = tmp_path / "存档" / "签到表.pdf"
    target.parent.mkdir()
    preview.show()
    assert preview.save_to(target)
    assert target.exists()
    assert str(target) in preview.message_label.text() and "已保存" in preview.message_label.text()
    assert preview.open_folder_button.isVisible()
    assert preview.saved_folder() == target.parent


def test_a_new_meeting_names_the_user_as_its_recorder(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    from PySide6.QtWidgets import QLineEdit

    window.settings.user_name = "韩燕"
    install(window, db)
    page = window.open_page("meetings")
    assert isinstance(page, MeetingsPage)
    dialog = page.list.add_dialog()
    qtbot.addWidget(dialog)
    recorder = dialog.form.editors["recorder"]
    assert isinstance(recorder, QLineEdit) and recorder.text() == "韩燕"
