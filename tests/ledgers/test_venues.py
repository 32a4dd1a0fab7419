"""Venues (阵地): the centre's rooms inside its area, refusals in the user's words, the room clash,
the stats keys and the demo at the case's size."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.db.database import Database
from app.services import demo_ledgers, demo_venues
from app.services.errors import ValidationError
from app.services.meetings import MeetingService
from app.services.registry import RegistryService
from app.services.stats import collect_stats
from app.services.venues import VenueService, place_of

CENTRE = {"name": "幸福社区党群服务中心", "kind": "centre", "area_m2": "1200", "owner": "幸福社区居委会",
          "opening_hours": "周一至周日 8:30—20:00"}


@pytest.fixture
def venues(db: Database, registry: RegistryService) -> VenueService:
    return VenueService(db)


def room(venue_id: str, name: str, area: int, layout: str = "room", capacity: int = 30) -> dict[str, Any]:
    return {"venue_id": venue_id, "name": name, "layout": layout, "function": "组织生活",
            "area_m2": str(area), "capacity": str(capacity), "opening_hours": "周一至周五 8:30—17:00"}


def codes(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {e.field: e.code for e in exc.value.errors}


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    """The app's Chinese catalogue installed while the test runs."""
    from app.ui.look import install_translators

    installed = install_translators(qapp, "zh_CN")
    yield
    for translator in installed:
        QCoreApplication.removeTranslator(translator)


def words(kind: str, exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    """The refusal as the UI words it."""
    from app.ui import labels

    return [labels.error_text(kind, e.code, e.params) for e in exc.value.errors]


def test_a_centre_with_its_layout_and_area(venues: VenueService) -> None:
    centre = venues.create_venue(dict(CENTRE))
    for name in ("党员活动室", "会议室", "阅览室", "调解室"):
        venues.add_room(room(centre, name, 60))
    venues.add_room(room(centre, "多功能厅", 200, "hall", 180))
    venues.add_room(room(centre, "爱心超市", 40, "supermarket", 10))
    (view,) = venues.venues()
    assert view.area_m2 == 1200 and view.large
    assert view.rooms_area_m2 == 480 and view.capacity == 4 * 30 + 180 + 10
    assert view.layout_counts() == {"room": 4, "hall": 1, "supermarket": 1, "station": 0}
    assert not view.layout_complete()
    assert [r.name for r in view.rooms][:2] == ["党员活动室", "会议室"]
    assert venues.room_places()[0] == "幸福社区党群服务中心·党员活动室"


def test_rooms_stay_inside_the_venue_and_are_named_once(venues: VenueService, db: Database,
                                                         chinese: None) -> None:
    centre = venues.create_venue({**CENTRE, "area_m2": "300"})
    first = venues.add_room(room(centre, "会议室", 200))
    with pytest.raises(ValidationError) as refused:
        venues.add_room(room(centre, "阅览室", 150))
    assert codes(refused) == {"area_m2": "rooms_exceed_venue"}
    assert words("venue_room", refused) == [
        "功能室面积合计将超过幸福社区党群服务中心的建筑面积（300 平方米）：此功能室最多还能填 100 平方米。"]
    with pytest.raises(ValidationError) as twice:
        venues.add_room(room(centre, "会议室", 20))
    assert codes(twice) == {"name": "duplicate"}
    with pytest.raises(ValidationError) as smaller:
        venues.update_venue(centre, {**CENTRE, "area_m2": "150"})
    assert codes(smaller) == {"area_m2": "smaller_than_rooms"}
    assert words("venue", smaller) == ["其功能室已占 200 平方米，建筑面积不能小于此数。"]
    # Its own area does not count against a room being edited.
    venues.update_room(first, room(centre, "会议室", 300))
    assert venues.venues()[0].rooms_area_m2 == 300
    assert collect_stats(db)["venue_rooms"] == 1


@pytest.mark.parametrize(("values", "expected", "text"), [
    ({"name": "", "area_m2": "800"}, {"name": "required"}, "此项为必填项。"),
    ({"area_m2": "八百"}, {"area_m2": "not_integer"}, "请输入整数，例如 12。"),
    ({"area_m2": "0"}, {"area_m2": "too_small"}, "不能小于 1。"),
    ({"kind": "shared", "owner": "金辉大厦物业"}, {"setting": "required_for_shared"},
     "请选择共享阵地的所在场所：商务楼宇、商圈市场或居民小区。"),
    ({"kind": "opened", "owner": ""}, {"owner": "required_for_other_owner"},
     "请填写该阵地的产权（管理）单位。"),
])
def test_bad_venue_input_is_refused_in_chinese_and_changes_nothing(
        venues: VenueService, db: Database, values: dict[str, str], expected: dict[str, str],
        text: str, chinese: None) -> None:
    with pytest.raises(ValidationError) as refused:
        venues.create_venue({**CENTRE, **values})
    assert codes(refused) == expected
    assert words("venue", refused) == [text]
    assert venues.venues() == []
    assert collect_stats(db)["venues"] == 0


def test_a_room_of_a_deleted_venue_is_refused(venues: VenueService) -> None:
    centre = venues.create_venue(dict(CENTRE))
    venues.add_room(room(centre, "会议室", 50))
    venues.delete_venue(centre)
    assert venues.venues() == []
    with pytest.raises(ValidationError) as refused:
        venues.add_room(room(centre, "阅览室", 50))
    assert codes(refused) == {"venue_id": "ref_missing"}


def test_the_stats_keys(venues: VenueService, db: Database, registry: RegistryService) -> None:
    centre = venues.create_venue(dict(CENTRE))
    venues.add_room(room(centre, "会议室", 80))
    compound = registry.create("compound", {"name": "幸福家园"})
    venues.create_venue({"name": "幸福家园党群议事厅", "kind": "shared", "setting": "compound",
                         "compound_id": compound, "owner": "德润物业", "area_m2": "120"})
    venues.create_venue({"name": "第一中学图书室", "kind": "opened", "owner": "第一中学", "area_m2": "300",
                         "opening_hours": "周六、周日 9:00—17:00"})
    s = collect_stats(db)
    assert {k: s[k] for k in ("venues", "venue_area_m2", "shared_venues", "open_venues", "centres_1000m2")} \
        == {"venues": 3, "venue_area_m2": 1620, "shared_venues": 1, "open_venues": 1, "centres_1000m2": 1}
    assert all(isinstance(s[k], int) for k in ("venues", "venue_area_m2", "shared_venues", "open_venues"))
    venues.update_venue(centre, {**CENTRE, "area_m2": "999"})
    assert collect_stats(db)["centres_1000m2"] == 0


def test_stats_json_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "cli.sqlite"
    db = Database.open(path)
    RegistryService(db).create_community({"code": "220802001", "name": "幸福社区", "street": "明仁街道",
                                          "district": "洮北区", "city": "白城市", "org_kind": "committee"})
    VenueService(db).create_venue(dict(CENTRE))
    db.close()
    out = subprocess.run([sys.executable, "-m", "app.cli", "--db", str(path), "stats", "--json"],
                         capture_output=True, text=True, check=True)
    figures = json.loads(out.stdout)
    assert figures["venues"] == 1 and figures["venue_area_m2"] == 1200
    assert figures["shared_venues"] == 0 and figures["open_venues"] == 0


def test_room_clashes_overlap_only_in_a_room(venues: VenueService, db: Database) -> None:
    centre = venues.create_venue(dict(CENTRE))
    venues.add_room(room(centre, "会议室", 80))
    place = place_of(CENTRE["name"], "会议室")
    meetings = MeetingService(db)
    held = meetings.create({"kind": "committee_meeting", "topic": "研究本月重点工作", "place": place,
                            "starts_at": datetime(2026, 3, 5, 14, 0), "ends_at": datetime(2026, 3, 5, 16, 0)})
    open_ended = meetings.create({"kind": "themed_day", "topic": "重温入党誓词", "place": place,
                                  "starts_at": datetime(2026, 3, 6, 9, 0)})
    clash = venues.room_clashes(place, datetime(2026, 3, 5, 15, 30), datetime(2026, 3, 5, 17, 0))
    assert [c.meeting_id for c in clash] == [held]
    # Back to back is no clash; its own time is no clash for the meeting being edited.
    assert venues.room_clashes(place, datetime(2026, 3, 5, 16, 0), datetime(2026, 3, 5, 17, 0)) == []
    assert venues.room_clashes(place, datetime(2026, 3, 5, 14, 0), None, exclude_id=held) == []
    # A meeting without an end holds the room for two hours.
    late = venues.room_clashes(place, datetime(2026, 3, 6, 10, 30), None)
    assert [c.meeting_id for c in late] == [open_ended]
    assert venues.room_clashes(place, datetime(2026, 3, 6, 11, 0), None) == []
    # A typed place that is not a room is never checked.
    meetings.create({"kind": "group_meeting", "topic": "入户走访", "place": "居民家中",
                     "starts_at": datetime(2026, 3, 5, 14, 0)})
    assert venues.room_clashes("居民家中", datetime(2026, 3, 5, 14, 0), None) == []


def test_the_city_demo_has_the_cases_venues() -> None:
    parts = demo_ledgers.CITY_COMMUNITIES
    large = [i for i in range(parts) if demo_venues.is_large(i)]
    assert len(large) == 22 and round(100 * len(large) / parts, 1) == 21.6
    assert sum(demo_ledgers.share(32, i) for i in range(parts)) == 32
    assert sum(demo_ledgers.share(47, i) for i in range(parts)) == 47
    assert demo_venues.is_large(0)  # the city's first community is the community scale's


def test_the_community_demo_venues(tmp_path: Path) -> None:
    from app.services.demo import fill_demo

    db = Database.open(tmp_path / "demo.sqlite")
    fill_demo(db, scale="community", seed=3)
    s = collect_stats(db)
    assert (s["venues"], s["shared_venues"], s["open_venues"], s["centres_1000m2"]) == (9, 3, 5, 1)
    (centre,) = [v for v in VenueService(db).venues() if v.kind == "centre"]
    assert centre.layout_complete() and centre.rooms_area_m2 <= centre.area_m2
    assert s["venue_area_m2"] == sum(v.area_m2 for v in VenueService(db).venues())
    db.close()
