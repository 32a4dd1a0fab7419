"""Ledger benchmark on the ``city`` demo database: the home dashboard and every ledger list.

For each ledger list, ``RegistryService.list_query(kind)`` count + first 200 rows of the current
community, next to a raw ``sqlite3`` count + 200 rows of the same table; the dashboard's counts
and to-do list next to raw ``sqlite3`` counts of the same tables.  Each side runs in its own
child process.  Usage: ``python benchmarks/bench_ledgers.py [--db PATH] [--rebuild] [--rounds N]``.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import city_db, fmt, median, ms, print_table, run_json  # noqa: E402

PAGE = 200
GOAL_MS = 200.0
# List kind -> table of the same rows.
LISTS = {
    "meeting": "meeting",
    "appeal": "appeal",
    "secretary_project": "secretary_project",
    "compound_guarantee": "compound_guarantee",
    "workday_visit": "workday_visit",
    "organ": "organ",
    "cadre": "cadre",
    "cobuild_item": "cobuild_item",
    "fund": "fund",
    "fund_entry": "fund_entry",
    "training_record": "training_record",
    "calendar_day": "calendar_day",
}
DASHBOARD_TABLES = ("compound_guarantee", "party_group", "homeowner_committee", "red_property_branch",
                    "secretary_project", "project_milestone", "appeal", "workday_visit", "meeting",
                    "training_record")


def child_service(path: Path, rounds: int) -> dict[str, Any]:
    import json  # noqa: F401  (the parent reads one JSON line)

    from app.db.database import Database
    from app.services.dashboard import DashboardService
    from app.services.registry import RegistryService

    db = Database.open(path)
    svc = RegistryService(db)
    lists: dict[str, list[float]] = {}
    totals: dict[str, int] = {}
    for kind in LISTS:
        for _ in range(rounds):
            t = time.perf_counter()
            query = svc.list_query(kind)
            totals[kind] = query.count()
            query.rows(0, PAGE)
            lists.setdefault(kind, []).append(ms(time.perf_counter() - t))
    dash = DashboardService(db)
    board: list[float] = []
    todo = 0
    for _ in range(rounds):
        t = time.perf_counter()
        dash.counts()
        todo = len(dash.todo())
        board.append(ms(time.perf_counter() - t))
    db.close()
    return {"lists": lists, "totals": totals, "dashboard": board, "todo": todo}


def child_raw(path: Path, rounds: int) -> dict[str, Any]:
    con = sqlite3.connect(str(path))
    community = con.execute("SELECT value FROM local_state WHERE key = 'community_id'").fetchone()[0]
    where = "WHERE community_id = ? AND deleted_at IS NULL"
    lists: dict[str, list[float]] = {}
    for kind, table in LISTS.items():
        for _ in range(rounds):
            t = time.perf_counter()
            con.execute(f"SELECT count(*) FROM {table} {where}", (community,)).fetchone()
            con.execute(f"SELECT * FROM {table} {where} ORDER BY id LIMIT ?", (community, PAGE)).fetchall()
            lists.setdefault(kind, []).append(ms(time.perf_counter() - t))
    board: list[float] = []
    for _ in range(rounds):
        t = time.perf_counter()
        for table in DASHBOARD_TABLES:
            con.execute(f"SELECT count(*) FROM {table} {where}", (community,)).fetchone()
        board.append(ms(time.perf_counter() - t))
    con.close()
    return {"lists": lists, "dashboard": board}


def _child(kind: str, path: Path, rounds: int) -> dict[str, Any]:
    data, *_times = run_json([sys.executable, str(Path(__file__).resolve()), "--child", kind,
                            "--db", str(path), "--rounds", str(rounds)])
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="a city demo database (default: the cached one)")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--child", choices=("service", "raw"))
    args = parser.parse_args()
    if args.child:
        import json

        fn = child_service if args.child == "service" else child_raw
        print(json.dumps(fn(args.db, args.rounds)))
        return 0
    path = args.db or city_db(args.seed, args.rebuild)[0]
    service = _child("service", path, args.rounds)
    raw = _child("raw", path, args.rounds)
    print(f"database: {path}; rounds: {args.rounds}; first open, then the median of the rest")
    print()
    rows = [["home dashboard (counts + to-do list)", fmt(service["dashboard"][0]),
             fmt(median(service["dashboard"][1:] or service["dashboard"])),
             fmt(median(raw["dashboard"])), f"< {GOAL_MS:.0f} ms"]]
    for kind in LISTS:
        ours, base = service["lists"][kind], raw["lists"][kind]
        rows.append([f"{kind} list ({service['totals'][kind]:,} rows)", fmt(ours[0]),
                     fmt(median(ours[1:] or ours)), fmt(median(base)), f"< {GOAL_MS:.0f} ms"])
    print_table(["ledger (current community)", "first open", "reopen (median)", "raw sqlite3", "goal"], rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
