"""The 阵地 page and the meeting form's rooms, driven as a secretary would."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QComboBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.database import Database
from app.models.ledgers import Meeting
from app.services.meetings import MeetingService
from app.services.registry import RegistryService
from app.services.venues import VenueService
from app.ui.ledgers import install
from app.ui.ledgers.meetings import MeetingsPage, RoomCheckedDialog
from app.ui.ledgers.venues import VenuesPage
from app.ui.main_window import MainWindow

from .helpers import answer_next_message_box, fill, present, visible_errors

pytestmark = pytest.mark.gui

CENTRE = "幸福社区党群服务中心"
ROOM = f"{CENTRE}·会议室"


def places(db: Database) -> dict[str, str]:
    """Each live meeting's topic and place, as saved."""
    with db.session() as session:
        rows = session.execute(select(Meeting.topic, Meeting.place).where(Meeting.deleted_at.is_(None)))
        return {topic: place for topic, place in rows}


@pytest.fixture
def ledgers(window: MainWindow, db: Database, registry: RegistryService) -> MainWindow:
    install(window, db)
    return window


@pytest.fixture
def booked(db: Database, registry: RegistryService) -> str:
    """A centre with its meeting room, and a committee meeting there on 5 March 14:00–16:00."""
    venues = VenueService(db)
    centre = venues.create_venue({"name": CENTRE, "kind": "centre", "area_m2": "1200"})
    venues.add_room({"venue_id": centre, "name": "党员活动室", "layout": "room", "area_m2": "90",
                     "capacity": "60"})
    venues.add_room({"venue_id": centre, "name": "会议室", "layout": "room", "area_m2": "80",
                     "capacity": "40"})
    return MeetingService(db).create({
        "kind": "committee_meeting", "topic": "研究本月重点工作", "place": ROOM,
        "starts_at": datetime(2026, 3, 5, 14, 0), "ends_at": datetime(2026, 3, 5, 16, 0)})


def test_the_venue_page_adds_refuses_deletes_and_undoes(qtbot: QtBot, ledgers: MainWindow,
                                                         db: Database) -> None:
    page = ledgers.open_page("venues")
    assert isinstance(page, VenuesPage)
    assert "尚未登记党群服务中心" in page.summary.text()

    form = page.venues.add_dialog()
    qtbot.addWidget(form)
    fill(qtbot, form.form, {"name": CENTRE, "kind": "centre", "area_m2": "一千二"})
    assert form.try_save() is False
    assert visible_errors(form.form) == {"area_m2": "请输入整数，例如 12。"}
    assert VenueService(db).venues() == []
    fill(qtbot, form.form, {"area_m2": "1200", "opening_hours": "周一至周日 8:30—20:00"})
    assert form.try_save() is True
    assert f"{CENTRE}：建筑面积 1,200 平方米（达到 1,000 平方米）" in page.summary.text()

    page.tabs.setCurrentWidget(page.rooms)
    room = page.rooms.add_dialog()
    qtbot.addWidget(room)
    venue_editor = room.form.editors["venue_id"]
    assert isinstance(venue_editor, QComboBox) and venue_editor.currentText() == CENTRE
    fill(qtbot, room.form, {"name": "多功能厅", "layout": "hall", "area_m2": "1300", "capacity": "200"})
    assert room.try_save() is False
    assert "此功能室最多还能填 1200 平方米" in visible_errors(room.form)["area_m2"]
    fill(qtbot, room.form, {"area_m2": "260", "function": "大型会议、党课"})
    assert room.try_save() is True
    assert page.rooms.model.rowCount() == 1
    assert "厅 1/2" in page.summary.text()

    page.tabs.setCurrentWidget(page.venues)
    centre = VenueService(db).venues()[0].id
    edit = page.venues.edit_dialog(centre)
    qtbot.addWidget(edit)
    fill(qtbot, edit.form, {"area_m2": "200"})
    assert edit.try_save() is False
    assert visible_errors(edit.form) == {"area_m2": "其功能室已占 260 平方米，建筑面积不能小于此数。"}
    fill(qtbot, edit.form, {"area_m2": "900"})
    assert edit.try_save() is True
    assert "距 1,000 平方米还差 100 平方米" in page.summary.text()

    assert page.venues.select_record(centre)
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    page.venues.delete_current()
    assert VenueService(db).venues() == []
    assert page.rooms.model.rowCount() == 0
    ledgers.action_undo.trigger()
    (back,) = VenueService(db).venues()
    assert [r.name for r in back.rooms] == ["多功能厅"]
    assert page.rooms.model.rowCount() == 1


def test_a_meeting_in_a_booked_room_is_warned_about_and_may_be_saved(
        qtbot: QtBot, ledgers: MainWindow, db: Database, booked: str) -> None:
    page = ledgers.open_page("meetings")
    assert isinstance(page, MeetingsPage)
    dialog = page.list.add_dialog()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, RoomCheckedDialog)
    place = dialog.form.editors["place"]
    assert isinstance(place, QComboBox) and place.isEditable()
    assert [place.itemText(i) for i in range(place.count())] == [f"{CENTRE}·党员活动室", ROOM]
    fill(qtbot, dialog.form, {"kind": "themed_day", "topic": "重温入党誓词", "starts_at": "2026-03-05 15:00"})
    place.setCurrentIndex(place.findText(ROOM))

    seen = answer_next_message_box(QMessageBox.StandardButton.No)
    assert dialog.try_save() is False
    assert seen and "在重叠的时间已有安排" in seen[0] and "研究本月重点工作" in seen[0]
    assert "2026-03-05 14:00—16:00" in seen[0]
    assert list(places(db)) == ["研究本月重点工作"]

    # After the meeting there the room is free; another room is free at once.
    fill(qtbot, dialog.form, {"starts_at": "2026-03-05 16:00"})
    assert dialog.room_is_free_or_accepted() is True
    fill(qtbot, dialog.form, {"starts_at": "2026-03-05 15:00"})
    place.setCurrentIndex(place.findText(f"{CENTRE}·党员活动室"))
    assert dialog.room_is_free_or_accepted() is True

    # The user knows better (the other meeting ends early) and saves there all the same.
    place.setCurrentIndex(place.findText(ROOM))
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    assert dialog.try_save() is True
    assert places(db) == {"研究本月重点工作": ROOM, "重温入党誓词": ROOM}


def test_a_typed_place_is_kept_and_an_edit_keeps_its_room(
        qtbot: QtBot, ledgers: MainWindow, db: Database, booked: str) -> None:
    page = ledgers.open_page("meetings")
    assert isinstance(page, MeetingsPage)
    dialog = page.list.add_dialog()
    qtbot.addWidget(dialog)
    fill(qtbot, dialog.form, {"kind": "group_meeting", "topic": "入户走访", "starts_at": "2026-03-05 14:30",
                              "place": "居民家中"})
    assert dialog.try_save() is True
    assert places(db)["入户走访"] == "居民家中"

    edit = page.list.edit_dialog(booked)
    qtbot.addWidget(edit)
    assert isinstance(edit, RoomCheckedDialog)
    editor = present(edit.form.editors.get("place"))
    assert isinstance(editor, QComboBox) and editor.currentText() == ROOM
    # Its own time does not clash with itself.
    fill(qtbot, edit.form, {"topic": "研究下月重点工作"})
    assert edit.try_save() is True
    assert MeetingService(db).get(booked)["topic"] == "研究下月重点工作"
