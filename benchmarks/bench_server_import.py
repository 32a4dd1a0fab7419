"""The city server's import alone: packages applied one after another in this process, on PostgreSQL.

C communities (as in ``bench_load.py``) each make one package of N changes (N - 1 party members and
the community record), sealed to the server; the timed part is ``CityServer.import_bytes`` of each,
in turn, on one thread: every check and the whole apply, without HTTP, the web service or clients.
Baseline, in the same run: ``bench_load.raw_baseline``, plain psycopg ``executemany`` of the change
rows the server now holds, 1,000 per transaction.  Loopback only.
Usage: ``python benchmarks/bench_server_import.py --pg URL [--communities C] [--changes N]``.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import make_computers, raw_baseline  # noqa: E402

from app.sync.service import SyncService  # noqa: E402
from server.city import CityServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=os.environ.get("LEDGER_TEST_PG_URL"))
    parser.add_argument("--communities", type=int, default=50)
    parser.add_argument("--changes", type=int, default=1000)
    args = parser.parse_args()
    if not args.pg:
        raise SystemExit("--pg URL (or LEDGER_TEST_PG_URL) is required")
    base_url = make_url(args.pg)
    name = f"bench_import_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        url = base_url.set(database=name).render_as_string(hide_password=False)
        city = CityServer(url)
        computers = make_computers(work, city, args.communities, args.changes)
        packages = []
        for first, second, code, _code2 in computers:
            svc = SyncService(first)
            svc.enroll(code)
            packages.append(svc.outgoing(args.changes).data)
            first.close()
            second.close()
        cpu, start = time.process_time(), time.perf_counter()
        for data in packages:
            city.import_bytes(data)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        city.close()
        sent = args.communities * args.changes
        raw_rows, raw_s = raw_baseline(url, 1000)
        print(f"server import, {args.communities} packages of {args.changes} changes in turn: {wall:.2f} s "
              f"= {sent / wall:,.0f} changes/s, {wall / len(packages) * 1000:.0f} ms a package "
              f"(this process's CPU {cpu:.2f} s; load average {os.getloadavg()[0]:.1f})")
        print(f"baseline, raw psycopg executemany of the same {raw_rows} change rows, 1,000 per transaction: "
              f"{raw_s:.2f} s = {raw_rows / raw_s:,.0f} rows/s")
        print(f"server import = {sent / wall / (raw_rows / raw_s):.0%} of the raw insert speed")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


if __name__ == "__main__":
    main()
