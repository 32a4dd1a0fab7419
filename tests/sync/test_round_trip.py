"""Two communities, a second computer of one of them and the city server converge through packages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from app.db.database import Database
from app.models import Compound, OutboxEntry
from app.models.ledgers import Organ
from app.services.registry import RegistryService
from app.sync.service import SyncService
from server.city import CityServer

from .conftest import COMMUNITY_A, COMMUNITY_B, Computers, dump, enrol, round_trip


def _compound(db: Database, name: str, **values: object) -> str:
    return RegistryService(db).create("compound", {"name": name, "address": "", "households": 100,
                                                   "building_count": 3, **values})


def test_two_communities_second_computer_and_server_end_with_the_same_records(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    a1_db, b_db, a2_db = computers.new("a1"), computers.new("b"), computers.new("a2")
    a1 = enrol(city, a1_db, COMMUNITY_A)
    b = enrol(city, b_db, COMMUNITY_B)
    # The second computer of community A starts empty and takes everything from the server.
    a2 = enrol(city, a2_db, COMMUNITY_A, init=False)
    organ = city.put_city_record("organ", {"name": "白城市民政局", "phone": "0436-3222222"})

    reg_a1, reg_b = RegistryService(a1_db), RegistryService(b_db)
    sunny = _compound(a1_db, "阳光小区", area_m2="12345.67", fee_standard="0.8500")
    _compound(a1_db, "和平小区")
    river = _compound(b_db, "江南小区", households=250)
    reg_a1.create("party_group", {"name": "第一党小组", "kind": "ordinary"})

    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    round_trip(city, COMMUNITY_B["code"], [b], tmp_path)

    # Both computers of A now edit: A2 a field A1 did not touch, A1 deletes its second compound.
    reg_a2 = RegistryService(a2_db)
    assert reg_a2.community_id == reg_a1.community_id
    values = reg_a2.get("compound", sunny)
    values["households"] = 432
    reg_a2.update("compound", sunny, values)
    peace = next(i for i, label in reg_a1.options("compound") if label == "和平小区")
    reg_a1.delete("compound", peace)
    values = reg_b.get("compound", river)
    values["address"] = "江南路1号"
    reg_b.update("compound", river, values)

    for _ in range(2):
        round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
        round_trip(city, COMMUNITY_B["code"], [b], tmp_path)

    cid_a, cid_b = reg_a1.community_id, reg_b.community_id
    assert dump(a1_db.engine, cid_a) == dump(a2_db.engine, cid_a) == dump(city.engine, cid_a)
    assert dump(b_db.engine, cid_b) == dump(city.engine, cid_b)
    # What a secretary sees: the second computer's edit, the first's delete, exact decimals.
    assert reg_a1.get("compound", sunny)["households"] == 432
    assert reg_a1.get("compound", sunny)["area_m2"] == Decimal("12345.67")
    assert [label for _, label in reg_a2.options("compound")] == ["阳光小区"]
    assert reg_b.get("compound", river)["address"] == "江南路1号"
    # Community B never receives A's records, but both receive the city's organ.
    with b_db.session() as s:
        assert s.get(Compound, sunny) is None
    for db in (a1_db, a2_db, b_db):
        with db.session() as s:
            assert s.scalar(select(Organ.name).where(Organ.id == organ)) == "白城市民政局"
    # Everything sent was acknowledged: the queues are empty.
    for svc in (a1, a2, b):
        assert svc.pending_count() == 0


def test_acknowledged_changes_leave_the_queue_only_after_the_return_package(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    db = computers.new("a1")
    svc = enrol(city, db, COMMUNITY_A)
    _compound(db, "阳光小区")
    pending = svc.pending_count()
    assert pending >= 2
    out = svc.export(tmp_path)
    assert svc.pending_count() == pending  # a written package acknowledges nothing
    city.import_file(out.path)
    assert svc.pending_count() == pending
    back = tmp_path / "back.clsync"
    city.export_for(COMMUNITY_A["code"], back)
    report = svc.import_file(back)
    assert report.acknowledged == pending
    assert svc.pending_count() == 0
    with db.session() as s:
        assert s.query(OutboxEntry).filter(OutboxEntry.acked_at.is_(None)).count() == 0
    # The history lists both packages with their counts.
    history = svc.history()
    assert [h.direction for h in history] == ["in", "out"]
    assert history[1].counts.get("compound") == 1


def test_same_package_twice_and_an_old_package_after_a_new_one_change_nothing(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    db = computers.new("a1")
    svc = enrol(city, db, COMMUNITY_A)
    cid = _compound(db, "阳光小区")
    first = svc.export(tmp_path / "first.clsync")
    reg = RegistryService(db)
    values = reg.get("compound", cid)
    values["households"] = 7
    reg.update("compound", cid, values)
    second = svc.export(tmp_path / "second.clsync")
    city.import_file(second.path)
    before = dump(city.engine)
    assert city.import_file(second.path).status == "already_applied"
    report = city.import_file(first.path)  # older, arrives late: its changes are all known
    assert report.status == "applied"
    assert report.totals().updated == 0 and report.totals().imported == 0
    assert dump(city.engine) == before


def test_enrolling_a_database_made_before_enrolment_keeps_its_records(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    db = computers.new("a1")
    reg = RegistryService(db)
    reg.create_community(dict(COMMUNITY_A, name="幸福社区(旧名)"))
    old_id = reg.community_id
    cid = _compound(db, "阳光小区")
    issued = city.add_community(COMMUNITY_A["code"], COMMUNITY_A["name"], COMMUNITY_A["district"],
                                COMMUNITY_A["street"], COMMUNITY_A["city"])
    svc = SyncService(db)
    svc.enroll(issued.code)
    assert reg.community_id == issued.community_id != old_id
    assert reg.get("compound", cid)["name"] == "阳光小区"
    round_trip(city, COMMUNITY_A["code"], [svc], tmp_path)
    # The city registered the community's official name after the computer did: the city's wins,
    # and the computer's earlier name is kept as a conflict for the secretary to review.
    assert reg.community().name == COMMUNITY_A["name"]
    assert dump(db.engine, issued.community_id) == dump(city.engine, issued.community_id)
