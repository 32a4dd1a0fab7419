"""The appeal's steps as a new user meets them: only what the state allows, the next step
emphasised, 签收 confirmed and signed with the user's name (asked once), mistakes corrected."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services.registry import RegistryService
from app.settings import Settings
from app.ui.controllers.records import RecordController
from app.ui.ledgers.appeals import AppealsPage
from app.ui.user import UserName

from .helpers import answer_next_input, answer_next_message_box, fill, present
from .test_appeals_ui import Clock, click, dispatch, ok, receive, state, titles, trail

pytestmark = pytest.mark.gui

MONDAY = datetime(2026, 11, 2, 9, 0)


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def page(qtbot: Any, controller: RecordController, registry: RegistryService,
         settings: Settings) -> AppealsPage:
    registry.create("property_company", {"name": "安居物业"})
    widget = AppealsPage(controller, registry.db, now=Clock(MONDAY),
                         user=UserName(settings, lambda: settings.save()))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown(page: AppealsPage) -> list[str]:
    return [s for s, b in page.detail.buttons.items() if b.isVisible()]


def emphasised(page: AppealsPage) -> list[str]:
    return [s for s, b in page.detail.buttons.items() if b.isVisible() and b.property("next_step")]


def test_only_the_steps_the_state_allows_are_shown_the_next_one_emphasised(
        qtbot: Any, page: AppealsPage) -> None:
    answer_next_input("李娜")
    receive(qtbot, page)
    assert shown(page) == ["dispatch"] and emphasised(page) == ["dispatch"]
    ok(qtbot, dispatch(qtbot, page))
    assert shown(page) == ["accept", "return", "remind"]
    assert emphasised(page) == ["accept"]


def test_acknowledging_is_confirmed_and_signed_with_the_name_asked_once(
        qtbot: Any, page: AppealsPage, settings: Settings) -> None:
    # The first step that records who handled it asks for the name, once.
    answer_next_input("李娜")
    receive(qtbot, page)
    assert settings.user_name == "李娜" and Settings.load().user_name == "李娜"
    assert page.detail.actor.text() == "李娜"
    ok(qtbot, dispatch(qtbot, page))
    # 签收 asks first; saying no changes nothing.
    seen = answer_next_message_box(QMessageBox.StandardButton.No)
    page.detail.buttons["accept"].click()
    assert seen and "安居物业" in seen[0] and "李娜" in seen[0]
    assert state(page) == "dispatched"
    click(qtbot, page, "accept")
    assert state(page) == "handling"
    assert trail(page) == titles("receive", "dispatch", "accept")
    table = page.detail.trail
    assert [present(table.item(r, 2)).text() for r in range(table.rowCount())] == ["李娜"] * 3
    assert emphasised(page) == ["close"]


def test_a_mistake_at_receipt_is_corrected_and_kept_in_the_trail(qtbot: Any, page: AppealsPage) -> None:
    answer_next_input("李娜")
    receive(qtbot, page, resident_name="王秀英", address="幸福家园3号楼")
    ok(qtbot, dispatch(qtbot, page))
    dialog = page.correct()
    assert dialog is not None
    assert "received_at" not in dialog.form.editors and "resident_name" in dialog.form.editors
    fill(qtbot, dialog.form, {"resident_name": "王秀云", "address": "幸福家园5号楼"})
    assert dialog.try_save()
    assert "王秀云" in page.detail.values["resident"].text()
    assert trail(page)[-1] == "更正"
    note = present(page.detail.trail.item(page.detail.trail.rowCount() - 1, 3)).text()
    assert "王秀英 → 王秀云" in note and "幸福家园3号楼 → 幸福家园5号楼" in note
    assert state(page) == "dispatched"


def test_the_list_shows_a_dozen_rows_above_the_details(qtbot: Any, page: AppealsPage) -> None:
    table = page.list.table
    QApplication.processEvents()
    rows = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert rows >= 12
    assert page.detail.height() < page.list.height()
