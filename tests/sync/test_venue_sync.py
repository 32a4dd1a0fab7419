"""Venues travel in packages like the other ledgers: a centre and its rooms reach the server and the
community's second computer, an edit and a delete follow, and the server sums the venue figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.services.stats import collect_stats
from app.services.venues import VenueService
from server.city import CityServer
from server.stats import city_stats

from .conftest import COMMUNITY_A, COMMUNITY_B, Computers, dump, enrol, round_trip

KEYS = ("venues", "venue_area_m2", "shared_venues", "open_venues", "centres_1000m2")


def _centre(db_venues: VenueService, name: str, area: int) -> str:
    centre = db_venues.create_venue({"name": name, "kind": "centre", "area_m2": str(area),
                                     "opening_hours": "周一至周日 8:30—20:00"})
    db_venues.add_room({"venue_id": centre, "name": "会议室", "layout": "room", "function": "三会一课",
                        "area_m2": "80", "capacity": "40", "opening_hours": "周一至周五 8:30—17:00"})
    return centre


def test_a_venue_round_trip_and_the_city_sums(computers: Computers, city: CityServer, server_url: str,
                                              tmp_path: Path) -> None:
    a1_db, a2_db, b_db = computers.new("a1"), computers.new("a2"), computers.new("b")
    a1 = enrol(city, a1_db, COMMUNITY_A)
    a2 = enrol(city, a2_db, COMMUNITY_A, init=False)
    b = enrol(city, b_db, COMMUNITY_B)
    a1_venues, b_venues = VenueService(a1_db), VenueService(b_db)
    centre = _centre(a1_venues, "幸福社区党群服务中心", 1200)
    a1_venues.create_venue({"name": "金辉大厦党员之家", "kind": "shared", "setting": "office_building",
                            "owner": "金辉大厦物业", "area_m2": "150"})
    b_centre = _centre(b_venues, "新华社区党群服务中心", 600)
    b_venues.create_venue({"name": "第一中学图书室", "kind": "opened", "owner": "第一中学", "area_m2": "300"})

    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    round_trip(city, COMMUNITY_B["code"], [b], tmp_path)

    (on_a2,) = [v for v in VenueService(a2_db).venues() if v.kind == "centre"]
    assert (on_a2.id, on_a2.name, on_a2.area_m2) == (centre, "幸福社区党群服务中心", 1200)
    assert [(r.name, r.area_m2, r.capacity, r.opening_hours) for r in on_a2.rooms] == [
        ("会议室", 80, 40, "周一至周五 8:30—17:00")]

    # The second computer enlarges the centre; the first deletes the shared venue.
    a2_venues = VenueService(a2_db)
    a2_venues.update_venue(centre, {**a2_venues.get_venue(centre), "area_m2": "1500"})
    shared = next(v.id for v in a1_venues.venues() if v.kind == "shared")
    a1_venues.delete_venue(shared)
    b_venues.update_venue(b_centre, {**b_venues.get_venue(b_centre), "area_m2": "1000"})
    for _ in range(2):
        round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
        round_trip(city, COMMUNITY_B["code"], [b], tmp_path)

    cid = a1_venues.community_id
    on_city = dump(city.engine, cid)
    assert dump(a1_db.engine, cid)["venue"] == dump(a2_db.engine, cid)["venue"] == on_city["venue"]
    assert dump(a1_db.engine, cid)["venue_room"] == on_city["venue_room"]
    assert [(v.name, v.area_m2) for v in a1_venues.venues()] == [("幸福社区党群服务中心", 1500)]

    a = {k: collect_stats(a1_db)[k] for k in KEYS}
    assert a == {"venues": 1, "venue_area_m2": 1500, "shared_venues": 0, "open_venues": 0,
                 "centres_1000m2": 1}
    figures = city_stats(city)
    assert {k: figures[k] for k in KEYS} == {"venues": 3, "venue_area_m2": 2800, "shared_venues": 0,
                                             "open_venues": 1, "centres_1000m2": 2}
    assert figures["by_community"][COMMUNITY_B["code"]]["venue_area_m2"] == 1300
    assert figures["by_district"][COMMUNITY_A["district"]]["centres_1000m2"] == 2

    city.close()
    server_cli = str(Path(sys.executable).parent / "community-ledger-server")
    printed = subprocess.run([server_cli, "--db", server_url, "stats", "--json"], capture_output=True,
                             text=True, timeout=180, check=True)
    assert {k: json.loads(printed.stdout)[k] for k in KEYS} == {k: figures[k] for k in KEYS}
