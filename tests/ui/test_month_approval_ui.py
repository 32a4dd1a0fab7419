"""Month approval on the home view and in the forms: a decision arriving by sync shows on the
dashboard (approved, or returned with the staff's comment), and the form of a record in an approved
month refuses the edit, naming the month and who approved it."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.models.approval import submission_id
from app.services.approval import ApprovalService
from app.services.funds import FundService
from app.sync.apply import Applier
from app.ui.ledgers import install
from app.ui.ledgers.dashboard import DashboardPage
from app.ui.ledgers.funds import FundsPage
from app.ui.main_window import MainWindow

from .helpers import answer_next_message_box, fill

pytestmark = pytest.mark.gui


def decision_arrives(db: Database, month: str, state: str, by: str, comment: str = "") -> None:
    """The city server's decision on ``month``, applied as a package from the server applies it."""
    community = db.community_id or ""
    stamp = f"{int(time.time() * 1000) + 1000:013d}-00000-city0001"
    change: dict[str, Any] = {
        "id": f"decision-{month}-{state}", "table": "month_submission",
        "record": submission_id(community, month), "community": community, "op": "upsert", "hlc": stamp,
        "fields": {"state": state, "comment": comment, "decided_by": by, "month": month,
                   "decided_at": datetime(2026, 12, 5, 10, 0).isoformat()}}
    with db.session() as session:
        assert not Applier(session, package_id="from-server").apply([change]).rejected


def test_an_approved_month_refuses_the_edit_form_and_shows_on_the_home_view(
        qtbot: QtBot, window: MainWindow, db: Database) -> None:
    install(window, db)
    funds = FundService(db)
    fund = funds.create_fund({"name": "党建经费", "kind": "party_building"})
    entry = funds.add_entry({"fund_id": fund, "entry_date": "2026-11-10", "direction": "income",
                             "amount_fen": 100000, "voucher_no": "记-1", "purpose": "上级拨付",
                             "handler": "会计"})
    ApprovalService(db).submit("2026-11", "张书记")
    ApprovalService(db).submit("2026-10", "张书记")
    decision_arrives(db, "2026-11", "approved", "王丽")
    decision_arrives(db, "2026-10", "returned", "王丽", "缺少10月主题党日照片")

    home = window.current_page()
    assert isinstance(home, DashboardPage)
    home.refresh()
    lines = [home.approval.months.item(i).text() for i in range(home.approval.months.count())]
    assert lines == ["2026-11：已由 王丽 审核通过，已锁定", "2026-10：被 王丽 退回：缺少10月主题党日照片"]

    page = window.open_page("funds")
    assert isinstance(page, FundsPage)
    form = page.entries.edit_dialog(entry)
    qtbot.addWidget(form)
    fill(qtbot, form.form, {"purpose": "改过的用途"})
    warning = answer_next_message_box(QMessageBox.StandardButton.Ok)
    assert form.try_save() is False
    assert warning == ["2026-11 已由 王丽 审核通过并锁定，该月的台账记录不能再修改。如需修改，请先申请解锁。"]
    assert funds.ledger(fund, 2026).rows[0].purpose == "上级拨付"


def test_handing_a_month_up_from_the_home_view(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    install(window, db)
    home = window.current_page()
    assert isinstance(home, DashboardPage)
    box = home.approval
    box.month.setText("2026-13")
    box.person.setText("张书记")
    warning = answer_next_message_box(QMessageBox.StandardButton.Ok)
    qtbot.mouseClick(box.submit_button, Qt.MouseButton.LeftButton)
    assert warning == ["请按“年-月”填写月份，例如 2026-11。"]
    assert ApprovalService(db).months() == []
    box.month.setText("2026-11")
    qtbot.mouseClick(box.submit_button, Qt.MouseButton.LeftButton)
    assert [m.state for m in ApprovalService(db).months()] == ["submitted"]
    assert box.months.item(0).text() == "2026-11：张书记 已上报，等待审核"

