"""On PostgreSQL, pushes of different communities run side by side, yet the change sequence is handed
out in commit order: a pull made while one push is still committing never skips its changes."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from app.services.registry import RegistryService
from app.sync.service import SyncService
from app.sync.status import SERVER_SEQ_KEY
from server.city import CityServer
from server.exchange import Caller, NetworkSync

from .conftest import COMMUNITY_A, COMMUNITY_B, Computers, enrol

pytestmark = pytest.mark.postgres
WAIT_S = 30


def caller(svc: SyncService) -> Caller:
    assert svc.db.community_id is not None
    return Caller(svc.db.node_id, svc.db.community_id)


def waiting_for_the_sequence(city: CityServer) -> int:
    with city.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                     "AND NOT granted")).scalar() or 0)


def test_a_pull_never_skips_a_change_committed_after_a_later_one(
        pg_run_url: str, computers: Computers, tmp_path: Path) -> None:
    from .conftest import reset_pg

    reset_pg(pg_run_url)
    city = CityServer(pg_run_url)
    try:
        a1, a2, b1 = computers.new("a1"), computers.new("a2"), computers.new("b1")
        s_a1 = enrol(city, a1, COMMUNITY_A)
        s_a2 = enrol(city, a2, COMMUNITY_A, init=False)
        s_b1 = enrol(city, b1, COMMUNITY_B)
        sync = NetworkSync(city)
        for svc in (s_a1, s_a2, s_b1):  # the computers are known to the server
            sync.push(caller(svc), svc.export(tmp_path).path.read_bytes())
        for i in range(20):
            RegistryService(a1).create("compound", {"name": f"阳光小区{i:02d}"})
            RegistryService(b1).create("compound", {"name": f"江南小区{i:02d}"})
        a_package = s_a1.export(tmp_path).path.read_bytes()
        b_package = s_b1.export(tmp_path).path.read_bytes()

        # a1's push stops right after it has appended its changes to the sequence, before it commits.
        at_commit, go_on = threading.Event(), threading.Event()

        def hold(_conn: Any) -> None:
            # The import's commit is the first of the push's thread; the changes are appended then.
            if threading.current_thread().name == "push-a1" and not at_commit.is_set():
                at_commit.set()
                go_on.wait(WAIT_S)

        event.listen(city.engine, "commit", hold)
        finished: dict[str, float] = {}
        failures: list[BaseException] = []

        def run(name: str, svc: SyncService, data: bytes) -> None:
            try:
                sync.push(caller(svc), data)
                finished[name] = time.monotonic()
            except BaseException as exc:  # reported below
                failures.append(exc)

        pushes = [threading.Thread(target=run, name="push-a1", args=("a1", s_a1, a_package)),
                  threading.Thread(target=run, name="push-b1", args=("b1", s_b1, b_package))]
        pushes[0].start()
        assert at_commit.wait(WAIT_S)
        pushes[1].start()
        # b1's push applies its changes beside a1's (another community's lock) and then waits for
        # the sequence, which a1 holds until it commits.
        deadline = time.monotonic() + WAIT_S
        while waiting_for_the_sequence(city) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert waiting_for_the_sequence(city) == 1
        assert "b1" not in finished
        # a2 pulls now: it sees neither push yet.
        early = sync.pull(caller(s_a2), 0)
        s_a2.import_bytes(early.data)
        released = time.monotonic()
        go_on.set()
        for t in pushes:
            t.join(WAIT_S)
        event.remove(city.engine, "commit", hold)
        assert not failures, failures
        assert finished["b1"] >= released and finished["a1"] >= released

        for _page in range(10):
            page = sync.pull(caller(s_a2), int(a2.get_state(SERVER_SEQ_KEY) or 0))
            s_a2.import_bytes(page.data)
            if not page.more:
                break
        names = {label for _id, label in RegistryService(a2).options("compound")}
        assert names == {f"阳光小区{i:02d}" for i in range(20)}
    finally:
        city.close()
