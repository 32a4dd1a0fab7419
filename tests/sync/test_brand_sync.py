"""A community's brand travels like the other ledgers: it reaches the server and the community's
second computer, an edit follows, and the city counts the communities with a brand."""

from __future__ import annotations

from pathlib import Path

from app.services.registry import RegistryService
from server.city import CityServer
from server.stats import city_stats

from .conftest import COMMUNITY_A, COMMUNITY_B, Computers, dump, enrol, round_trip

BRAND = {"name": "红色管家", "description": "党员骨干担任楼栋“红色管家”。", "founded_year": "2018",
         "level": "district", "recognition": "区委组织部“特色品牌社区”", "recognised_year": "2019"}


def test_a_brand_round_trip_and_the_city_count(computers: Computers, city: CityServer,
                                              tmp_path: Path) -> None:
    a1_db, a2_db, b_db = computers.new("a1"), computers.new("a2"), computers.new("b")
    a1 = enrol(city, a1_db, COMMUNITY_A)
    a2 = enrol(city, a2_db, COMMUNITY_A, init=False)
    b = enrol(city, b_db, COMMUNITY_B)
    a1_registry = RegistryService(a1_db)
    brand = a1_registry.create("community_brand", dict(BRAND))
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    round_trip(city, COMMUNITY_B["code"], [b], tmp_path)

    a2_registry = RegistryService(a2_db)
    assert a2_registry.get("community_brand", brand)["level"] == "district"
    a2_registry.update("community_brand", brand, {**BRAND, "level": "city", "recognised_year": "2021"})
    for _ in range(2):
        round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    assert a1_registry.get("community_brand", brand)["level"] == "city"

    cid = a1_registry.community_id
    assert dump(a1_db.engine, cid)["community_brand"] == dump(city.engine, cid)["community_brand"]
    assert dump(b_db.engine)["community_brand"] == []  # another community's brand stays its own
    figures = city_stats(city)
    assert (figures["community_brands"], figures["brand_communities"]) == (1, 1)
    assert figures["by_community"][COMMUNITY_A["code"]]["brand_communities"] == 1
