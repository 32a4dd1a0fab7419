"""The city's figures that only the server counts: secretary projects by progress, and communities
that have not synced for a while."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from app.services.projects import ProjectService
from server.city import CityServer
from server.stats import city_stats, unsynced_communities

from .conftest import COMMUNITY_A, COMMUNITY_B, Computers, enrol, round_trip


def test_projects_by_progress_and_silent_communities(city: CityServer, computers: Computers,
                                                     tmp_path: Path) -> None:
    a = computers.new("a")
    svc = enrol(city, a, COMMUNITY_A)
    city.add_community("220881001", "团结社区", "洮南市", "团结街道")
    year = date.today().year
    projects = ProjectService(a)
    projects.create({"year": year, "secretary_name": "张伟", "title": "楼道亮化"}, default_milestones=False)
    projects.create({"year": year, "secretary_name": "王芳", "title": "老旧小区加装电梯"})
    round_trip(city, COMMUNITY_A["code"], [svc], tmp_path)

    today = date(year, 12, 31)
    progress = city_stats(city, today=today)["projects_by_progress"]
    # The default milestones (年初建账 by 31 March ...) are past due and not done: overdue.
    assert progress["total"] == {"claimed": 1, "in_progress": 0, "overdue": 1, "done": 0, "closed": 0}
    nothing = dict.fromkeys(progress["total"], 0)
    assert progress["by_district"] == {COMMUNITY_A["district"]: progress["total"], "洮南市": nothing}
    assert city_stats(city, COMMUNITY_B["district"], today)["projects_by_progress"]["total"]["claimed"] == 1
    assert city_stats(city, "洮南市", today)["projects_by_progress"]["total"]["claimed"] == 0

    silent = unsynced_communities(city, 7)
    assert [c["code"] for c in silent] == ["220881001"] and silent[0]["last_package_at"] is None
    later = unsynced_communities(city, 7, now=datetime.now() + timedelta(days=8))
    assert [c["code"] for c in later] == ["220881001", COMMUNITY_A["code"]]
    assert later[1]["last_package_at"] is not None
    assert unsynced_communities(city, 7, "洮南市") == silent
