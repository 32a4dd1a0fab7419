"""Registry benchmark on the ``city`` demo database (102 communities, ~154,000 party members).

Measures, each next to a raw ``sqlite3`` baseline measured in the same run:

* opening the members list: ``RegistryService.list_query("party_member")`` count + first 200 rows;
* search as you type: each keystroke of a few names sets the search text, counts and fetches the
  first 200 rows (median and 95th percentile per keystroke);
* peak memory of a process doing the above;
* the GUI: ``community-ledger --db PATH --smoke``: the window painted (it paints before the
  ledger is opened), the home view painted with its figures, and the members list painted after
  it, against a bare PySide6 ``QMainWindow`` shown and painted offscreen.

Each side runs in a fresh child process, so imports and memory of one do not colour the other.
Usage: ``python benchmarks/bench_registry.py [--rebuild] [--rounds N] [--gui-runs N] [--no-gui]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    ROOT,
    Stopwatch,
    child_env,
    city_db,
    console_script,
    fmt,
    median,
    ms,
    p95,
    print_table,
    run_json,
)

WORDS = ("张伟", "王秀英", "李建国", "刘淑珍", "幸福家园", "白城市中心医院")
# Names typed in pinyin, full or as initials, one letter at a time.
PINYIN_WORDS = ("zhangwei", "wxy", "lijianguo", "lsz")
PAGE = 200
GOAL_WINDOW_MS = 1000.0
GOAL_WINDOW_RATIO = 5.0
GOAL_LIST_MS = 100.0

RAW_COLUMNS = """
    m.id, m.name, m.gender, m.birth_date, m.status, m.join_date, g.name, c.name, b.number,
    m.phone, m.id_number, m.in_service, m.employer
"""
RAW_FROM = """
    FROM party_member m
    LEFT OUTER JOIN party_group g ON g.id = m.party_group_id
    LEFT OUTER JOIN compound c ON c.id = m.compound_id
    LEFT OUTER JOIN building b ON b.id = m.building_id
    WHERE m.community_id = ? AND m.deleted_at IS NULL
"""
RAW_SEARCH = """
    AND (m.name LIKE ? ESCAPE '\\' OR g.name LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\'
         OR m.employer LIKE ? ESCAPE '\\')
"""
RAW_PINYIN_SEARCH = """
    AND (m.name LIKE ? ESCAPE '\\' OR g.name LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\'
         OR m.employer LIKE ? ESCAPE '\\' OR pinyin_letters(m.name) LIKE ?)
"""

GUI_BASELINE = r"""
import json, resource, sys, time
started = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("社区党建台账"))
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            out = {"window_ms": round((time.perf_counter() - started) * 1000, 1),
                   "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
            QTimer.singleShot(0, lambda: (print(json.dumps(out)), app.quit()))
            obj.removeEventFilter(self)
        return False
f = Painted()
window.centralWidget().installEventFilter(f)
window.show()
QTimer.singleShot(10000, lambda: app.exit(3))
sys.exit(app.exec())
"""


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- children -------------------------------------------------------------------------------


def child_service(path: Path, rounds: int) -> dict[str, Any]:
    started = time.perf_counter()
    from app.db.database import Database
    from app.services.registry import RegistryService

    imported = time.perf_counter()
    db = Database.open(path)
    svc = RegistryService(db)
    opened = time.perf_counter()
    opens: list[tuple[float, float]] = []
    first_ids: list[str] = []
    total = 0
    for _ in range(rounds):
        watch = Stopwatch()
        query = svc.list_query("party_member")
        total = query.count()
        rows = query.rows(0, PAGE)
        opens.append(watch.stop())
        first_ids = [r[0] for r in rows]
    found: dict[str, int] = {}

    def typed(words: tuple[str, ...]) -> list[tuple[float, float]]:
        """Each word typed a character at a time: the time of each keystroke's count and rows."""
        times: list[tuple[float, float]] = []
        for _ in range(rounds):
            for word in words:
                query = svc.list_query("party_member")
                for i in range(1, len(word) + 1):
                    watch = Stopwatch()
                    query.set_search(word[:i])
                    n = query.count()
                    query.rows(0, PAGE)
                    times.append(watch.stop())
                    found[word[:i]] = n
        return times

    keys = typed(WORDS)
    spelled = typed(PINYIN_WORDS)
    db.close()
    return {"import_ms": ms(imported - started), "open_db_ms": ms(opened - imported), "opens": opens,
            "keys": keys, "spelled": spelled, "total": total, "first_ids": first_ids, "found": found,
            "rss_mb": _rss_mb()}


def child_raw(path: Path, rounds: int) -> dict[str, Any]:
    started = time.perf_counter()
    from app.db.collation import register

    con = sqlite3.connect(str(path))
    register(con)  # the app's pinyin order for names, so both sides return the same rows
    community = con.execute("SELECT value FROM local_state WHERE key = 'community_id'").fetchone()[0]
    opened = time.perf_counter()
    opens: list[tuple[float, float]] = []
    first_ids: list[str] = []
    total = 0
    for _ in range(rounds):
        watch = Stopwatch()
        total = con.execute(f"SELECT count(*) {RAW_FROM}", (community,)).fetchone()[0]
        rows = con.execute(f"SELECT {RAW_COLUMNS} {RAW_FROM} ORDER BY pinyin_name_key(m.name), m.id LIMIT ?",
                           (community, PAGE)).fetchall()
        opens.append(watch.stop())
        first_ids = [r[0] for r in rows]
    found: dict[str, int] = {}

    def typed(words: tuple[str, ...], search: str) -> list[tuple[float, float]]:
        """The same keystrokes as the service's, in SQL with ``search`` (each ``?`` the pattern)."""
        times: list[tuple[float, float]] = []
        for _ in range(rounds):
            for word in words:
                for i in range(1, len(word) + 1):
                    watch = Stopwatch()
                    pattern = f"%{_escape(word[:i])}%"
                    params = (community, *[pattern] * search.count("?"))
                    n = con.execute(f"SELECT count(*) {RAW_FROM} {search}", params).fetchone()[0]
                    con.execute(f"SELECT {RAW_COLUMNS} {RAW_FROM} {search}"
                                " ORDER BY pinyin_name_key(m.name), m.id LIMIT ?", (*params, PAGE)).fetchall()
                    times.append(watch.stop())
                    found[word[:i]] = n
        return times

    keys = typed(WORDS, RAW_SEARCH)
    spelled = typed(PINYIN_WORDS, RAW_PINYIN_SEARCH)
    con.close()
    return {"import_ms": 0.0, "open_db_ms": ms(opened - started), "opens": opens, "keys": keys,
            "spelled": spelled, "total": total, "first_ids": first_ids, "found": found, "rss_mb": _rss_mb()}


# --- the run ----------------------------------------------------------------------------------


def _child(kind: str, path: Path, rounds: int) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--db", str(path),
               "--rounds", str(rounds)]
    run_json([*command[:-1], "1"])  # warm-up: bytecode and the file system cache, as on a second start
    data, _wall, _cpu = run_json(command)
    return data


def _gui(path: Path, runs: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | str:
    env = {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    app = console_script("community-ledger", "app")
    try:
        help_text = subprocess.run([*app, "--help"], capture_output=True, text=True,
                                   timeout=60, env=child_env(env)).stdout
    except OSError as exc:
        return f"cannot start community-ledger: {exc}"
    if "--smoke" not in help_text:
        return "community-ledger has no --smoke option yet: GUI figures skipped"
    ours: list[dict[str, Any]] = []
    bare: list[dict[str, Any]] = []
    try:
        run_json([*app, "--db", str(path), "--smoke"], timeout=120, env=env)  # warm-up, not counted
        for _ in range(runs):
            data, wall, cpu = run_json([*app, "--db", str(path), "--smoke"], timeout=120, env=env)
            ours.append({**data, "process_ms": wall, "process_cpu_ms": cpu})
            data, wall, cpu = run_json([sys.executable, "-c", GUI_BASELINE], timeout=60, env=env)
            bare.append({**data, "process_ms": wall, "process_cpu_ms": cpu})
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        return f"GUI figures skipped: {exc}"
    return ours, bare


def ratio(ours: float | None, baseline: float | None) -> str:
    return f"{ours / baseline:.1f}x" if ours and baseline else "-"


def _med(items: list[dict[str, Any]], key: str) -> float | None:
    values = [float(x[key]) for x in items if key in x]
    return median(values) if values else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="use this database instead of the cached city demo")
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--rebuild", action="store_true", help="build the city demo database again")
    parser.add_argument("--rounds", type=int, default=5, help="repeats of each measurement (default 5)")
    parser.add_argument("--gui-runs", type=int, default=5, help="GUI start-ups to time (default 5)")
    parser.add_argument("--no-gui", action="store_true", help="skip the GUI figures")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    parser.add_argument("--child", choices=["service", "raw"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        fn = child_service if args.child == "service" else child_raw
        print(json.dumps(fn(args.db, args.rounds)))
        return 0

    build_s = None
    if args.db:
        path = args.db
    else:
        path, build_s = city_db(args.seed, args.rebuild)
    cli = console_script("community-ledger-cli", "app.cli")
    run_json([*cli, "--db", str(path), "stats", "--json"])  # warm-up, not counted
    stats, stats_ms, stats_cpu = run_json([*cli, "--db", str(path), "stats", "--json"])
    service = _child("service", path, args.rounds)
    raw = _child("raw", path, args.rounds)
    if service["first_ids"] != raw["first_ids"] or service["found"] != raw["found"]:
        print("warning: the service and the raw query returned different rows", file=sys.stderr)
    gui = None if args.no_gui else _gui(path, args.gui_runs)

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"# Registry benchmark ({ROOT.name}, {time.strftime('%Y-%m-%d %H:%M')})")
    print(f"machine: {os.cpu_count()} CPUs, load average {load}; Python {sys.version.split()[0]}")
    print(f"database: {path} ({path.stat().st_size / 2**20:,.0f} MiB); "
          f"{stats['communities']} communities, {stats['compounds']:,} compounds, "
          f"{stats['buildings']:,} buildings, {stats['party_members']:,} party members; "
          f"current community's members list: {service['total']:,} rows")
    if build_s is not None:
        print(f"built the city demo database in {build_s[0]:.1f} s (CPU {build_s[1]:.1f} s)")
    print(f"rounds: {args.rounds}; search words typed one character at a time: {', '.join(WORDS)} "
          f"({len(service['keys'])} keystrokes); in pinyin: {', '.join(PINYIN_WORDS)} "
          f"({len(service['spelled'])} keystrokes)")
    print()
    def pair(samples: list[list[float]], pick: Any) -> str:
        """Wall time, with the CPU time of the same steps in brackets."""
        return f"{fmt(pick([w for w, _c in samples]))} (CPU {fmt(pick([c for _w, c in samples]))})"

    def first(values: list[float]) -> float:
        return values[0]

    def rest(values: list[float]) -> float:
        return median(values[1:] or values)

    goal = f"< {GOAL_LIST_MS:.0f} ms"
    rows = [
        ["members list, first open (count + 200 rows)", pair(service["opens"], first),
         pair(raw["opens"], first), goal],
        ["members list, reopen (median)", pair(service["opens"], rest), pair(raw["opens"], rest), goal],
        ["search per keystroke (median)", pair(service["keys"], median), pair(raw["keys"], median), goal],
        ["search per keystroke (p95)", pair(service["keys"], p95), pair(raw["keys"], p95), goal],
        ["search in pinyin per keystroke (median)", pair(service["spelled"], median),
         pair(raw["spelled"], median), goal],
        ["search in pinyin per keystroke (p95)", pair(service["spelled"], p95), pair(raw["spelled"], p95),
         goal],
        ["imports (SQLAlchemy, models, services)", fmt(service["import_ms"]), "-", ""],
        ["open the database file", fmt(service["open_db_ms"]), fmt(raw["open_db_ms"]), ""],
        ["peak memory of the process", fmt(service["rss_mb"], "MB"), fmt(raw["rss_mb"], "MB"), ""],
        ["`community-ledger-cli stats --json`, whole process",
         f"{fmt(stats_ms)} (CPU {fmt(stats_cpu)})", "-", ""],
    ]
    print_table(["registry", "Community Ledger", "raw sqlite3", "goal"], rows)
    print()
    if isinstance(gui, str):
        print(f"GUI: {gui}")
    elif gui is not None:
        ours, bare = gui
        print_table([f"GUI (offscreen, median of {len(ours)})", "community-ledger --smoke",
                     "bare QMainWindow", "goal"], [
            ["window painted (from interpreter start)",
             f"{fmt(_med(ours, 'window_ms'))} ({ratio(_med(ours, 'window_ms'), _med(bare, 'window_ms'))})",
             fmt(_med(bare, "window_ms")), f"≤ {GOAL_WINDOW_RATIO:.0f}x bare"],
            ["home view painted with its figures (from interpreter start)", fmt(_med(ours, "home_ms")),
             "-", f"< {GOAL_WINDOW_MS:.0f} ms"],
            ["members list painted after the home view", fmt(_med(ours, "members_list_ms")), "-",
             f"< {GOAL_LIST_MS:.0f} ms"],
            ["whole process (start to exit)", fmt(_med(ours, "process_ms")), fmt(_med(bare, "process_ms")),
             ""],
            ["whole process, CPU time", fmt(_med(ours, "process_cpu_ms")),
             fmt(_med(bare, "process_cpu_ms")), ""],
            ["peak memory", fmt(_med(ours, "rss_mb"), "MB"), fmt(_med(bare, "rss_mb"), "MB"), ""],
        ])
    if args.json:
        args.json.write_text(json.dumps({"stats": stats, "service": service, "raw": raw,
                                         "gui": gui, "build_s": build_s}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
