"""The bundle's budgets: its size, and its start to first paint next to ``python -m app`` in the same run.

    bash packaging/build.sh
    .venv/bin/python benchmarks/bench_bundle.py [--bundle dist/community-ledger] [--runs 5]

Both are started the same way (offscreen, ``--smoke`` on the same ``city`` demo database, one after
the other, alternating). The time to first paint is taken from outside the process: from starting
it to the moment its ``--smoke`` line arrives, less the ``members_list_ms`` it reports for the
members list painted after the home view. So the bundle's figure includes its bootloader loading
Python and the archive of modules, which ``window_ms`` (counted from the import of ``app.__main__``)
would miss.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, child_env, city_db, fmt, median, print_table

BUDGET_MB = 200
BUDGET_RATIO = 1.5


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def first_paint_ms(command: list[str], config: Path) -> tuple[float, dict[str, float]]:
    env = child_env({"QT_QPA_PLATFORM": "offscreen", "COMMUNITY_LEDGER_CONFIG_DIR": str(config)})
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    figures: dict[str, float] | None = None
    arrived = 0.0
    for line in proc.stdout:
        if line.startswith("{"):
            arrived = time.perf_counter()
            figures = json.loads(line)
    _, err = proc.communicate(timeout=120)
    if proc.returncode != 0 or figures is None:
        raise RuntimeError(f"{command[0]} exited {proc.returncode}: {err.strip()[-400:]}")
    return (arrived - started) * 1000 - figures["members_list_ms"], figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "community-ledger")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    exe = args.bundle / ("community-ledger.exe" if os.name == "nt" else "community-ledger")
    if not exe.exists():
        sys.exit(f"no bundle at {args.bundle}: run `bash packaging/build.sh` first")
    db, _ = city_db(args.seed)
    config = Path(os.environ.get("TMPDIR", "/tmp")) / "bench-bundle-config"
    commands = {
        "bundle": [str(exe), "--db", str(db), "--smoke"],
        "python -m app": [sys.executable, "-m", "app", "--db", str(db), "--smoke"],
    }
    for command in commands.values():  # warm the page cache and Python's bytecode cache
        first_paint_ms(command, config)
    paint: dict[str, list[float]] = {name: [] for name in commands}
    window: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            outside, figures = first_paint_ms(command, config)
            paint[name].append(outside)
            window[name].append(figures["window_ms"])

    size = folder_size(args.bundle)
    ratio = median(paint["bundle"]) / median(paint["python -m app"])
    print(f"bundle {args.bundle} on {db.name}; medians of {args.runs} runs each, alternating\n")
    print_table(["what", "bundle", "baseline in the same run", "budget", "kept"], [
        ["size of the one-folder bundle", f"{size / 1e6:,.0f} MB ({size / 2**20:,.0f} MiB)", "",
         f"< {BUDGET_MB} MB", "yes" if size / 1e6 < BUDGET_MB else "NO"],
        ["start to first paint (from outside)", fmt(median(paint["bundle"])),
         f"`python -m app`: {fmt(median(paint['python -m app']))}", f"within {BUDGET_RATIO}x",
         f"{'yes' if ratio <= BUDGET_RATIO else 'NO'} ({ratio:.2f}x)"],
        ["`window_ms` the app reports", fmt(median(window["bundle"])),
         f"`python -m app`: {fmt(median(window['python -m app']))}", "", ""],
    ])
    return 0 if size / 1e6 < BUDGET_MB and ratio <= BUDGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
