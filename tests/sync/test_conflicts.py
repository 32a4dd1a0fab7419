"""Concurrent edits: per-field merge, the conflict log, and keeping either value."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.registry import RegistryService
from app.sync.errors import SyncError
from app.sync.service import SyncService
from server.city import CityServer

from .conftest import COMMUNITY_A, Computers, dump, enrol, round_trip


def _edit(svc: SyncService, record: str, **values: object) -> None:
    reg = RegistryService(svc.db)
    form = reg.get("compound", record)
    form.update(values)
    reg.update("compound", record, form)


def test_edits_of_different_fields_both_survive_and_a_lost_edit_is_kept_for_review(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    a1_db, a2_db = computers.new("a1"), computers.new("a2")
    a1, a2 = enrol(city, a1_db, COMMUNITY_A), enrol(city, a2_db, COMMUNITY_A, init=False)
    record = RegistryService(a1_db).create("compound", {"name": "阳光小区", "households": 10})
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)

    _edit(a1, record, name="阳光小区(一期)", households=11)  # A1, not yet sent
    _edit(a2, record, name="阳光家园", address="幸福路8号")  # A2, later, sent first
    reports = round_trip(city, COMMUNITY_A["code"], [a2], tmp_path)
    assert reports[0].conflicts == ()
    reports = round_trip(city, COMMUNITY_A["code"], [a1], tmp_path)
    conflicts = reports[0].conflicts
    assert [(c.field, c.local_value, c.remote_value) for c in conflicts] == [
        ("name", "阳光小区(一期)", "阳光家园")]
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    for svc in (a1, a2):
        values = RegistryService(svc.db).get("compound", record)
        # The newer name won; A1's household count and A2's address, edited alone, both stand.
        assert (values["name"], values["households"], values["address"]) == ("阳光家园", 11, "幸福路8号")

    # The secretary of A1 reviews the conflict and keeps her own name: a new change that wins everywhere.
    [conflict] = a1.conflicts()
    assert (conflict.local_value, conflict.remote_value) == ("阳光小区(一期)", "阳光家园")
    a1.resolve_conflict(conflict.id, "local")
    assert a1.conflicts() == []
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    assert RegistryService(a2_db).get("compound", record)["name"] == "阳光小区(一期)"
    cid = RegistryService(a1_db).community_id
    assert dump(a1_db.engine, cid) == dump(a2_db.engine, cid) == dump(city.engine, cid)


def test_keeping_the_remote_value_changes_nothing_but_the_log(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    a1_db, a2_db = computers.new("a1"), computers.new("a2")
    a1, a2 = enrol(city, a1_db, COMMUNITY_A), enrol(city, a2_db, COMMUNITY_A, init=False)
    record = RegistryService(a1_db).create("compound", {"name": "阳光小区"})
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    _edit(a1, record, name="甲")
    _edit(a2, record, name="乙")
    round_trip(city, COMMUNITY_A["code"], [a2], tmp_path)
    round_trip(city, COMMUNITY_A["code"], [a1], tmp_path)
    [conflict] = a1.conflicts()
    pending = a1.pending_count()
    a1.resolve_conflict(conflict.id, "remote")
    assert a1.pending_count() == pending and a1.conflicts() == []
    assert len(a1.conflicts(unresolved_only=False)) == 1
    assert RegistryService(a1_db).get("compound", record)["name"] == "乙"


def test_an_enrolment_code_serves_one_computer(computers: Computers, city: CityServer,
                                               tmp_path: Path) -> None:
    first, second = computers.new("first"), computers.new("second")
    issued = city.add_community(COMMUNITY_A["code"], COMMUNITY_A["name"], COMMUNITY_A["district"],
                                COMMUNITY_A["street"], COMMUNITY_A["city"])
    one, two = SyncService(first), SyncService(second)
    one.enroll(issued.code)
    two.enroll(issued.code)
    city.import_file(one.export(tmp_path / "one.clsync").path)
    with pytest.raises(SyncError) as err:
        city.import_file(two.export(tmp_path / "two.clsync").path)
    assert err.value.code == "enrolment_used"
    # Both sides show the same fingerprints.
    listed = city.communities()[0]["nodes"]
    assert [n["fingerprint"] for n in listed] == [one.fingerprint]
    server = one.server()
    assert server is not None and server.fingerprint == city.identity.fingerprint


def test_a_package_from_a_clock_in_the_future_is_applied_with_both_clocks_shown(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from app.sync.package import build_package
    from app.sync.report import Source, Target

    db = computers.new("a1")
    svc = enrol(city, db, COMMUNITY_A)
    city.import_file(svc.export(tmp_path / "first.clsync").path)
    ahead = datetime.now(UTC) + timedelta(days=400)
    data, _ = build_package(
        keys=city.keys, source=Source("server", city.node_id, None, None, ""),
        target=Target("community", db.community_id, COMMUNITY_A["code"], (db.node_id,)),
        changes=[], seq_range=(1, 0), ack_nodes={db.node_id: 0}, recipients=[svc.keys().public],
        now=ahead)
    report = svc.import_bytes(data)
    assert report.status == "applied"
    warning = report.clock_warning
    assert warning is not None
    assert warning.package_clock.startswith(str(ahead.year))
    assert warning.this_clock.startswith(str(datetime.now(UTC).year))
