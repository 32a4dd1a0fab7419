"""Admission control of pushes: a server process with more pushes at once than it applies answers
the extra ones at once with 429 and a Retry-After, and the computers' exchanges still finish with
every change held once; the app waits a busy server out within bounded attempts and time."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import orjson
import pytest
from sqlalchemy import func, select

from app.db.database import Database
from app.models import PartyMember
from app.progress import QUIET
from app.services.registry import RegistryService
from app.sync.changes import ChangeLog
from app.sync.network import NetworkError, NetworkSync, RetryPolicy
from app.sync.status import NETWORK_KEY
from server.city import CityServer
from server.models import ServerChange

from .conftest import Computers
from .http_server import live_server
from .test_network_sync import pending, server_changes

COMMUNITIES = 6
MEMBERS = 400
PATIENT = RetryPolicy(attempts=4, base_s=0.05, cap_s=0.2, busy_attempts=200, budget_s=120)


def community(c: int) -> dict[str, str]:
    return {"code": f"22080299{c}", "name": f"测试{c}社区", "street": "明仁街道", "district": "洮北区",
            "city": "白城市", "org_kind": "committee"}


def with_members(db: Database, c: int) -> None:
    RegistryService(db).create_community(community(c))
    rows = [{"name": f"党员{c}{i:04d}", "gender": "male" if i % 2 else "female",
             "birth_date": date(1970, 1, 1), "phone": "", "id_number": "",
             "community_id": db.community_id} for i in range(MEMBERS)]
    with db.session() as session:
        ChangeLog(db, session).bulk_created(PartyMember, rows)


@pytest.mark.slow
def test_pushes_beyond_the_limit_are_turned_away_at_once_and_the_exchanges_still_finish(
        server_url: str, city: CityServer, computers: Computers, tmp_path: Path) -> None:
    env = {"LEDGER_IMPORTS_AT_ONCE": "1", "LEDGER_IMPORT_WAIT_MS": "0"}
    with live_server(server_url, tmp_path, env=env) as live:
        nets = []
        for c in range(COMMUNITIES):
            db = computers.new(f"c{c}")
            with_members(db, c)
            place = community(c)
            issued = city.add_community(place["code"], place["name"], place["district"], place["street"],
                                        place["city"])
            net = NetworkSync(db, retry=PATIENT, rng=random.Random(c))
            net.enrol(issued.code, live.url)
            nets.append(net)
        # Every computer's first batch, sent at one instant as raw bytes.
        ready = [(net.service.outgoing(1000).data,
                  net._token(orjson.loads(net.db.get_state(NETWORK_KEY) or "{}"))) for net in nets]
        barrier = threading.Barrier(len(ready))
        answers: list[tuple[int, float, str | None]] = []

        def push(item: tuple[bytes, str]) -> None:
            data, token = item
            with httpx.Client(base_url=live.url, timeout=60) as http:
                http.get("/api/v1/status")
                barrier.wait(30)
                start = time.perf_counter()
                answer = http.post("/api/v1/push", content=data, headers={
                    "Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream"})
                answers.append((answer.status_code, time.perf_counter() - start,
                                answer.headers.get("Retry-After")))

        threads = [threading.Thread(target=push, args=(item,)) for item in ready]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        statuses = sorted(a[0] for a in answers)
        assert len(answers) == COMMUNITIES and set(statuses) <= {200, 429} and 200 in statuses
        turned_away = [a for a in answers if a[0] == 429]
        assert turned_away, "one import at once: the others that came together are turned away"
        slowest_applied = max(a[1] for a in answers if a[0] == 200)
        for _status, seconds, retry_after in turned_away:
            assert seconds < 1.0 and seconds < slowest_applied, "a 429 does not wait for the import"
            assert retry_after is not None and 1 <= int(retry_after) <= 30
        # The answered batches were never acknowledged here, as when the answer is lost: the
        # exchange finds them held (or sends them again, applied once), the turned-away ones are
        # sent, and every exchange finishes despite 429s on the way.
        results: list[int] = []

        def run(net: NetworkSync) -> None:
            results.append(net.sync().pushed)

        threads = [threading.Thread(target=run, args=(net,)) for net in nets]
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)
        assert len(results) == COMMUNITIES and set(results) <= {0, MEMBERS + 1}
        assert results.count(MEMBERS + 1) >= len(turned_away)
        assert all(pending(net.db) == 0 for net in nets)
    total, distinct = server_changes(city)
    with city.session() as session:
        sent = int(session.scalar(select(func.count()).select_from(ServerChange).where(
            ServerChange.source_node.in_([net.db.node_id for net in nets]))) or 0)
    assert total == distinct and sent == COMMUNITIES * (MEMBERS + 1)


@contextmanager
def always_busy(answers: list[tuple[int, str]]) -> Iterator[str]:
    """A server on 127.0.0.1 answering ``answers`` in turn (status, Retry-After), then 200."""
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:  # noqa: N802
            status, retry_after = answers.pop(0) if answers else (200, "")
            payload = b'{"error": "too_many_pushes", "params": {}}' if status != 200 else b"{}"
            self.send_response(status)
            if retry_after:
                self.send_header("Retry-After", retry_after)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def ask(net: NetworkSync, url: str) -> int:
    with net._client(url) as client:
        return net._request(client, url, "GET", "/status", QUIET).status_code


def test_a_429_is_waited_out_as_long_as_the_server_says_plus_jitter(computers: Computers) -> None:
    slept: list[float] = []
    policy = RetryPolicy(attempts=2, base_s=0.5, busy_attempts=10, budget_s=60)
    net = NetworkSync(computers.new("a"), retry=policy, sleep=slept.append, rng=random.Random(1))
    # More busy answers than ``attempts``: a busy server is not a failing one.
    with always_busy([(429, "3"), (429, "3"), (503, "2")]) as url:
        assert ask(net, url) == 200
    assert len(slept) == 3
    assert all(3 <= s <= 3.5 for s in slept[:2]) and 2 <= slept[2] <= 2.5
    assert len(set(slept)) == 3, "the jitter spreads computers told the same time"


def test_a_server_busy_for_ever_is_given_up_within_the_attempts_and_the_time_budget(
        computers: Computers) -> None:
    slept: list[float] = []
    by_attempts = NetworkSync(computers.new("a"), sleep=slept.append, rng=random.Random(2),
                              retry=RetryPolicy(base_s=0.1, busy_attempts=4, budget_s=600))
    with always_busy([(429, "1")] * 50) as url, pytest.raises(NetworkError) as raised:
        ask(by_attempts, url)
    assert raised.value.code == "server_error" and raised.value.params["status"] == 429
    assert len(slept) == 3
    slept.clear()
    by_time = NetworkSync(computers.new("b"), sleep=slept.append, rng=random.Random(3),
                          retry=RetryPolicy(base_s=0.1, busy_attempts=100, budget_s=10))
    with always_busy([(429, "3")] * 50) as url, pytest.raises(NetworkError):
        ask(by_time, url)
    assert len(slept) == 3 and sum(slept) <= 10
