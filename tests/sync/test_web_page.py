"""The staff web page in a real headless Chromium (Debian's), against a real server process on
SQLite and PostgreSQL: log in, read the figures, publish a notice, and the community it is meant for
receives it on its next pull (applied as a USB package is)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.services.notices import NoticeService
from app.services.registry import RegistryService
from server.city import CityServer
from server.staff import add_user

from .conftest import COMMUNITY_A, Computers
from .http_server import BIN, LiveServer, live_server
from .test_http_sync import Member, join, pull_all, push

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-quic"]
COMMUNITY_C = {"code": "220881001", "name": "团结社区", "street": "团结街道", "district": "洮南市",
               "city": "白城市", "org_kind": "committee"}
PASSWORD = "城市工作-2026"


@pytest.fixture(scope="module")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing on CI: .ci/run must install the chromium package")
        pytest.skip("Debian's chromium is not installed")
    return CHROMIUM


@pytest.fixture
def browser(chromium_path: Path, tmp_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(chromium_path), headless=True, args=CHROMIUM_FLAGS,
            locale="zh-CN")
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def town(server_url: str, city: CityServer, computers: Computers, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """Two communities in two districts, enrolled over HTTP, with compounds pushed; two staff users."""
    add_user(city, "shiwei", PASSWORD, "city")
    add_user(city, "taobei", PASSWORD, "district", COMMUNITY_A["district"])
    with live_server(server_url, tmp_path) as live:
        a1 = join(city, live, computers.new("a1"), COMMUNITY_A, tmp_path / "a1")
        c1 = join(city, live, computers.new("c1"), COMMUNITY_C, tmp_path / "c1")
        for i in range(3):
            RegistryService(a1.db).create("compound", {"name": f"阳光小区{i}"})
        RegistryService(c1.db).create("compound", {"name": "团结小区"})
        assert push(live, a1).status_code == 200 and push(live, c1).status_code == 200
        stats = subprocess.run([str(BIN / "community-ledger-server"), "--db", server_url, "stats", "--json"],
                               capture_output=True, text=True, timeout=120, check=True)
        yield {"live": live, "a1": a1, "c1": c1, "stats": json.loads(stats.stdout)}


def log_in(page: Any, live: LiveServer, username: str, password: str) -> None:
    page.goto(live.url + "/")
    assert page.url.endswith("/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#login-button")


def cell(page: Any, selector: str) -> str:
    return str(page.inner_text(selector)).strip()


def test_city_staff_log_in_read_the_figures_and_publish_a_notice(browser: Any, town: dict[str, Any]) -> None:
    live: LiveServer = town["live"]
    stats = town["stats"]
    page = browser.new_page()

    log_in(page, live, "shiwei", "wrong password")
    assert "用户名或密码不正确" in cell(page, "#login-error")
    log_in(page, live, "shiwei", PASSWORD)
    page.wait_for_url(live.url + "/")
    assert "全市社区党建工作概况" in cell(page, "h1")

    # The very numbers of stats --json, overall, by district, by street and by community.
    assert cell(page, "#overall-figures td[data-key=compounds]") == str(stats["compounds"]) == "4"
    for district, figures in stats["by_district"].items():
        row = f"#by-district tr[data-district='{district}']"
        assert cell(page, f"{row} td[data-key=compounds]") == str(figures["compounds"])
        assert cell(page, f"{row} td[data-key=communities]") == str(figures["communities"])
    for district, streets in stats["by_street"].items():
        for street, figures in streets.items():
            row = f"#by-street tr[data-district='{district}'][data-street='{street}']"
            assert cell(page, f"{row} td[data-key=compounds]") == str(figures["compounds"])
    for code, figures in stats["by_community"].items():
        row = f"#by-community tr[data-code='{code}']"
        assert cell(page, f"{row} td[data-key=compounds]") == str(figures["compounds"])
    assert stats["by_community"][COMMUNITY_A["code"]]["compounds"] == 3
    assert "没有超期未办结的诉求" in cell(page, "#overdue-appeals")
    assert cell(page, "#project-progress tr.total td[data-key=claimed]") == "0"
    # Both communities synced just now; none has been silent for a day.
    page.fill("#days", "1")
    page.click("form.inline button")
    assert "所有社区都在 1 天内同步过" in cell(page, "#silent-communities")

    page.fill("#title", "关于开展社区党建工作检查的通知")
    page.fill("#body", "请各社区于本月底前完成台账整理。")
    page.fill("#attachment_name", "检查表.xlsx")
    page.select_option("#target", "district")
    page.select_option("#district", COMMUNITY_A["district"])
    page.click("#publish")
    assert "通知已发布" in cell(page, "#published")
    assert "关于开展社区党建工作检查的通知" in cell(page, "#notice-list")
    page.click("#logout")
    page.wait_for_url(live.url + "/login")
    page.goto(live.url + "/")
    assert page.url.endswith("/login")

    # The community of that district receives it on its next pull; the other district does not.
    a1: Member = town["a1"]
    c1: Member = town["c1"]
    pull_all(live, a1)
    pull_all(live, c1)
    received = NoticeService(a1.db).notices()
    assert [(n.title, n.body, n.attachment_name, n.publisher, n.read) for n in received] == [
        ("关于开展社区党建工作检查的通知", "请各社区于本月底前完成台账整理。", "检查表.xlsx", "shiwei",
         False)]
    assert NoticeService(a1.db).unread_count() == 1
    assert NoticeService(c1.db).notices() == []


def test_district_staff_see_and_publish_for_their_own_district_only(
        browser: Any, town: dict[str, Any]) -> None:
    live: LiveServer = town["live"]
    page = browser.new_page()
    log_in(page, live, "taobei", PASSWORD)
    page.wait_for_url(live.url + "/")
    assert COMMUNITY_A["district"] in cell(page, "h1")
    districts = page.eval_on_selector_all("#by-district tr[data-district]",
                                          "rows => rows.map(r => r.dataset.district)")
    assert districts == [COMMUNITY_A["district"]]
    assert page.query_selector(f"#by-community tr[data-code='{COMMUNITY_C['code']}']") is None
    assert cell(page, "#overall-figures td[data-key=compounds]") == "3"
    targets = page.eval_on_selector_all("#target option", "options => options.map(o => o.value)")
    assert "city" not in targets
    page.select_option("#target", "street")
    page.fill("#title", "明仁街道停水通知")
    page.click("#publish")
    assert "请填写街道名称" in cell(page, "#notice-error")
    assert page.input_value("#title") == "明仁街道停水通知"
    page.fill("#street", COMMUNITY_A["street"])
    page.click("#publish")
    assert "通知已发布" in cell(page, "#published")


def _logged_in(live: LiveServer, username: str) -> httpx.Client:
    client = live.client(follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token
    answer = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token[1]})
    assert answer.status_code == 303
    return client


def test_forms_without_their_csrf_token_are_refused_and_change_nothing(
        town: dict[str, Any], city: CityServer) -> None:
    live: LiveServer = town["live"]
    with live.client(follow_redirects=False) as anonymous:
        assert anonymous.get("/").headers["location"] == "/login"
        token = re.search(r'name="csrf_token" value="([^"]+)"', anonymous.get("/login").text)
        assert token
        refused = anonymous.post("/login", data={"username": "shiwei", "password": PASSWORD,
                                                 "csrf_token": "x"})
        assert refused.status_code == 403
        assert anonymous.get("/api/v1/stats").json()["error"] == "login_required"
    with closing(_logged_in(live, "shiwei")) as client:
        forged = client.post("/notices", data={"title": "伪造的通知", "target": "city",
                                               "csrf_token": "forged"})
        assert forged.status_code == 403
        assert "伪造的通知" not in client.get("/").text
        assert client.get("/api/v1/stats").json()["compounds"] == town["stats"]["compounds"]
    with closing(_logged_in(live, "taobei")) as client:
        figures = client.get("/api/v1/stats").json()
        assert list(figures["by_district"]) == [COMMUNITY_A["district"]]
        assert list(figures["by_community"]) == [COMMUNITY_A["code"]]
