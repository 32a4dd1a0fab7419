"""Shared parts of the benchmarks: the cached city demo database, child processes, statistics, tables."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import sysconfig
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = Path(sysconfig.get_path("scripts"))


def console_script(name: str, module: str) -> list[str]:
    """The installed console script, or ``python -m module`` when the project is not installed."""
    for candidate in (SCRIPTS / name, SCRIPTS / f"{name}.exe"):
        if candidate.exists():
            return [str(candidate)]
    return [sys.executable, "-m", module]


def cache_dir() -> Path:
    """Where built benchmark databases are kept between runs (``COMMUNITY_LEDGER_BENCH_CACHE``)."""
    env = os.environ.get("COMMUNITY_LEDGER_BENCH_CACHE")
    if env:
        path = Path(env)
    else:
        from platformdirs import user_cache_dir

        path = Path(user_cache_dir("community-ledger")) / "bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


def demo_fingerprint() -> str:
    """Changes whenever the demo generator or the schema changes, so a stale cache is rebuilt."""
    digest = hashlib.sha256()
    sources = sorted((ROOT / "app" / "services").glob("demo*.py"))
    sources += sorted((ROOT / "app" / "models").glob("*.py"))
    sources += sorted((ROOT / "app" / "db" / "migrations" / "versions").glob("*.py"))
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def city_db(seed: int, rebuild: bool = False) -> tuple[Path, tuple[float, float] | None]:
    """The ``city`` demo database for ``seed``, built if missing.

    Returns the path, and when it was built now, the wall and CPU seconds the build took.
    """
    path = cache_dir() / f"city-seed{seed}-{demo_fingerprint()}.sqlite"
    if path.exists() and not rebuild:
        return path, None
    for old in cache_dir().glob(f"city-seed{seed}-*"):
        old.unlink()
    partial = path.with_suffix(".partial")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    print(f"building the city demo database in {path.parent} (once; later runs reuse it) ...",
          file=sys.stderr, flush=True)
    started, cpu_before = time.perf_counter(), _children_cpu_s()
    command = console_script("community-ledger-cli", "app.cli")
    subprocess.run([*command, "--db", str(partial), "demo", "--scale", "city", "--seed", str(seed)],
                   check=True, stdout=subprocess.DEVNULL)
    seconds = (time.perf_counter() - started, _children_cpu_s() - cpu_before)
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(path)
    return path, seconds


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of measured processes: Python may cache bytecode, as an installed app does.

    (With ``PYTHONDONTWRITEBYTECODE`` set, every start compiles SQLAlchemy and the app from source
    again, which costs more than a second and says nothing about the app.)
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra or {})
    return env


def peak_rss_mib() -> float:
    """This process's peak resident memory, in MiB.

    Linux's ``VmHWM`` belongs to the process image alone; ``ru_maxrss`` also keeps the peak of the
    parent the process was forked from, so a child of a large benchmark would report its parent.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_json(command: Sequence[str], timeout: float = 300, env: dict[str, str] | None = None
             ) -> tuple[dict[str, Any], float, float]:
    """Run ``command``; returns the JSON object on its last stdout line, the wall time and the CPU
    time (user + system) of the process in ms.  CPU time suffers less than wall time from a busy
    machine."""
    started, cpu_before = time.perf_counter(), _children_cpu_s()
    result = subprocess.run(list(command), capture_output=True, text=True, timeout=timeout,
                            env=child_env(env))
    wall_ms = (time.perf_counter() - started) * 1000
    cpu_ms = (_children_cpu_s() - cpu_before) * 1000
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} ... exited {result.returncode}: "
                           f"{result.stderr.strip()[-400:]}")
    lines = [x for x in result.stdout.splitlines() if x.startswith("{")]
    if not lines:
        raise RuntimeError(f"no JSON on stdout of {' '.join(command[:3])}: {result.stdout[-400:]}")
    return json.loads(lines[-1]), wall_ms, cpu_ms


class Stopwatch:
    """Wall and CPU time of one measured step, in ms."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def stop(self) -> tuple[float, float]:
        return (time.perf_counter() - self.wall) * 1000, (time.process_time() - self.cpu) * 1000


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def ms(seconds: float) -> float:
    return seconds * 1000


def fmt(value: float | None, unit: str = "ms") -> str:
    if value is None:
        return "-"
    return f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A Markdown table, readable in a terminal and pasteable into the README."""
    widths = [max(_width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(_pad(str(c), w) for c, w in zip(cells, widths, strict=True)) + " |"

    print(line(headers))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line(row))


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
