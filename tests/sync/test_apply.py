"""Applying changes: every synced table and column kind travels exactly; order does not matter."""

from __future__ import annotations

import random
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text

from app.identity import DIVISION_CODE, ID_NUMBER, PHONE, RULE, make_id_number
from app.models import SYNCED_MODELS, Compound, OutboxEntry, new_id
from app.models.base import REFERS_TO, ScaledDecimal
from app.sync.apply import Applier
from app.sync.changes import ChangeLog
from app.sync.codec import to_json_fields
from app.sync.package import build_package, open_envelope, read_changes, verify_signature
from app.sync.report import Source, Target
from app.sync.service import SyncService

from .conftest import Computers, dump

BOOKKEEPING = {"id", "hlc", "created_at", "updated_at", "deleted_at", "community_id"}


def _value(column: Any, rng: random.Random) -> Any:
    kind = column.type
    rule = column.info.get(RULE)
    if rule == ID_NUMBER:
        return make_id_number("220802", date(1970 + rng.randint(0, 30), 1, 1), rng.randint(0, 999))
    if rule == PHONE:
        return f"13{rng.randint(0, 10**9 - 1):09d}"
    if rule == DIVISION_CODE:
        return f"220802{rng.randint(0, 999):03d}"
    if isinstance(kind, ScaledDecimal):
        return Decimal(rng.randint(-10**6, 10**6)).scaleb(-kind.scale)
    if isinstance(kind, Boolean):
        return rng.random() < 0.5
    if isinstance(kind, DateTime):
        return datetime(2025, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), 5, 7, 123456)
    if isinstance(kind, Date):
        return date(2020, rng.randint(1, 12), rng.randint(1, 28))
    if isinstance(kind, Integer):
        return rng.randint(-(2**40), 2**40)
    if isinstance(kind, String | Text):
        length = getattr(kind, "length", None) or 300
        return "值" * min(length, rng.randint(0, 8)) + ("é" if length > 10 else "")
    raise AssertionError(kind)


def test_every_synced_table_and_column_kind_round_trips_exactly(computers: Computers) -> None:
    """Records of every table in SYNCED_MODELS, with every kind of column, go through a real
    signed and sealed package into another database and come out identical."""
    rng = random.Random(5)
    src, dst = computers.new("src"), computers.new("dst")
    community = new_id()
    # Records name records of the same package (a reference to nothing would be rejected).
    ids = {m.__tablename__: [new_id() for _ in range(3)] for m in SYNCED_MODELS}  # type: ignore[attr-defined]
    with src.session() as session:
        log = ChangeLog(src, session)
        for model in SYNCED_MODELS:
            data_columns = [c for c in model.__table__.columns  # type: ignore[attr-defined]
                            if c.name not in BOOKKEEPING]
            for i in range(3):
                obj = model()
                obj.id = ids[model.__tablename__][i]  # type: ignore[attr-defined]
                for col in data_columns:
                    target = col.info.get(REFERS_TO)
                    setattr(obj, col.name, rng.choice(ids[target]) if target else _value(col, rng))
                obj.community_id = community
                log.created(obj)
            # One record edited in part (per-field stamps), then deleted (a tombstone).
            log.updated(obj, {c.name: _value(c, rng) for c in data_columns[:2] if REFERS_TO not in c.info})
            log.deleted(obj)
    with src.session() as session:
        changes = [{"id": e.change_id, "table": e.table_name, "record": e.record_id,
                    "community": e.community_id, "op": e.op, "hlc": e.hlc, "fields": orjson.loads(e.fields)}
                   for e in session.query(OutboxEntry).order_by(OutboxEntry.seq)]
    sender, receiver = SyncService(src).keys(), SyncService(dst).keys()
    data, _ = build_package(keys=sender, source=Source("community", sender.node_id, community, "x", ""),
                            target=Target("community", community, "x", (receiver.node_id,)),
                            changes=changes, seq_range=(1, len(changes)), recipients=[receiver.public])
    env = open_envelope(data)
    verify_signature(env, sender.public)
    received = read_changes(env, receiver)
    with dst.session() as session:
        result = Applier(session, package_id=env.package_id).apply(received)
    assert result.rejected == []
    assert set(result.counts) == {m.__tablename__ for m in SYNCED_MODELS}  # type: ignore[attr-defined]
    assert dump(src.engine) == dump(dst.engine)


def _change(record: str, community: str, stamp: str, fields: dict[str, Any],
            op: str = "upsert") -> dict[str, Any]:
    return {"id": new_id(), "table": "compound", "record": record, "community": community, "op": op,
            "hlc": stamp, "fields": to_json_fields(fields)}


def test_order_of_arrival_does_not_matter(computers: Computers) -> None:
    record, community = new_id(), new_id()
    create = _change(record, community, "1700000000000-00000-aaaa", {
        "community_id": community, "name": "阳光小区", "address": "", "households": 10, "building_count": 1,
        "area_m2": Decimal("1.50"), "property_company_id": None, "fee_standard": None,
        "fee_collection_rate": None, "has_homeowner_committee": False, "has_red_property_branch": False,
        "deleted_at": None, "created_at": datetime(2023, 1, 1)})
    rename = _change(record, community, "1700000000001-00000-bbbb", {"name": "阳光家园"})
    count = _change(record, community, "1700000000002-00000-aaaa", {"households": 20})
    delete = _change(record, community, "1700000000003-00000-cccc", {"deleted_at": datetime(2023, 5, 1)},
                     "delete")
    older_name = _change(record, community, "1700000000000-00005-cccc", {"name": "旧名"})
    changes = [create, rename, count, delete, older_name]
    results = []
    for i, order in enumerate([changes, changes[::-1], [delete, rename, older_name, count, create]]):
        db = computers.new(f"order{i}")
        for ch in order:  # one package per change: the worst case for order
            with db.session() as session:
                Applier(session, package_id=new_id()).apply([ch])
        with db.session() as session:
            again = Applier(session, package_id=new_id()).apply(changes)
            assert again.totals().ignored == len(changes)
        results.append(dump(db.engine))
    assert results[0] == results[1] == results[2]
    row = results[0]["compound"][0]
    cols = [c.name for c in Compound.__table__.columns if c.name != "updated_at"]
    values = dict(zip(cols, row, strict=True))
    assert values["name"] == "阳光家园" and values["households"] == 20
    assert values["deleted_at"] == datetime(2023, 5, 1) and values["area_m2"] == Decimal("1.50")


def test_stamp_ties_are_broken_by_node_id(computers: Computers) -> None:
    record, community = new_id(), new_id()
    a = _change(record, community, "1700000000000-00000-node_a", {"name": "甲", "community_id": community})
    b = _change(record, community, "1700000000000-00000-node_b", {"name": "乙", "community_id": community})
    names = []
    for i, order in enumerate([[a, b], [b, a]]):
        db = computers.new(f"tie{i}")
        for ch in order:
            with db.session() as session:
                Applier(session, package_id=new_id()).apply([ch])
        with db.session() as session:
            names.append(session.get(Compound, record).name)  # type: ignore[union-attr]
    assert names == ["乙", "乙"]


def test_bad_changes_are_rejected_with_reasons_and_the_rest_applied(computers: Computers) -> None:
    db = computers.new("x")
    community = new_id()
    good = _change(new_id(), community, "1700000000000-00000-aaaa", {"name": "好", "community_id": community})
    bad = [
        dict(_change(new_id(), community, "1700000000000-00001-aaaa", {"name": "x"}), table="no_such_table"),
        _change(new_id(), community, "1700000000000-00002-aaaa", {"households": "many"}),
        _change(new_id(), community, "1700000000000-00003-aaaa", {"no_such_field": 1}),
        _change(new_id(), community, "not a stamp", {"name": "x"}),
        _change(new_id(), community, "1700000000000-00004-aaaa", {"area_m2": "1.234"}),
        _change(new_id(), community, "1700000000000-00005-aaaa", {"name": "长" * 101}),
    ]
    with db.session() as session:
        result = Applier(session, package_id=new_id()).apply([good, *bad])
    reasons = [r.reason for r in result.rejected]
    assert reasons == ["unknown_table", "bad_value", "unknown_field", "bad_stamp", "bad_value", "bad_value"]
    assert result.counts["compound"].imported == 1
