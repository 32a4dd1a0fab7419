"""Month approval: a month handed up, approved on the city server, comes back by sync and locks
the month's records on the app; the server refuses a package's edit to an approved month too, and a
community cannot write the staff's decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.models.approval import MonthState, submission_id
from app.services.approval import ApprovalService
from app.services.errors import DomainError
from app.services.funds import FundService
from app.services.stats import collect_stats
from app.sync.errors import SyncError
from server.approval import ApprovalError, decide, submissions
from server.city import CityServer
from server.stats import city_stats

from .conftest import COMMUNITY_A, Computers, enrol, round_trip


def _entry(fund: str, day: str, fen: int, purpose: str = "上级拨付") -> dict[str, object]:
    return {"fund_id": fund, "entry_date": day, "direction": "income", "amount_fen": fen,
            "voucher_no": "记-1", "purpose": purpose, "handler": "会计"}


def test_an_approved_month_refuses_edits_on_the_app_and_on_the_server(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    a1_db, a2_db = computers.new("a1"), computers.new("a2")
    a1 = enrol(city, a1_db, COMMUNITY_A)
    a2 = enrol(city, a2_db, COMMUNITY_A, init=False)
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    funds1, funds2 = FundService(a1_db), FundService(a2_db)
    fund = funds1.create_fund({"name": "党建经费", "kind": "party_building"})
    november = funds1.add_entry(_entry(fund, "2026-11-10", 100000))
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)

    ApprovalService(a1_db).submit("2026-11", "张书记", "11月台账")
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    [waiting] = submissions(city)
    assert (waiting.month, waiting.state, waiting.submitted_by) == ("2026-11", "submitted", "张书记")
    with pytest.raises(ApprovalError):
        decide(city, waiting.id, MonthState.APPROVED.value, by="王丽", only_district="洮南市")
    decide(city, waiting.id, MonthState.APPROVED.value, by="王丽")
    # The second computer edits November before it has heard of the approval.
    funds2.update_entry(november, _entry(fund, "2026-11-10", 100000, "改过的用途"))
    out = a2.export(tmp_path)
    report = city.import_file(out.path)
    assert [(r.reason, r.params) for r in report.rejected] == [
        ("month_locked", {"month": "2026-11", "decided_by": "王丽"})]
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)

    [status] = ApprovalService(a1_db).months()
    assert (status.state, status.decided_by) == ("approved", "王丽")
    with pytest.raises(DomainError) as refused:
        funds1.update_entry(november, _entry(fund, "2026-11-10", 1))
    assert (refused.value.code, refused.value.params) == ("month_locked",
                                                         {"month": "2026-11", "decided_by": "王丽"})
    with pytest.raises(DomainError):
        funds1.add_entry(_entry(fund, "2026-11-30", 5))
    with pytest.raises(DomainError):
        funds1.delete_entry(november)
    # A record moved into the locked month is refused too; December stays open.
    december = funds1.add_entry(_entry(fund, "2026-12-01", 7))
    with pytest.raises(DomainError):
        funds1.update_entry(december, _entry(fund, "2026-11-02", 7))
    assert collect_stats(a1_db)["months_approved"] == 1
    assert city_stats(city)["months_approved"] == 1

    # Unlock: asked for from the app, granted on the server, the month opens again.
    ApprovalService(a1_db).request_unlock("2026-11", "张书记", "补录一笔收入")
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    [asked] = submissions(city)
    assert (asked.state, asked.note) == ("unlock_requested", "补录一笔收入")
    with pytest.raises(DomainError):
        funds1.update_entry(november, _entry(fund, "2026-11-10", 1))
    decide(city, asked.id, MonthState.UNLOCKED.value, by="王丽")
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    funds1.update_entry(november, _entry(fund, "2026-11-10", 100001))
    assert ApprovalService(a2_db).months()[0].state == "unlocked"


def test_a_returned_month_carries_the_comment_and_can_be_handed_up_again(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    a1 = enrol(city, computers.new("a1"), COMMUNITY_A)
    round_trip(city, COMMUNITY_A["code"], [a1], tmp_path)
    service = ApprovalService(a1.db)
    service.submit("2026-10", "张书记")
    round_trip(city, COMMUNITY_A["code"], [a1], tmp_path)
    [waiting] = submissions(city)
    with pytest.raises(ApprovalError):
        decide(city, waiting.id, MonthState.RETURNED.value, by="王丽")
    decide(city, waiting.id, MonthState.RETURNED.value, by="王丽", comment="缺少10月主题党日照片")
    round_trip(city, COMMUNITY_A["code"], [a1], tmp_path)
    [status] = service.months()
    assert (status.state, status.comment, status.decided_by) == ("returned", "缺少10月主题党日照片", "王丽")
    service.submit("2026-10", "张书记", "已补齐")
    round_trip(city, COMMUNITY_A["code"], [a1], tmp_path)
    assert submissions(city)[0].state == "submitted"


def test_a_community_cannot_write_the_decision(computers: Computers, city: CityServer,
                                               tmp_path: Path) -> None:
    a1 = enrol(city, computers.new("a1"), COMMUNITY_A)
    round_trip(city, COMMUNITY_A["code"], [a1], tmp_path)
    ApprovalService(a1.db).submit("2026-09", "张书记")
    round_trip(city, COMMUNITY_A["code"], [a1], tmp_path)
    record_id = submission_id(a1.db.community_id or "", "2026-09")
    from app.models.approval import MonthSubmission
    from app.sync.changes import ChangeLog

    with a1.db.session() as session:
        obj = session.get(MonthSubmission, record_id)
        assert obj is not None
        ChangeLog(a1.db, session).updated(obj, {"state": "approved", "decided_by": "我自己"})
    out = a1.export(tmp_path)
    with pytest.raises(SyncError) as refused:
        city.import_file(out.path)
    assert refused.value.code == "forbidden_field"
    assert submissions(city)[0].state == "submitted"
