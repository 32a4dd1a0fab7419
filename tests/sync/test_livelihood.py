"""The city's livelihood projects (民生实事): published on the server from its command line and its
staff web page (a real server process on 127.0.0.1), they reach the communities by sync and are
read-only there; a community's part of a project, its progress and links reach the server, whose
``stats --json`` sums the figures; a project withdrawn is deleted on the communities' next sync."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from app.models.ledgers import Appeal, SecretaryProject
from app.models.livelihood import LivelihoodLink, LivelihoodPart, LivelihoodProgress
from app.services.errors import DomainError
from app.services.livelihood import LivelihoodService
from app.sync.changes import ChangeLog
from server.city import CityServer
from server.livelihood import LivelihoodError, publish
from server.models import ServerChange
from server.staff import add_user

from .conftest import COMMUNITY_A, COMMUNITY_B, Computers, enrol, round_trip
from .http_server import BIN, live_server
from .test_http_sync import join, pull_all, push

PASSWORD = "城市工作-2026"
YEAR = 2026


def server_cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "community-ledger-server"), "--db", url, *args],
                          capture_output=True, text=True, timeout=120)


def add_appeal(db: object, state: str, number: str) -> str:
    from datetime import datetime

    with db.session() as session:  # type: ignore[attr-defined]
        appeal = Appeal(number=number, received_at=datetime(YEAR, 3, 1, 9), category="property", state=state)
        appeal.community_id = db.community_id  # type: ignore[attr-defined]
        ChangeLog(db, session).created(appeal)  # type: ignore[arg-type]
        return appeal.id


def add_project(db: object, status: str, title: str) -> str:
    with db.session() as session:  # type: ignore[attr-defined]
        project = SecretaryProject(year=YEAR, secretary_name="张书记", title=title, status=status)
        project.community_id = db.community_id  # type: ignore[attr-defined]
        ChangeLog(db, session).created(project)  # type: ignore[arg-type]
        return project.id


def test_a_project_published_from_the_command_line_reaches_the_communities_read_only(
        city: CityServer, computers: Computers, tmp_path: Path, server_url: str) -> None:
    a, b = computers.new("a"), computers.new("b")
    sync_a, sync_b = enrol(city, a, COMMUNITY_A), enrol(city, b, COMMUNITY_B)
    result = server_cli(server_url, "publish-livelihood", "老旧小区改造", "--year", str(YEAR),
                        "--number", "1", "--text", "改造老旧小区 30 个", "--lead-unit", "市住建局")
    assert result.returncode == 0, result.stderr
    project_id = result.stdout.strip()
    round_trip(city, COMMUNITY_A["code"], [sync_a], tmp_path)
    round_trip(city, COMMUNITY_B["code"], [sync_b], tmp_path)
    for db in (a, b):
        parts = LivelihoodService(db).parts(YEAR)
        assert [(p.number, p.title, p.description, p.lead_unit, p.part_id) for p in parts] == [
            (1, "老旧小区改造", "改造老旧小区 30 个", "市住建局", None)]

    # Read-only in the app: the change is refused with city_owned and nothing is queued.
    service = LivelihoodService(a)
    pending = sync_a.pending_count()
    with pytest.raises(DomainError) as refused:
        service.change_project(project_id, {"title": "别的"})
    assert refused.value.code == "city_owned"
    assert sync_a.pending_count() == pending

    # The community's part, its progress and its links travel to the server.
    closed, handling = add_appeal(a, "closed", "A-1"), add_appeal(a, "handling", "A-2")
    done = add_project(a, "done", "加装电梯")
    service.save_part(project_id, {"work": "完成 3 个小区外墙保温", "beneficiaries": "420",
                                   "funds_fen": "125000.50"})
    service.add_progress(project_id, {"month": "2026年3月", "percent": "40", "note": "开工"})
    for appeal_id in (closed, handling):
        service.link(project_id, appeal_id=appeal_id)
    service.link(project_id, secretary_project_id=done)
    assert service.solved(YEAR) == 2
    round_trip(city, COMMUNITY_A["code"], [sync_a], tmp_path)
    with city.session() as session:
        part = session.scalars(select(LivelihoodPart)).one()
        assert (part.community_id, part.project_id, part.beneficiaries, part.funds_fen) == (
            a.community_id, project_id, 420, 12_500_050)
        assert session.scalar(select(func.count()).select_from(LivelihoodLink)) == 3
        assert session.scalar(select(LivelihoodProgress.percent)) == 40
    stats = server_cli(server_url, "stats", "--json")
    assert stats.returncode == 0, stats.stderr
    figures = json.loads(stats.stdout)
    assert (figures["livelihood_projects"], figures["livelihood_problems_solved"]) == (1, 2)
    assert figures["by_community"][COMMUNITY_A["code"]]["livelihood_problems_solved"] == 2
    assert figures["by_community"][COMMUNITY_B["code"]]["livelihood_projects"] == 0

    # Changed, then withdrawn, on the server: the communities follow.
    changed = server_cli(server_url, "publish-livelihood", "老旧小区改造提升", "--year", str(YEAR),
                         "--number", "1", "--id", project_id)
    assert changed.returncode == 0, changed.stderr
    round_trip(city, COMMUNITY_B["code"], [sync_b], tmp_path)
    assert [p.title for p in LivelihoodService(b).parts(YEAR)] == ["老旧小区改造提升"]
    withdrawn = server_cli(server_url, "withdraw-livelihood", project_id)
    assert withdrawn.returncode == 0, withdrawn.stderr
    round_trip(city, COMMUNITY_B["code"], [sync_b], tmp_path)
    assert LivelihoodService(b).parts(YEAR) == []


@pytest.mark.parametrize(("fields", "code"), [
    ({"title": "  "}, "title_required"),
    ({"title": "长" * 201}, "title_too_long"),
    ({"title": "实事", "year": "二〇二六"}, "bad_year"),
    ({"title": "实事", "year": "1990"}, "bad_year"),
    ({"title": "实事", "number": "0"}, "bad_number"),
    ({"title": "实事", "lead_unit": "单" * 101}, "unit_too_long"),
    ({"title": "实事", "city_staff": False}, "city_only"),
    ({"title": "实事", "project_id": "no-such-id"}, "not_found"),
])
def test_a_project_that_cannot_be_published_changes_nothing(
        city: CityServer, fields: dict[str, object], code: str) -> None:
    def changes() -> int:
        with city.session() as session:
            return int(session.scalar(select(func.count()).select_from(ServerChange)) or 0)

    before = changes()
    with pytest.raises(LivelihoodError) as refused:
        publish(city, **{"year": YEAR, "number": 1, "publisher": "市委组织部", **fields})  # type: ignore[arg-type]
    assert refused.value.code == code
    assert changes() == before


def test_a_second_project_with_the_same_number_is_refused(city: CityServer, server_url: str) -> None:
    publish(city, year=YEAR, number=1, title="老旧小区改造", publisher="市委组织部")
    result = server_cli(server_url, "publish-livelihood", "另一项", "--year", str(YEAR), "--number", "1")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "number_taken" in result.stderr


def _log_in(client: httpx.Client, username: str) -> None:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    answer = client.post("/login", data={"username": username, "password": PASSWORD,
                                         "csrf_token": token.group(1)})
    assert answer.status_code == 303, answer.text


def _csrf(html: str) -> str:
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert token is not None
    return token.group(1)


def test_a_project_published_on_the_web_page_reaches_a_community(
        server_url: str, city: CityServer, computers: Computers, tmp_path: Path) -> None:
    add_user(city, "shiwei", PASSWORD, "city")
    add_user(city, "taobei", PASSWORD, "district", COMMUNITY_A["district"])
    with live_server(server_url, tmp_path) as live:
        member = join(city, live, computers.new("a1"), COMMUNITY_A, tmp_path / "a1")
        with live.client() as client:
            _log_in(client, "shiwei")
            page = client.get(f"/livelihood?year={YEAR}")
            assert page.status_code == 200 and f"{YEAR}年还没有发布民生实事" in page.text
            refused = client.post("/livelihood", data={"year": str(YEAR), "number": "1", "title": " ",
                                                       "csrf_token": _csrf(page.text)})
            assert refused.status_code == 400 and "请填写民生实事名称" in refused.text
            sent = client.post("/livelihood", data={
                "year": str(YEAR), "number": "2", "title": "城市公交线路优化",
                "description": "新开公交线路 5 条",
                "lead_unit": "市交通运输局", "csrf_token": _csrf(refused.text)})
            assert sent.status_code == 303
            listed = client.get(sent.headers["location"])
            assert "民生实事已发布" in listed.text and "城市公交线路优化" in listed.text
            expired = client.post("/livelihood", data={"year": str(YEAR), "number": "3", "title": "x",
                                                       "csrf_token": "forged"})
            assert expired.status_code == 403
        with live.client() as district:
            _log_in(district, "taobei")
            page = district.get(f"/livelihood?year={YEAR}")
            assert "城市公交线路优化" in page.text and "区级账号只能查看" in page.text
            refused = district.post("/livelihood", data={"year": str(YEAR), "number": "4", "title": "区里的",
                                                         "csrf_token": _csrf(page.text)})
            assert refused.status_code == 400 and "民生实事由市级账号发布" in refused.text

        pull_all(live, member)
        service = LivelihoodService(member.db)
        [project] = service.parts(YEAR)
        assert (project.number, project.title, project.lead_unit) == (2, "城市公交线路优化", "市交通运输局")
        service.save_part(project.project_id, {"work": "优化站点 4 处", "beneficiaries": "3000"})
        assert push(live, member).status_code == 200
        with live.client() as client:
            _log_in(client, "shiwei")
            page = client.get(f"/livelihood?year={YEAR}")
            row = re.search(r'<tr data-id="[^"]+">(.*?)</tr>', page.text, re.S)
            assert row is not None and re.findall(r'<td class="num">(\d+)</td>', row.group(1)) == ["2", "1"]
