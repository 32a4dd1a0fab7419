"""The app's side of sync over HTTP (app/sync/network.py) against a real server process on 127.0.0.1,
on SQLite and PostgreSQL: enrolment, full exchanges between three computers, and the faults of a
network, each with nothing lost and nothing applied twice."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from app.db.database import Database
from app.models import Compound, OutboxEntry
from app.services.registry import RegistryService
from app.sync.network import NetworkError, NetworkSync, RetryPolicy, SyncResult
from app.sync.service import SyncService
from app.sync.status import NETWORK_KEY
from server.city import CityServer
from server.models import ServerChange

from .conftest import COMMUNITY_A, COMMUNITY_B, Computers, dump
from .http_proxy import Fault, lossy_proxy
from .http_server import BIN, LiveServer, free_port, live_server

pytestmark = pytest.mark.slow
FAST = RetryPolicy(attempts=4, base_s=0.05, cap_s=0.2)


@pytest.fixture
def live(server_url: str, city: CityServer, tmp_path: Path) -> Iterator[LiveServer]:
    with live_server(server_url, tmp_path) as server:
        yield server


def client(db: Database, **kwargs: object) -> NetworkSync:
    return NetworkSync(db, retry=FAST, rng=random.Random(7), **kwargs)  # type: ignore[arg-type]


def join(city: CityServer, url: str, db: Database, community: dict[str, str], init: bool = True,
         **kwargs: object) -> NetworkSync:
    if init:
        RegistryService(db).create_community(dict(community))
    issued = city.add_community(community["code"], community["name"], community["district"],
                                community["street"], community["city"])
    net = client(db, **kwargs)
    net.enrol(issued.code, url)
    return net


def edit(registry: RegistryService, record_id: str, **changes: object) -> None:
    registry.update("compound", record_id, {**registry.get("compound", record_id), **changes})


def compounds(db: Database) -> dict[str, str]:
    """Live compounds by name: id (two records of one name would show as fewer entries)."""
    return {label: rid for rid, label in RegistryService(db).options("compound")}


def compound_rows(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Compound)) or 0)


def pending(db: Database) -> int:
    return SyncService(db).pending_count()


def server_changes(city: CityServer) -> tuple[int, int]:
    """Changes the server holds, and how many distinct ones (by change id)."""
    with city.session() as session:
        total = int(session.scalar(select(func.count()).select_from(ServerChange)) or 0)
        distinct = int(session.scalar(select(func.count(func.distinct(ServerChange.change_id)))) or 0)
    return total, distinct


def test_enrolment_over_http_keeps_the_address_and_a_sealed_token(
        live: LiveServer, city: CityServer, computers: Computers) -> None:
    db = computers.new("a1")
    net = join(city, live.url + "/", db, COMMUNITY_A)
    settings = net.settings()
    assert settings is not None and settings.url == live.url and settings.last_sync is None
    stored = db.get_state(NETWORK_KEY) or ""
    token = net._token(json.loads(stored))
    assert len(token) >= 40 and token not in stored
    assert db.path is not None and token.encode() not in db.path.read_bytes()
    assert net.probe().server_node == city.node_id
    result = net.sync()
    assert result.pushed >= 1 and result.refused == () and pending(db) == 0
    assert net.settings().last_sync is not None  # type: ignore[union-attr]


def test_three_computers_converge_through_the_server(
        live: LiveServer, city: CityServer, computers: Computers) -> None:
    a1 = join(city, live.url, computers.new("a1"), COMMUNITY_A)
    a2 = join(city, live.url, computers.new("a2"), COMMUNITY_A, init=False)
    b1 = join(city, live.url, computers.new("b1"), COMMUNITY_B)
    ra1, ra2, rb1 = (RegistryService(n.db) for n in (a1, a2, b1))
    for i in range(5):
        ra1.create("compound", {"name": f"小区{i}"})
    rb1.create("compound", {"name": "别处小区"})
    for net in (a1, b1, a2, a1):
        assert net.sync().refused == ()
    assert set(compounds(a2.db)) == {f"小区{i}" for i in range(5)}
    assert "别处小区" not in compounds(a2.db) and set(compounds(b1.db)) == {"别处小区"}

    ids = compounds(a1.db)
    edit(ra2, ids["小区0"], name="改名小区")   # an edit on the other PC
    ra1.delete("compound", ids["小区1"])       # a delete
    edit(ra1, ids["小区2"], address="东路1号")  # conflicting edits of one field:
    edit(ra2, ids["小区2"], address="西路2号")  # the later one wins everywhere
    ra2.create("compound", {"name": "新小区"})
    results: list[SyncResult] = [net.sync() for net in (a2, a1, a2, a1)]
    assert all(r.refused == () for r in results)
    # a1's edit was still waiting when the later one arrived: it is kept for the review.
    assert results[1].conflicts == 1
    assert [c.local_value for c in SyncService(a1.db).conflicts()] == ["东路1号"]
    assert dump(a1.db.engine, a1.db.community_id) == dump(a2.db.engine, a2.db.community_id)
    assert set(compounds(a1.db)) == {"改名小区", "小区2", "小区3", "小区4", "新小区"}
    assert RegistryService(a1.db).get("compound", ids["小区2"])["address"] == "西路2号"
    assert compound_rows(a1.db) == compound_rows(a2.db) == 6  # the deleted one as a tombstone
    assert pending(a1.db) == pending(a2.db) == 0
    total, distinct = server_changes(city)
    assert total == distinct
    # The other community saw none of it.
    assert set(compounds(b1.db)) == {"别处小区"} and b1.sync().pulled == 0


def test_many_changes_go_in_batches_and_come_back_in_pages(
        live: LiveServer, city: CityServer, computers: Computers) -> None:
    a1 = join(city, live.url, computers.new("a1"), COMMUNITY_A, batch_changes=7)
    a2 = join(city, live.url, computers.new("a2"), COMMUNITY_A, init=False, page_changes=6)
    for i in range(30):
        RegistryService(a1.db).create("compound", {"name": f"小区{i:02d}"})
    pushed = a1.sync()
    assert pushed.batches >= 5 and pushed.pushed == 31 and pending(a1.db) == 0
    pulled = a2.sync()
    assert pulled.pages >= 6 and len(compounds(a2.db)) == 30
    assert a2.sync().pulled == 0
    history = SyncService(a1.db).history()
    assert sum(1 for h in history if h.direction == "out" and h.file_name == live.url) == pushed.batches


def test_a_lost_answer_is_pushed_again_and_applied_once(
        live: LiveServer, city: CityServer, computers: Computers) -> None:
    with lossy_proxy(live.url) as proxy:
        a1 = join(city, proxy.url, computers.new("a1"), COMMUNITY_A)
        a2 = join(city, proxy.url, computers.new("a2"), COMMUNITY_A, init=False)
        for i in range(3):
            RegistryService(a1.db).create("compound", {"name": f"小区{i}"})
        proxy.faults.append(Fault("/push", "drop"))
        proxy.faults.append(Fault("/pull", "refuse"))
        result = a1.sync()
        pushes = [status for path, status in proxy.seen if path.endswith("/push")]
        assert pushes == [200, 200], "the batch went twice: once lost, once answered"
        assert result.pushed == 4 and pending(a1.db) == 0
        assert ("/api/v1/pull", 503) in proxy.seen
        a2.sync()
    total, distinct = server_changes(city)
    assert total == distinct
    assert set(compounds(a2.db)) == {"小区0", "小区1", "小区2"} and compound_rows(a2.db) == 3


def test_a_slow_server_times_out_and_the_batch_is_applied_once(
        live: LiveServer, city: CityServer, computers: Computers) -> None:
    with lossy_proxy(live.url) as proxy:
        a1 = join(city, proxy.url, computers.new("a1"), COMMUNITY_A, timeout=httpx.Timeout(1.0))
        for i in range(3):
            RegistryService(a1.db).create("compound", {"name": f"小区{i}"})
        # The server applies the batch, but its answer comes after the client stopped waiting.
        proxy.faults.append(Fault("/push", "slow", delay_s=3.0))
        result = a1.sync()
        assert result.pushed == 4 and pending(a1.db) == 0
        assert [s for path, s in proxy.seen if path.endswith("/push")] == [200, 200]
    total, distinct = server_changes(city)
    assert total == distinct
    with city.session() as session:
        held = list(session.scalars(select(Compound.name).where(Compound.community_id == a1.db.community_id)))
    assert sorted(held) == ["小区0", "小区1", "小区2"]


def test_the_server_killed_during_a_push_and_started_again(
        server_url: str, city: CityServer, computers: Computers, tmp_path: Path) -> None:
    port = free_port()
    servers: list[LiveServer] = []

    def kill() -> None:
        os.killpg(servers[-1].proc.pid, signal.SIGKILL)
        servers[-1].proc.wait()

    with lossy_proxy(f"http://127.0.0.1:{port}") as proxy:
        with live_server(server_url, tmp_path) as first:
            proxy.target = first.url
            servers.append(first)
            a1 = join(city, proxy.url, computers.new("a1"), COMMUNITY_A)
            a2 = join(city, proxy.url, computers.new("a2"), COMMUNITY_A, init=False)
            a1.sync()
            for i in range(4):
                RegistryService(a1.db).create("compound", {"name": f"小区{i}"})
            waiting = pending(a1.db)
            proxy.faults.append(Fault("/push", "kill", before=kill))
            with pytest.raises(NetworkError) as failed:
                a1.sync()
            assert failed.value.code == "offline"
            assert pending(a1.db) == waiting, "a change left the queue without the server's answer"
        # Edits go on while the server is down.
        RegistryService(a1.db).create("compound", {"name": "停机时小区"})
        with pytest.raises(NetworkError):
            a1.sync()
        with live_server(server_url, tmp_path) as second:
            proxy.target = second.url
            result = a1.sync()
            assert result.pushed == waiting + 1 and pending(a1.db) == 0
            a2.sync()
    assert set(compounds(a2.db)) == {"小区0", "小区1", "小区2", "小区3", "停机时小区"}
    total, distinct = server_changes(city)
    assert total == distinct


def test_a_wrong_token_stops_the_exchange_and_says_enrol_again(
        live: LiveServer, city: CityServer, computers: Computers) -> None:
    net = join(city, live.url, computers.new("a1"), COMMUNITY_A)
    RegistryService(net.db).create("compound", {"name": "小区"})
    waiting = pending(net.db)
    with net.db.session() as session:
        net.db.set_state(session, NETWORK_KEY, json.dumps(net._store(live.url, "not-the-token", None)))
    with pytest.raises(NetworkError) as failed:
        net.sync()
    assert failed.value.code == "enrol_again" and "enrol it again" in str(failed.value)
    assert pending(net.db) == waiting


def move_to_other_community(db: Database, other: Database) -> None:
    """Make the one waiting change write a record of ``other``'s community (as a damaged copy might)."""
    assert other.community_id is not None
    with db.session() as session:
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.acked_at.is_(None))).one()
        fields = json.loads(entry.fields)
        fields["community_id"] = other.community_id
        entry.fields, entry.community_id = json.dumps(fields, ensure_ascii=False), other.community_id


def test_another_communitys_records_are_refused_kept_and_do_not_block_the_rest(
        live: LiveServer, city: CityServer, computers: Computers) -> None:
    a1 = join(city, live.url, computers.new("a1"), COMMUNITY_A, batch_changes=2)
    b1 = join(city, live.url, computers.new("b1"), COMMUNITY_B)
    a1.sync()
    b1.sync()
    # A change in a1's outbox that writes a record of community B (as a damaged copy might hold).
    RegistryService(a1.db).create("compound", {"name": "越界小区"})
    move_to_other_community(a1.db, b1.db)
    for i in range(3):
        RegistryService(a1.db).create("compound", {"name": f"小区{i}"})
    result = a1.sync()
    assert len(result.refused) == 1
    refused = result.refused[0]
    assert refused.status == 403 and refused.code == "forbidden_record" and refused.message
    # Batches of two: the refused one holds the bad change and 小区0; the next one went through.
    assert result.pushed == 2 and pending(a1.db) == refused.changes == 2
    with city.session() as session:
        held = set(session.scalars(select(Compound.name).where(Compound.community_id == a1.db.community_id)))
    assert {"小区1", "小区2"} <= held and not {"越界小区", "小区0"} & held
    history = SyncService(a1.db).history()
    assert any(h.status == "refused" for h in history)
    assert "越界小区" not in compounds(b1.db)
    # The next exchange tries the refused batch again (it is still refused) and nothing else is lost.
    again = a1.sync()
    assert len(again.refused) == 1 and again.pushed == 0 and pending(a1.db) == 2
    assert sum(h.status == "refused" for h in SyncService(a1.db).history()) == 1


def test_a_clock_far_from_the_servers_is_reported_with_both_times(
        live: LiveServer, city: CityServer, computers: Computers) -> None:
    net = join(city, live.url, computers.new("a1"), COMMUNITY_A)
    ahead = NetworkSync(net.db, retry=FAST, clock=lambda: datetime.now(UTC) + timedelta(minutes=20))
    RegistryService(net.db).create("compound", {"name": "小区"})
    waiting = pending(net.db)
    with pytest.raises(NetworkError) as failed:
        ahead.sync()
    assert failed.value.code == "clock_skew" and failed.value.params["minutes"] in (19, 20)
    assert failed.value.params["here"] != failed.value.params["server"]
    assert pending(net.db) == waiting


def test_an_unreachable_server_is_offline_after_the_retries(computers: Computers, city: CityServer,
                                                           tmp_path: Path) -> None:
    db = computers.new("a1")
    RegistryService(db).create_community(dict(COMMUNITY_A))
    issued = city.add_community(COMMUNITY_A["code"], COMMUNITY_A["name"], COMMUNITY_A["district"],
                                COMMUNITY_A["street"], COMMUNITY_A["city"])
    waits: list[float] = []
    net = NetworkSync(db, retry=RetryPolicy(attempts=4, base_s=1.0, cap_s=3.0), sleep=waits.append,
                      rng=random.Random(1))
    with pytest.raises(NetworkError) as failed:
        net.enrol(issued.code, f"http://127.0.0.1:{free_port()}")
    assert failed.value.code == "offline" and not net.configured
    assert len(waits) == 3 and all(0 <= w <= cap for w, cap in zip(waits, (1, 2, 3), strict=True))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "community-ledger-cli"), *args], capture_output=True, text=True,
                          timeout=180)


def test_the_command_line_enrols_and_syncs(live: LiveServer, city: CityServer, computers: Computers,
                                           tmp_path: Path) -> None:
    db = computers.new("a1")
    RegistryService(db).create_community(dict(COMMUNITY_A))
    RegistryService(db).create("compound", {"name": "小区"})
    issued = city.add_community(COMMUNITY_A["code"], COMMUNITY_A["name"], COMMUNITY_A["district"],
                                COMMUNITY_A["street"], COMMUNITY_A["city"])
    path = str(db.path)
    db.close()
    done = cli("--db", path, "enroll", "--code", issued.code, "--server", live.url)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["community_code"] == COMMUNITY_A["code"]
    synced = cli("--db", path, "sync")
    assert synced.returncode == 0, synced.stderr
    body = json.loads(synced.stdout)
    assert body["pushed"] == 2 and body["pulled"] >= 0 and body["conflicts"] == 0
    assert all(type(body[k]) is int for k in ("pushed", "pulled", "conflicts"))
    again = json.loads(cli("--db", path, "sync").stdout)
    assert again["pushed"] == 0


def test_the_command_line_says_in_one_line_when_the_server_cannot_be_reached(
        server_url: str, city: CityServer, computers: Computers, tmp_path: Path) -> None:
    with live_server(server_url, tmp_path) as server:
        db = computers.new("a1")
        join(city, server.url, db, COMMUNITY_A)
    RegistryService(db).create("compound", {"name": "小区"})
    waiting = pending(db)
    path = str(db.path)
    failed = cli("--db", path, "sync")
    assert failed.returncode != 0 and failed.stdout == ""
    assert failed.stderr.count("\n") == 1 and "cannot be reached" in failed.stderr
    assert pending(db) == waiting
    unknown = cli("--db", path, "enroll", "--code", "CLE1-nonsense", "--server", "http://127.0.0.1:1")
    assert unknown.returncode != 0 and unknown.stderr.count("\n") == 1


def test_the_command_line_reports_a_refused_batch(live: LiveServer, city: CityServer, computers: Computers,
                                                  tmp_path: Path) -> None:
    a1 = join(city, live.url, computers.new("a1"), COMMUNITY_A)
    b1 = join(city, live.url, computers.new("b1"), COMMUNITY_B)
    a1.sync()
    b1.sync()
    RegistryService(a1.db).create("compound", {"name": "小区"})
    move_to_other_community(a1.db, b1.db)
    path = str(a1.db.path)
    failed = cli("--db", path, "sync")
    assert failed.returncode != 0
    assert failed.stderr.count("\n") == 1 and "forbidden_record" in failed.stderr
    assert json.loads(failed.stdout)["pushed"] == 0
    assert pending(a1.db) == 1
