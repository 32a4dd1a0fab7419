"""Month approval through the staff web page of a real server process on 127.0.0.1: a month handed
up over the network is approved on the page, the decision comes back by sync, and the app then
refuses an edit to that month naming the approver; a month returned carries its comment."""

from __future__ import annotations

import re
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.services.approval import ApprovalService
from app.services.errors import DomainError
from app.services.funds import FundService
from server.city import CityServer
from server.staff import add_user

from .conftest import COMMUNITY_A, Computers
from .http_server import LiveServer, live_server
from .test_network_sync import join

PASSWORD = "城市工作-2026"


def _logged_in(live: LiveServer, username: str) -> httpx.Client:
    client = live.client(follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token
    answer = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token[1]})
    assert answer.status_code == 303
    return client


def _decide(client: httpx.Client, month: str, decision: str, comment: str = "") -> httpx.Response:
    page = client.get("/").text
    row = re.search(rf'data-month="{month}">.*?name="submission" value="([^"]+)"', page, re.S)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert row and token
    return client.post("/months", data={"submission": row[1], "decision": decision, "comment": comment,
                                        "csrf_token": token[1]})


@pytest.mark.slow
def test_approved_on_the_page_locks_the_month_on_the_app(server_url: str, city: CityServer,
                                                       computers: Computers, tmp_path: Path) -> None:
    add_user(city, "taobei", PASSWORD, "district", COMMUNITY_A["district"])
    with live_server(server_url, tmp_path) as live:
        db = computers.new("a1")
        net = join(city, live.url, db, COMMUNITY_A)
        funds = FundService(db)
        fund = funds.create_fund({"name": "党建经费", "kind": "party_building"})
        entry: dict[str, Any] = {"fund_id": fund, "entry_date": "2026-11-10", "direction": "income",
                                 "amount_fen": 100000, "voucher_no": "记-1", "purpose": "上级拨付",
                                 "handler": "会计"}
        november = funds.add_entry(entry)
        approval = ApprovalService(db)
        approval.submit("2026-11", "张书记", "11月台账")
        approval.submit("2026-10", "张书记")
        net.sync()
        with closing(_logged_in(live, "taobei")) as client:
            page = client.get("/").text
            assert "待审核" in page and "11月台账" in page
            refused = _decide(client, "2026-10", "returned")
            assert refused.status_code == 400 and "退回时请填写审核意见" in refused.text
            assert _decide(client, "2026-10", "returned", "缺少主题党日照片").status_code == 303
            assert _decide(client, "2026-11", "approved").status_code == 303
            assert "已审核通过（taobei）" in client.get("/").text
        net.sync()
        states = {m.month: (m.state, m.decided_by, m.comment) for m in approval.months()}
        assert states == {"2026-11": ("approved", "taobei", ""),
                          "2026-10": ("returned", "taobei", "缺少主题党日照片")}
        with pytest.raises(DomainError) as locked:
            funds.update_entry(november, {**entry, "amount_fen": 1})
        assert locked.value.params == {"month": "2026-11", "decided_by": "taobei"}

        approval.request_unlock("2026-11", "张书记", "补录一笔收入")
        net.sync()
        with closing(_logged_in(live, "taobei")) as client:
            assert "申请解锁" in client.get("/").text
            assert _decide(client, "2026-11", "unlocked").status_code == 303
        net.sync()
        funds.update_entry(november, {**entry, "amount_fen": 1})
        assert funds.ledger(fund, 2026).income_fen == 1
