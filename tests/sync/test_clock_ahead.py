"""A computer whose clock runs days ahead cannot push its stamps onto everyone else."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db.hlc import HybridClock, Stamp
from app.models import OutboxEntry
from app.services.registry import RegistryService
from app.sync.errors import SyncError
from app.sync.package import check_clock
from server.city import CityServer

from .conftest import COMMUNITY_A, Computers, dump, enrol, round_trip

DAY_MS = 86_400_000


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def run_clock_ahead(clock: HybridClock, days: int) -> HybridClock:
    """The same node's clock, on a computer whose date was set ``days`` ahead."""
    return HybridClock(clock.node, clock.last, wall=lambda: now_ms() + days * DAY_MS)


def change(stamp_ms: int) -> dict[str, str]:
    return {"hlc": f"{stamp_ms:013d}-00000-pc01"}


def test_a_change_a_day_ahead_passes_and_two_days_ahead_is_refused() -> None:
    here = 1_764_000_000_000
    check_clock([change(here + DAY_MS - 1)], here)
    with pytest.raises(SyncError) as refused:
        check_clock([change(here), change(here + 2 * DAY_MS), change(here + 3 * DAY_MS)], here)
    assert refused.value.code == "clock_ahead"
    assert refused.value.params["count"] == 2
    assert refused.value.params["days"] == 3


def test_the_server_refuses_a_package_from_a_computer_dated_ahead_and_takes_it_once_corrected(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    db = computers.new("a1")
    svc = enrol(city, db, COMMUNITY_A)
    round_trip(city, COMMUNITY_A["code"], [svc], tmp_path)
    reg = RegistryService(db)
    db.clock = run_clock_ahead(db.clock, days=3)
    first = reg.create("compound", {"name": "阳光小区", "households": 100})
    reg.create("compound", {"name": "和平小区"})
    before = dump(city.engine)

    package = svc.export(tmp_path)
    assert package.restamped == 0  # still dated ahead here: nothing looks wrong to this computer
    with pytest.raises(SyncError) as refused:
        city.import_file(package.path)
    assert refused.value.code == "clock_ahead"
    assert "more than a day after" in str(refused.value)
    assert dump(city.engine) == before

    # The secretary corrects the date; the next package carries the same edits, stamped again.
    db.clock = HybridClock(db.node_id, db.clock.last)
    values = reg.get("compound", first)
    values["households"] = 120
    reg.update("compound", first, values)
    package = svc.export(tmp_path)
    assert package.restamped >= 3
    city.import_file(package.path)
    back = tmp_path / "back.clsync"
    city.export_for(COMMUNITY_A["code"], back)
    svc.import_file(back)

    cid = reg.community_id
    assert dump(db.engine, cid) == dump(city.engine, cid)
    limit = f"{now_ms() + DAY_MS:013d}"
    with db.session() as s:
        assert str(s.scalar(select(func.max(OutboxEntry.hlc)))) < limit
    assert svc.pending_count() == 0
    # The clock came back with the stamps: a new edit is dated today.
    assert Stamp.decode(db.clock.now().encode()).wall_ms < now_ms() + DAY_MS
    assert reg.get("compound", first)["households"] == 120


def test_a_community_refuses_a_return_package_dated_ahead_and_changes_nothing(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    db = computers.new("a1")
    svc = enrol(city, db, COMMUNITY_A)
    round_trip(city, COMMUNITY_A["code"], [svc], tmp_path)
    city.clock = run_clock_ahead(city.clock, days=10)
    city.put_city_record("organ", {"name": "白城市民政局", "phone": "0436-3222222"})
    back = tmp_path / "back.clsync"
    city.export_for(COMMUNITY_A["code"], back)
    before = dump(db.engine)
    history = len(svc.history())

    with pytest.raises(SyncError) as refused:
        svc.import_file(back)
    assert refused.value.code == "clock_ahead"
    assert refused.value.params["days"] == 10
    assert dump(db.engine) == before
    assert len(svc.history()) == history
    assert db.clock.last.wall_ms < now_ms() + DAY_MS
