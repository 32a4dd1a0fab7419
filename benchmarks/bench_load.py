"""Load: many communities syncing at once with ``community-ledger-server serve`` on PostgreSQL.

C communities (two computers each, made from one migrated template) enrol over HTTP.  Then, all at
once, the first computer of every community runs one exchange (``NetworkSync.sync``) pushing N
changes (N - 1 party members and the community record); then, all at once, the second computer of
every community runs one exchange pulling them.  Every request is timed in its transport; a push
the server turns away at once (429 with ``Retry-After``, admission control) is counted and timed apart
from the requests it served, and the phase's wall time includes the waits it asked for.  The
server must then hold exactly the changes sent, and every second computer exactly its community's.

Baseline, in the same run: the server's change rows inserted with plain psycopg ``executemany``
into a table of the same columns, key and indexes, in transactions of one batch (1,000) each, on
one connection.  The clients run in this process (threads), on the same cores as the server and
PostgreSQL, so their work (sealing and signing packages, applying pages) is part of every figure.

Loopback only; bounded: every request has a timeout and the run a deadline.
Usage: ``python benchmarks/bench_load.py --pg postgresql+psycopg://USER:PASS@127.0.0.1:5432/DB
[--communities C] [--changes N] [--workers W] [--batch B]`` (a database of its own is created beside DB and
dropped afterwards; the role needs CREATEDB).
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import httpx
import orjson
import psycopg
from sqlalchemy import create_engine, func, make_url, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db.database import Database  # noqa: E402
from app.db.engine import make_engine  # noqa: E402
from app.db.migrate import upgrade  # noqa: E402
from app.models import PartyMember  # noqa: E402
from app.services.registry import RegistryService  # noqa: E402
from app.sync.changes import ChangeLog  # noqa: E402
from app.sync.network import NetworkSync, RetryPolicy, SyncResult  # noqa: E402
from app.sync.service import OutgoingBatch  # noqa: E402
from app.sync.status import NETWORK_KEY  # noqa: E402
from server.city import CityServer  # noqa: E402
from server.models import ServerChange  # noqa: E402

BIN = Path(sys.executable).parent
DEADLINE_S = 1800
REQUEST_TIMEOUT = httpx.Timeout(120.0, connect=10.0)


Timing = tuple[str, int, float]


class TimedTransport(httpx.HTTPTransport):
    """Records how long each request took, by path and status."""

    def __init__(self, sink: list[Timing], lock: threading.Lock) -> None:
        super().__init__()
        self.sink = sink
        self.lock = lock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        start = time.perf_counter()
        response = super().handle_request(request)
        response.read()
        elapsed = time.perf_counter() - start
        with self.lock:
            self.sink.append((request.url.path.rsplit("/", 1)[-1], response.status_code, elapsed))
        return response


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen([str(BIN / "community-ledger-server"), "--db", url, "serve",
                             "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(base + "/api/v1/status", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    raise SystemExit("the server did not start")


Pair = tuple[Database, Database, str, str]


def make_computers(work: Path, city: CityServer, communities: int, changes: int) -> list[Pair]:
    """Two computers of each community (the first with the changes to send) and their codes."""
    template = work / "template.sqlite"
    engine = make_engine(template)
    upgrade(engine, template)
    engine.dispose()
    made: list[Pair] = []
    for c in range(communities):
        code = f"2208{c:05d}"
        values = {"code": code, "name": f"社区{c:03d}", "street": f"街道{c % 10}", "district": "洮北区",
                  "city": "白城市", "org_kind": "committee"}
        pair = []
        for pc in (1, 2):
            path = work / f"c{c:03d}-pc{pc}.sqlite"
            shutil.copyfile(template, path)
            pair.append(Database.open(path))
        first, second = pair
        RegistryService(first).create_community(dict(values))
        rows = [{"name": f"党员{c:03d}{i:05d}", "gender": "male" if i % 2 else "female",
                 "birth_date": date(1970, 1, 1), "phone": f"138{i:08d}", "id_number": "",
                 "community_id": first.community_id} for i in range(changes - 1)]
        with first.session() as session:
            ChangeLog(first, session).bulk_created(PartyMember, rows)
        codes = [city.add_community(code, values["name"], values["district"], values["street"]).code
                 for _ in (1, 2)]
        made.append((first, second, codes[0], codes[1]))
    return made


def raw_baseline(url: str, batch: int) -> tuple[int, float]:
    """The server's change rows inserted again with plain psycopg, one transaction per batch."""
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as conn:
        rows = conn.execute("SELECT change_id, table_name, record_id, community_id, op, hlc, fields, "
                            "source_node FROM server_change ORDER BY seq").fetchall()
        # The columns, key, unique id and index of server_change.
        conn.execute("CREATE TEMP TABLE raw_change (seq serial PRIMARY KEY, change_id varchar(36) UNIQUE, "
                     "table_name varchar(50), record_id varchar(36), community_id varchar(36), "
                     "op varchar(10), hlc varchar(48), fields text, source_node varchar(32), "
                     "received_at timestamp)")
        conn.execute("CREATE INDEX ON raw_change (community_id)")
        conn.commit()
        start = time.perf_counter()
        for i in range(0, len(rows), batch):
            with conn.cursor() as cur:
                cur.executemany("INSERT INTO raw_change (change_id, table_name, record_id, community_id, op, "
                                "hlc, fields, source_node, received_at) "
                                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, now())", rows[i:i + batch])
            conn.commit()
        return len(rows), time.perf_counter() - start


def push_prebuilt(clients: list[NetworkSync], server: str) -> tuple[int, float]:
    """Every first computer's changes packed beforehand, then pushed all at once as raw bytes."""
    ready = []
    for net in clients:
        batch = net.service.outgoing(1000)
        token = net._token(orjson.loads(net.db.get_state(NETWORK_KEY) or "{}"))
        ready.append((net, batch, token))

    def push(item: tuple[NetworkSync, OutgoingBatch, str]) -> int:
        net, batch, token = item
        with httpx.Client(base_url=server, timeout=REQUEST_TIMEOUT, transport=net.transport) as http:
            for _ in range(100):
                answer = http.post("/api/v1/push", content=batch.data,
                                   headers={"Authorization": f"Bearer {token}",
                                            "Content-Type": "application/octet-stream"})
                if answer.status_code != 429:
                    break
                time.sleep(float(answer.headers["Retry-After"]) + random.uniform(0, 0.5))
        assert answer.status_code == 200, answer.text
        accepted = answer.json()["accepted"]
        net.service.acknowledge_sent(batch, accepted["first"], accepted["last"], {"status": "pushed"}, server)
        return batch.header.change_count

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(ready)) as pool:
        sent = sum(pool.map(push, ready, timeout=DEADLINE_S))
    return sent, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=os.environ.get("LEDGER_TEST_PG_URL"), required=False)
    parser.add_argument("--communities", type=int, default=100)
    parser.add_argument("--changes", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=1000, help="changes per push request")
    parser.add_argument("--prebuilt", action="store_true",
                        help="build every package before the push phase and send the bytes only, so the "
                             "push phase measures the server without the clients' packing")
    args = parser.parse_args()
    if not args.pg:
        raise SystemExit("--pg URL (or LEDGER_TEST_PG_URL) is required")
    base_url = make_url(args.pg)
    name = f"bench_load_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = base_url.set(database=name).render_as_string(hide_password=False)
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    proc = None
    try:
        city = CityServer(url)
        t0 = time.perf_counter()
        computers = make_computers(work, city, args.communities, args.changes)
        print(f"{args.communities} communities x 2 computers made in {time.perf_counter() - t0:.1f} s")
        proc, server = start_server(url, args.workers)
        timings: list[Timing] = []
        lock = threading.Lock()
        retry = RetryPolicy(attempts=5, base_s=0.5, cap_s=10.0, busy_attempts=100, budget_s=DEADLINE_S / 2)

        def client(db: Database) -> NetworkSync:
            return NetworkSync(db, retry=retry, timeout=REQUEST_TIMEOUT, batch_changes=args.batch,
                               transport=TimedTransport(timings, lock))

        for first, second, code1, code2 in computers:
            client(first).enrol(code1, server)
            client(second).enrol(code2, server)
        timings.clear()

        def run_all(dbs: list[Database]) -> tuple[list[SyncResult], float]:
            # Made before the clock starts: each transport loads the system's certificates (tens
            # of milliseconds, in this one process), which a computer of its own does on its own.
            clients = [client(db) for db in dbs]
            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=len(dbs)) as pool:
                futures = [pool.submit(net.sync) for net in clients]
                results = [f.result(timeout=DEADLINE_S) for f in futures]
            return results, time.perf_counter() - start

        if args.prebuilt:
            sent, push_s = push_prebuilt([client(c[0]) for c in computers], server)
            pushes: list[SyncResult] = []
        else:
            pushes, push_s = run_all([c[0] for c in computers])
            sent = sum(r.pushed for r in pushes)
        push_timings = list(timings)
        timings.clear()
        pulls, pull_s = run_all([c[1] for c in computers])
        pull_timings = list(timings)

        received = sum(r.pulled for r in pulls)
        with city.session() as session:
            held = int(session.scalar(select(func.count()).select_from(ServerChange).where(
                ServerChange.source_node.in_([c[0].node_id for c in computers]))) or 0)
            distinct = int(session.scalar(select(func.count(func.distinct(ServerChange.change_id)))) or 0)
            total = int(session.scalar(select(func.count()).select_from(ServerChange)) or 0)
        city.close()
        members = [int(c[1].engine.connect().exec_driver_sql(
            "SELECT count(*) FROM party_member").scalar() or 0) for c in computers]
        assert sent == args.communities * args.changes, (sent, args.communities * args.changes)
        assert held == sent and distinct == total, (held, sent, distinct, total)
        assert all(m == args.changes - 1 for m in members), members[:5]
        assert not any(r.refused for r in pushes)
        assert all(c[0].get_state(NETWORK_KEY) for c in computers)

        raw_rows, raw_s = raw_baseline(url, 1000)

        def line(label: str, rows: list[Timing]) -> str:
            values = [t for _, _, t in rows]
            if not values:
                return f"{label}: none"
            return (f"{label}: {len(values)}, p50 {percentile(values, 0.5) * 1000:.0f} ms, "
                    f"p99 {percentile(values, 0.99) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms")

        def served(rows: list[Timing], path: str | None = None) -> list[Timing]:
            return [t for t in rows if t[1] < 400 and (path is None or t[0] == path)]

        def busy(rows: list[Timing]) -> list[Timing]:
            return [t for t in rows if t[1] in (429, 503)]

        everything = push_timings + pull_timings
        print(f"{args.communities} communities at once, {args.changes} changes each, server on PostgreSQL "
              f"with {args.workers} workers, {args.batch} changes per push request"
              + (" (packages built before the push phase)" if args.prebuilt else ""))
        print(f"push phase: {sent} changes in {push_s:.2f} s wall time = {sent / push_s:,.0f} changes/s")
        print(line("  push requests served", served(push_timings, "push")))
        print(line("  push requests answered 429/503 (sent again after Retry-After)", busy(push_timings)))
        print(line("  all requests served in the phase (status, pull, push)", served(push_timings)))
        print(f"pull phase: {received} changes in {pull_s:.2f} s wall time = "
              f"{received / pull_s:,.0f} changes/s")
        print(line("  pull requests served", served(pull_timings, "pull")))
        print(line("  requests answered 429/503", busy(pull_timings)))
        print(line("  all requests served in the phase", served(pull_timings)))
        print(line("all requests served", served(everything)))
        others = [t for t in everything if t[1] >= 400 and t[1] not in (429, 503)]
        print(f"all {args.communities * 2} exchanges: {push_s + pull_s:.2f} s wall time; "
              f"{len(busy(everything))} answers 429/503, {len(others)} other refusals")
        print(f"baseline, raw psycopg executemany of the same {raw_rows} change rows, 1,000 per transaction: "
              f"{raw_s:.2f} s = {raw_rows / raw_s:,.0f} rows/s")
        print(f"server ingest over HTTP = {sent / push_s / (raw_rows / raw_s):.0%} of the raw insert speed")
        print(f"server holds {held} changes of the pushing computers, {distinct} distinct of {total}; "
              f"every second computer holds its {args.changes - 1} members")
        for first, second, _c1, _c2 in computers:
            first.close()
            second.close()
    finally:
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


if __name__ == "__main__":
    main()
