"""The demo data: realistic sizes, valid values, deterministic, and every record in the outbox."""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from app.db.database import Database
from app.models import (
    Building,
    HomeownerCommittee,
    HomeownerCommitteeMember,
    PartyGroup,
    PartyGroupBuilding,
    PartyMember,
)
from app.services import demo
from app.services.demo import fill_demo
from app.services.errors import DomainError
from app.services.fields import Kind, clean
from app.services.identity import id_birth_date, id_gender, id_number_problem, phone_problem
from app.services.kinds import record_kinds
from app.services.registry import RegistryService
from app.services.stats import collect_stats

TODAY = date(2026, 6, 15)
BOOKKEEPING = {"created_at", "updated_at", "hlc"}


def _make(path: Path, seed: int = 7, scale: str = "community") -> Database:
    db = Database.open(path)
    fill_demo(db, scale=scale, seed=seed, today=TODAY)
    return db


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = _make(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    yield db
    db.close()


def _rows(db: Database, table: str) -> list[dict[str, Any]]:
    with db.engine.connect() as conn:
        result = conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))
        return [dict(r._mapping) for r in result]


def test_community_scale_has_the_sizes_of_one_community(demo_db: Database) -> None:
    s = collect_stats(demo_db)
    assert s["communities"] == 1
    assert 28 <= s["compounds"] <= 32
    assert 280 <= s["buildings"] <= 320
    assert 38 <= s["party_groups"] <= 42
    assert 1 <= s["building_party_groups"] < s["party_groups"]
    assert 1400 <= s["party_members"] <= 1600
    assert 0.05 <= s["probationary_members"] / s["party_members"] <= 0.11
    assert 1 <= s["homeowner_committees"] <= s["compounds"]
    assert 3 <= s["property_companies"] <= 12
    assert 1 <= s["red_property_branches"] <= s["homeowner_committees"]
    assert 5 <= s["resident_units"] <= 20
    assert s["part_time_members"] >= 1
    assert all(isinstance(v, int) for k, v in s.items() if k != "appeal_satisfaction_rate")


def test_demo_becomes_the_current_community_with_chinese_names(demo_db: Database) -> None:
    info = RegistryService(demo_db).community()
    assert info.city == "白城市"
    assert info.name.endswith("社区")
    assert info.district in {d[0] for d in demo.names.DISTRICTS}
    assert len(info.code) == 12 and info.code.isdigit()
    compounds = [r["name"] for r in _rows(demo_db, "compound")]
    assert len(set(compounds)) == len(compounds)
    assert all("\u4e00" <= name[0] <= "\u9fff" for name in compounds)


def test_every_record_passes_the_forms_validation(demo_db: Database) -> None:
    """What a secretary opens in a form and saves unchanged must be accepted."""
    with demo_db.session() as session:
        for kind, spec in record_kinds().items():
            if spec.model not in demo.WRITE_ORDER:
                continue  # a ledger kind: its demo data comes from the ledgers' own hook
            records = session.scalars(select(spec.model)).all()
            assert records, kind
            for record in records:
                values: dict[str, Any] = {}
                for f in spec.fields:
                    if f.kind is Kind.MULTI_REF:
                        continue
                    raw = getattr(record, f.name)
                    value, error = clean(f, raw)
                    assert error is None, (kind, f.name, raw, error)
                    values[f.name] = value
                if kind == "party_group":
                    values["building_ids"] = RegistryService(demo_db).get(kind, record.id)["building_ids"]
                if spec.check:
                    assert spec.check(values) == [], (kind, values)


def test_id_numbers_and_phones_are_valid_and_match_the_member(demo_db: Database) -> None:
    with demo_db.session() as session:
        members = session.scalars(select(PartyMember)).all()
    numbers = [m.id_number for m in members]
    assert len(set(numbers)) == len(numbers)
    for m in members:
        assert id_number_problem(m.id_number) is None, m.id_number
        assert id_birth_date(m.id_number) == m.birth_date
        assert id_gender(m.id_number) == m.gender
        assert phone_problem(m.phone) is None
        assert m.join_date is not None and m.birth_date is not None
        assert m.join_date <= TODAY
        if m.status == "probationary":
            assert m.full_date is not None and m.full_date > TODAY
        if m.in_service:
            assert m.employer and m.registered_on is not None and m.registered_on <= TODAY
    ages = [TODAY.year - m.birth_date.year for m in members if m.birth_date]
    assert min(ages) >= 18 and max(ages) <= 95
    assert sum(1 for a in ages if a >= 60) > len(ages) * 0.2  # community members are often retired


def test_building_party_groups_cover_one_to_three_buildings_of_their_compound(demo_db: Database) -> None:
    with demo_db.session() as session:
        groups = session.scalars(select(PartyGroup).where(PartyGroup.kind == "building")).all()
        assert groups
        for g in groups:
            buildings = session.scalars(
                select(Building).join(PartyGroupBuilding, PartyGroupBuilding.building_id == Building.id)
                .where(PartyGroupBuilding.party_group_id == g.id)).all()
            assert 1 <= len(buildings) <= 3
            assert {b.compound_id for b in buildings} == {g.compound_id}
            members = session.scalars(select(PartyMember).where(PartyMember.party_group_id == g.id)).all()
            assert len(members) >= 3
            assert {m.building_id for m in members} <= {b.id for b in buildings}
            assert g.leader_name in {m.name for m in members}


def test_members_live_in_a_building_of_their_compound(demo_db: Database) -> None:
    with demo_db.session() as session:
        compound_of = {b: c for b, c in session.execute(select(Building.id, Building.compound_id))}
        for building_id, compound_id in session.execute(
                select(PartyMember.building_id, PartyMember.compound_id)):
            assert building_id is not None and compound_of[building_id] == compound_id


def test_homeowner_committees_have_cross_appointed_party_members(demo_db: Database) -> None:
    with demo_db.session() as session:
        crossed = 0
        for hc in session.scalars(select(HomeownerCommittee)).all():
            seats = session.scalars(select(HomeownerCommitteeMember).where(
                HomeownerCommitteeMember.committee_id == hc.id)).all()
            assert 5 <= len(seats) <= 9
            assert Counter(s.role for s in seats)["主任"] == 1
            assert hc.term_start and hc.term_end and hc.term_start < hc.term_end
            residents = {(m.name, m.phone) for m in session.scalars(
                select(PartyMember).where(PartyMember.compound_id == hc.compound_id))}
            for seat in seats:
                if seat.is_party_member:
                    assert (seat.name, seat.phone) in residents
                    crossed += 1
        assert crossed > 0


def test_compound_flags_match_the_records(demo_db: Database) -> None:
    compounds = _rows(demo_db, "compound")
    with_hc = {r["compound_id"] for r in _rows(demo_db, "homeowner_committee")}
    with_branch = {r["compound_id"] for r in _rows(demo_db, "red_property_branch")}
    buildings = Counter(r["compound_id"] for r in _rows(demo_db, "building"))
    for c in compounds:
        assert bool(c["has_homeowner_committee"]) == (c["id"] in with_hc)
        assert bool(c["has_red_property_branch"]) == (c["id"] in with_branch)
        assert c["building_count"] == buildings[c["id"]]


def test_outbox_has_one_entry_per_record(demo_db: Database) -> None:
    with demo_db.engine.connect() as conn:
        queued: dict[str, int] = dict(conn.execute(text(
            "SELECT table_name, COUNT(DISTINCT record_id) FROM outbox GROUP BY table_name")).all())
        total = conn.execute(text("SELECT COUNT(*) FROM outbox")).scalar_one()
        assert total == sum(queued.values())
        for table, n in queued.items():
            assert conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one() == n
    registry_tables = {model.__table__.name for model in demo.WRITE_ORDER}  # type: ignore[attr-defined]
    assert registry_tables <= set(queued)


def test_same_seed_gives_identical_data_and_another_seed_does_not(tmp_path: Path) -> None:
    a, b, c = (_make(tmp_path / f"{n}.sqlite", seed=s) for n, s in (("a", 11), ("b", 11), ("c", 12)))
    try:
        assert collect_stats(a) == collect_stats(b)
        assert a.community_id == b.community_id != c.community_id

        def strip(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [{k: v for k, v in r.items() if k not in BOOKKEEPING} for r in rows]

        with a.engine.connect() as conn:
            tables = list(conn.execute(text("SELECT DISTINCT table_name FROM outbox")).scalars())
        assert "party_member" in tables
        for table in tables:  # the registry, and the ledgers when their demo hook is present
            assert strip(_rows(a, table)) == strip(_rows(b, table)), table
        assert strip(_rows(a, "party_member")) != strip(_rows(c, "party_member"))
    finally:
        for db in (a, b, c):
            db.close()


def test_demo_fills_an_initialised_community_and_refuses_a_second_time(registry: RegistryService) -> None:
    before = registry.community()
    fill_demo(registry.db, seed=3, today=TODAY)
    # The same community, now marked as made up (the window says 示例).
    after = registry.community()
    assert after.demo and not before.demo
    assert dataclasses.replace(after, demo=False) == before
    counts = registry.counts()
    assert counts["compound"] >= 28 and counts["party_member"] >= 1400
    with pytest.raises(DomainError) as err:
        fill_demo(registry.db, seed=3, today=TODAY)
    assert err.value.code == "community_not_empty"


def test_city_quotas_add_up_to_the_case() -> None:
    import random

    quotas = demo._plan_quotas(random.Random(1), demo.CITY_COMMUNITIES)
    assert len(quotas) == 102
    assert sum(q.homeowner_committees for q in quotas) == 440
    assert sum(q.red_property_branches for q in quotas) == 30
    assert sum(q.building_party_groups for q in quotas) == 273
    assert quotas[0] == demo.SHOWCASE


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("COMMUNITY_LEDGER_SLOW_TESTS"),
                    reason="the city-scale demo takes a minute or more; set COMMUNITY_LEDGER_SLOW_TESTS=1")
def test_city_scale_has_the_case_totals(tmp_path: Path) -> None:
    db = _make(tmp_path / "city.sqlite", seed=2019, scale="city")
    try:
        s = collect_stats(db)
        assert s["communities"] == 102
        assert s["homeowner_committees"] == 440
        assert s["red_property_branches"] == 30
        assert s["building_party_groups"] == 273
        assert 2800 <= s["compounds"] <= 3300
        assert 140_000 <= s["party_members"] <= 165_000
        # The case's venues: 22 centres of 1,000 m² or more (21.6%), 32 shared and 47 opened venues.
        assert (s["centres_1000m2"], s["shared_venues"], s["open_venues"]) == (22, 32, 47)
        assert s["venues"] == 102 + 32 + 47
        # The city's ten livelihood projects, each community's part of each, 1,900 problems solved.
        assert (s["livelihood_projects"], s["livelihood_problems_solved"]) == (102 * 10, 1900)
        first = collect_stats(db, db.community_id)
        assert first["communities"] == 1
        assert first["homeowner_committees"] == demo.SHOWCASE.homeowner_committees
    finally:
        db.close()
