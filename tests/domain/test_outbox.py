"""Every write to a synced record lands in the outbox, once, in the same transaction."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DatabaseError

from app.db.database import CLOCK_KEY, Database
from app.db.hlc import Stamp
from app.models import SYNCED_MODELS, Compound
from app.services.fields import Kind
from app.services.registry import RegistryService
from app.sync.changes import ChangeLog

from .helpers import RECORD_KINDS, building, compound, count_rows, create_sample, outbox, party_group

BOOKKEEPING = {"updated_at", "hlc"}  # the change stamp stands for these


def record_row(db: Database, table: str, record_id: str) -> dict[str, Any]:
    assert db.path is not None
    con = sqlite3.connect(db.path)
    con.row_factory = sqlite3.Row
    try:
        row = con.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,)).fetchone()
    finally:
        con.close()
    assert row is not None
    return dict(row)


def add_trigger(db: Database, sql: str) -> None:
    assert db.path is not None
    con = sqlite3.connect(db.path)
    with con:
        con.execute(sql)
    con.close()


def test_creating_the_community_queues_it(db: Database) -> None:
    community_id = RegistryService(db).create_community({
        "code": "220802001", "name": "幸福社区", "street": "明仁街道", "district": "洮北区",
        "city": "白城市", "org_kind": "committee"})
    [entry] = outbox(db)
    assert (entry["table_name"], entry["record_id"], entry["op"]) == ("community", community_id, "upsert")
    assert entry["community_id"] == community_id
    assert entry["fields"]["name"] == "幸福社区"


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_create_queues_one_upsert_with_every_field(registry: RegistryService, kind: str) -> None:
    spec = registry.spec(kind)
    table = spec.model.__tablename__  # type: ignore[attr-defined]
    record_id = create_sample(registry, kind)

    entries = [e for e in outbox(registry.db) if e["record_id"] == record_id]
    assert len(entries) == 1
    [entry] = entries
    assert entry["table_name"] == table
    assert entry["op"] == "upsert"
    assert entry["community_id"] == registry.community_id
    row = record_row(registry.db, table, record_id)
    assert entry["hlc"] == row["hlc"]
    assert not BOOKKEEPING & set(entry["fields"])
    assert {"id", "community_id", "deleted_at"} <= set(entry["fields"])
    wanted = {f.name for f in spec.fields if f.kind is not Kind.MULTI_REF}
    assert wanted <= set(entry["fields"])
    assert entry["fields"]["id"] == record_id
    assert entry["fields"]["deleted_at"] is None


def test_field_values_travel_exactly(registry: RegistryService) -> None:
    record_id = create_sample(registry, "compound")
    [entry] = [e for e in outbox(registry.db) if e["record_id"] == record_id]
    fields = entry["fields"]
    assert fields["name"] == "阳光小区"
    assert fields["households"] == 320
    assert fields["fee_standard"] == "0.85"
    assert fields["area_m2"] == "41000.50"
    assert fields["has_homeowner_committee"] is True


def test_update_queues_only_the_changed_fields(registry: RegistryService) -> None:
    cid = compound(registry, households=100)
    before = len(outbox(registry.db))
    values = registry.get("compound", cid)
    old = registry.update("compound", cid, {**values, "households": "120", "address": "幸福路8号"})
    assert old == {"households": 100, "address": ""}
    entries = outbox(registry.db)[before:]
    assert len(entries) == 1
    assert entries[0]["op"] == "upsert"
    assert entries[0]["fields"] == {"households": 120, "address": "幸福路8号"}
    assert entries[0]["hlc"] == record_row(registry.db, "compound", cid)["hlc"]


def test_saving_an_unchanged_form_queues_nothing(registry: RegistryService) -> None:
    cid = compound(registry)
    before = outbox(registry.db)
    assert registry.update("compound", cid, registry.get("compound", cid)) == {}
    assert outbox(registry.db) == before


def test_delete_and_restore_travel_as_tombstone_and_revival(registry: RegistryService) -> None:
    cid = compound(registry)
    registry.delete("compound", cid)
    registry.restore("compound", cid)
    entries = [e for e in outbox(registry.db) if e["record_id"] == cid]
    assert [e["op"] for e in entries] == ["upsert", "delete", "upsert"]
    assert entries[1]["fields"]["deleted_at"] is not None
    assert entries[2]["fields"] == {"deleted_at": None}
    row = record_row(registry.db, "compound", cid)
    assert row["deleted_at"] is None
    assert row["hlc"] == entries[2]["hlc"]


def test_building_links_of_a_party_group_are_queued_too(registry: RegistryService) -> None:
    c = compound(registry)
    b1, b2, b3 = (building(registry, c, f"{n}号楼") for n in (1, 2, 3))
    before = len(outbox(registry.db))
    gid = party_group(registry, kind="building", compound_id=c, building_ids=[b1, b2])
    created = outbox(registry.db)[before:]
    assert sorted(e["table_name"] for e in created) == ["party_group", "party_group_building",
                                                         "party_group_building"]
    links = [e for e in created if e["table_name"] == "party_group_building"]
    assert {e["fields"]["building_id"] for e in links} == {b1, b2}
    assert {e["fields"]["party_group_id"] for e in links} == {gid}

    before = len(outbox(registry.db))
    registry.update("party_group", gid, {**registry.get("party_group", gid), "building_ids": [b2, b3]})
    changed = outbox(registry.db)[before:]
    assert sorted((e["table_name"], e["op"]) for e in changed) == [
        ("party_group_building", "delete"), ("party_group_building", "upsert")]
    assert registry.get("party_group", gid)["building_ids"] == sorted([b2, b3])

    before = len(outbox(registry.db))
    registry.delete("party_group", gid)
    assert sorted((e["table_name"], e["op"]) for e in outbox(registry.db)[before:]) == [
        ("party_group", "delete"), ("party_group_building", "delete"), ("party_group_building", "delete")]


def test_stamps_increase_and_the_clock_is_saved(registry: RegistryService) -> None:
    for i, kind in enumerate(RECORD_KINDS):
        create_sample(registry, kind, tag=str(i))
    stamps = [Stamp.decode(e["hlc"]) for e in outbox(registry.db)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)
    assert {s.node for s in stamps} == {registry.db.node_id}
    assert registry.db.get_state(CLOCK_KEY) == stamps[-1].encode()


def test_nothing_is_written_around_the_outbox(registry: RegistryService) -> None:
    """After one of each kind, every live synced row has an outbox entry carrying its last stamp."""
    for i, kind in enumerate(RECORD_KINDS):
        create_sample(registry, kind, tag=str(i))
    cid = compound(registry, "彩虹小区")
    registry.update("compound", cid, {**registry.get("compound", cid), "households": 9})
    entries = outbox(registry.db)
    latest = {(e["table_name"], e["record_id"]): e["hlc"] for e in entries}
    assert registry.db.path is not None
    con = sqlite3.connect(registry.db.path)
    try:
        for model in SYNCED_MODELS:
            table = model.__tablename__  # type: ignore[attr-defined]
            for record_id, hlc in con.execute(f"SELECT id, hlc FROM {table}"):
                assert latest.get((table, record_id)) == hlc, f"{table} {record_id} not in the outbox"
    finally:
        con.close()
    tables: list[str] = [m.__tablename__ for m in SYNCED_MODELS]  # type: ignore[attr-defined]
    assert len(latest) == sum(count_rows(registry.db.path, t) for t in tables)


def test_a_failed_outbox_write_leaves_no_record(registry: RegistryService) -> None:
    add_trigger(registry.db, "CREATE TRIGGER refuse BEFORE INSERT ON outbox "
                             "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    before = len(outbox(registry.db))
    with pytest.raises(DatabaseError):
        compound(registry, "失败小区")
    assert count_rows(registry.db.path, "compound") == 0
    assert len(outbox(registry.db)) == before
    add_trigger(registry.db, "DROP TRIGGER refuse")
    compound(registry, "失败小区")
    assert count_rows(registry.db.path, "compound") == 1


@pytest.mark.parametrize("action", ["update", "delete"])
def test_a_failed_record_write_leaves_no_outbox_entry(registry: RegistryService, action: str) -> None:
    cid = compound(registry, households=100)
    add_trigger(registry.db, "CREATE TRIGGER refuse BEFORE UPDATE ON compound "
                             "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    before = outbox(registry.db)
    with pytest.raises(DatabaseError):
        if action == "update":
            registry.update("compound", cid, {**registry.get("compound", cid), "households": 7})
        else:
            registry.delete("compound", cid)
    assert outbox(registry.db) == before
    row = record_row(registry.db, "compound", cid)
    assert (row["households"], row["deleted_at"]) == (100, None)


def test_an_error_inside_a_unit_of_work_rolls_back_both(registry: RegistryService) -> None:
    db = registry.db
    before = outbox(db)
    with pytest.raises(RuntimeError), db.session() as session:
        ChangeLog(db, session).created(Compound(name="半途小区", community_id=registry.community_id))
        assert session.scalar(select(func.count()).select_from(Compound)) == 1
        raise RuntimeError("power cut")
    assert count_rows(db.path, "compound") == 0
    assert outbox(db) == before


def test_bulk_create_queues_one_entry_per_row(registry: RegistryService) -> None:
    db = registry.db
    rows = [{"name": f"第{i}小区", "community_id": registry.community_id} for i in range(1, 51)]
    before = len(outbox(db))
    with db.session() as session:
        assert ChangeLog(db, session).bulk_created(Compound, rows) == 50
    entries = outbox(db)[before:]
    assert len(entries) == 50
    assert {e["fields"]["name"] for e in entries} == {r["name"] for r in rows}
    assert all(e["table_name"] == "compound" and e["op"] == "upsert" for e in entries)
    assert len({e["hlc"] for e in entries}) == 50
    assert registry.counts()["compound"] == 50
    assert registry.list_query("compound").count() == 50


def test_stamps_keep_increasing_after_reopening(registry: RegistryService) -> None:
    db = registry.db
    compound(registry)
    last = Stamp.decode(outbox(db)[-1]["hlc"])
    assert db.path is not None
    path = db.path
    db.close()
    again = Database.open(path)
    try:
        assert again.clock.now() > last
    finally:
        again.close()
