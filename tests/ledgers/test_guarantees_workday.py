"""Compound guarantees (the five tasks matrix), the community work day, co-construction lists, training."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.db.database import Database
from app.models.ledgers import Cadre, Organ
from app.services.coconstruction import CoConstructionService
from app.services.errors import ValidationError
from app.services.guarantees import TASKS, GuaranteeService
from app.services.registry import RegistryService
from app.services.training import TrainingService
from app.services.workday import WorkdayService

from .conftest import Clock


def organ_with_cadres(db: Database, registry: RegistryService, name: str, cadres: list[str]) -> list[str]:
    with db.session() as session:
        organ = Organ(name=name)
        organ.community_id = registry.community_id
        from app.sync.changes import ChangeLog

        log = ChangeLog(db, session)
        log.created(organ)
        ids = []
        for cadre_name in cadres:
            cadre = Cadre(organ_id=organ.id, name=cadre_name, post="科员")
            cadre.community_id = registry.community_id
            log.created(cadre)
            ids.append(cadre.id)
        return ids


def test_guarantee_matrix_and_totals(db: Database, registry: RegistryService, clock: Clock) -> None:
    svc = GuaranteeService(db, clock)
    a = registry.create("compound", {"name": "阳光小区"})
    b = registry.create("compound", {"name": "幸福小区"})
    ga = svc.create({"compound_id": a, "leader_name": "刘局长", "leader_post": "局长",
                     "leader_unit": "住建局"})
    gb = svc.create({"compound_id": b, "leader_name": "刘局长", "leader_unit": "住建局"})
    with pytest.raises(ValidationError) as exc:
        svc.create({"compound_id": a, "leader_name": "某人"})
    assert exc.value.codes() == {"compound_id": "duplicate"}
    for task in TASKS:
        svc.set_task(ga, task, "done", date(2025, 5, 1))
    svc.set_task(gb, "committee", "in_progress", note="筹备中")
    svc.set_task(gb, "property_company", "done")
    m = svc.matrix()
    assert (m.compounds, m.all_done, m.leaders) == (2, 1, 1)
    assert m.totals["committee"] == {"not_started": 0, "in_progress": 1, "done": 1}
    assert m.totals["property_company"] == {"not_started": 0, "in_progress": 0, "done": 2}
    assert m.totals["fee_collection"] == {"not_started": 1, "in_progress": 0, "done": 1}
    row = {r.compound_name: r for r in m.rows}
    assert row["幸福小区"].tasks["property_company"].done_on == date(2025, 9, 26)  # done today
    assert row["幸福小区"].tasks["committee"].note == "筹备中"
    assert row["阳光小区"].done_count == 5
    with pytest.raises(ValidationError) as exc:
        svc.set_task(ga, "fly", "maybe")
    assert exc.value.codes() == {"task": "bad_choice", "status": "bad_choice"}
    svc.delete(gb)
    assert svc.matrix().compounds == 1


def test_workday_quarterly_summary(db: Database, registry: RegistryService, clock: Clock) -> None:
    svc = WorkdayService(db, clock)
    c1, c2 = organ_with_cadres(db, registry, "市财政局", ["赵一", "钱二"])
    (c3,) = organ_with_cadres(db, registry, "市教育局", ["孙三"])
    v1 = svc.record({"month": "2025-07", "cadre_id": c1, "arrived_at": datetime(2025, 7, 18, 8, 30),
                     "left_at": datetime(2025, 7, 18, 11, 30), "party_lesson": True,
                     "pairing_household": "困难户李大娘", "goods_fen": 50000})
    svc.record({"month": "2025-08", "cadre_id": c1, "goods_fen": 12345})
    svc.record({"month": "2025-08", "cadre_id": c2, "service": "政策宣讲"})
    svc.record({"month": "2025-09", "cadre_id": c3, "goods_fen": 100})
    svc.record({"month": "2025-10", "cadre_id": c3, "goods_fen": 999})  # next quarter
    svc.confirm(v1, "社区书记")
    summary = {s.organ_name: s for s in svc.quarterly_summary(2025, 3)}
    fin = summary["市财政局"]
    assert (fin.visits, fin.cadres, fin.party_lessons, fin.pairings, fin.goods_fen, fin.confirmed) == (
        3, 2, 1, 1, 62345, 1)
    assert (summary["市教育局"].visits, summary["市教育局"].goods_fen) == (1, 100)
    totals = svc.totals(2025)
    assert (totals.visits, totals.cadres, totals.goods_fen) == (5, 3, 63444)
    with pytest.raises(ValidationError) as exc:
        svc.record({"month": "2025-13", "cadre_id": "nobody", "goods_fen": -1})
    assert exc.value.codes() == {"goods_fen": "too_small", "month": "bad_month"}
    with pytest.raises(ValidationError) as exc:
        svc.record({"month": "2025-07", "cadre_id": c1, "arrived_at": datetime(2025, 8, 1, 9),
                    "left_at": datetime(2025, 8, 1, 8)})
    assert exc.value.codes() == {"left_at": "date_order", "arrived_at": "not_in_month"}


def test_cobuild_lists_link_units(db: Database, registry: RegistryService, clock: Clock) -> None:
    svc = CoConstructionService(db, clock)
    school = registry.create("resident_unit", {"name": "第一中学", "kind": "school"})
    hospital = registry.create("resident_unit", {"name": "中心医院", "kind": "hospital"})
    item = svc.create({"list_kind": "resources", "title": "操场周末开放", "year": 2025}, [school])
    svc.create({"list_kind": "needs", "title": "老年人义诊", "year": 2025})
    old = svc.update(item, {"list_kind": "resources", "title": "操场周末开放", "year": 2025,
                            "status": "in_progress"}, [school, hospital])
    assert old == {"status": "open", "unit_ids": [school]}
    views = {v.title: v for v in svc.items()}
    assert views["操场周末开放"].unit_names == ["第一中学", "中心医院"]  # pinyin: di before zhong
    assert svc.counts()["resources"]["in_progress"] == 1
    svc.update(item, {"list_kind": "resources", "title": "操场周末开放", "year": 2025}, [hospital])
    assert [v.unit_names for v in svc.items("resources")] == [["中心医院"]]
    assert (svc.get(item).unit_ids, svc.get(item).status) == ([hospital], "open")
    with pytest.raises(ValidationError):
        svc.create({"list_kind": "wishes", "title": "x"})


def test_training_hours_are_exact(db: Database, registry: RegistryService, clock: Clock) -> None:
    svc = TrainingService(db, clock)
    for hours in ("1.5", "2.5", "0.1"):
        svc.record({"person_name": "张书记", "course": "基层党建", "hours": hours, "trained_on": "2025-04-01",
                    "organiser": "市委组织部"})
    svc.record({"person_name": "李委员", "course": "基层党建", "hours": "3", "trained_on": "2024-04-01"})
    assert svc.attendances(2025) == 3 and svc.attendances() == 4
    (row,) = svc.hours_by_person(2025)
    assert (row.person_name, row.courses, row.hours) == ("张书记", 3, Decimal("4.1"))
    with pytest.raises(ValidationError) as exc:
        svc.record({"person_name": "x", "course": "y", "hours": "1.25", "trained_on": "2025-01-01"})
    assert exc.value.codes() == {"hours": "too_many_decimals"}


def test_city_owned_organs_and_cadres_can_be_used(db: Database, registry: RegistryService,
                                                  clock: Clock) -> None:
    """Organs and cadres the city server sends carry the city's scope; the community uses them."""
    from app.models.scope import CITY_SCOPE
    from app.services.meetings import MeetingService
    from app.sync.changes import ChangeLog

    with db.session() as session:
        log = ChangeLog(db, session)
        organ = Organ(name="白城市民政局")
        organ.community_id = CITY_SCOPE
        log.created(organ)
        cadre = Cadre(organ_id=organ.id, name="吴八", post="科长")
        cadre.community_id = CITY_SCOPE
        log.created(cadre)
        cadre_id = cadre.id
    work = WorkdayService(db, clock)
    work.record({"month": "2025-09", "cadre_id": cadre_id, "party_lesson": True})
    (summary,) = work.quarterly_summary(2025, 3)
    assert (summary.organ_name, summary.visits, summary.party_lessons) == ("白城市民政局", 1, 1)
    meetings = MeetingService(db, clock)
    mid = meetings.create({"kind": "work_day", "topic": "社区工作日", "starts_at": datetime(2025, 9, 19, 8)})
    assert len(meetings.add_cadres(mid)) == 1
    assert [(a.name, a.org) for a in meetings.attendees(mid)] == [("吴八", "白城市民政局")]
    # Records of another community stay out of reach.
    with db.session() as session:
        stranger = Cadre(organ_id=organ.id, name="外人")
        stranger.community_id = "another-community"
        ChangeLog(db, session).created(stranger)
        stranger_id = stranger.id
    with pytest.raises(ValidationError) as exc:
        work.record({"month": "2025-09", "cadre_id": stranger_id})
    assert exc.value.codes() == {"cadre_id": "ref_missing"}
