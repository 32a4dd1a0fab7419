"""Sync benchmark: export and import of 100,000 changes from the ``city`` demo database.

* export: ``SyncService.export(limit=N)`` on an enrolled copy of the city demo database: read the
  oldest N outbox entries, build the body, compress, seal to the server, sign, write atomically;
* import: the full reading pipeline on that file (size, gzip with bomb guard, JSON, schema of the
  envelope, signature, decryption, checksum, schema of every change, counts) and then
  ``Applier.apply`` into an empty ledger database in one transaction, committed.  The community
  scope check is left out because the city demo's changes belong to 102 communities;
* baseline: raw ``sqlite3`` ``executemany`` of the very rows the import wrote, into another empty
  ledger database (same tables and indexes), one transaction.

Each runs in its own child process, which reports its own peak memory (``VmHWM``).
Usage: ``python benchmarks/bench_sync.py [--changes N] [--db PATH] [--generate] [--rounds N]``.
Goal: import at 25 % or more of the raw insert speed.
"""

from __future__ import annotations

import argparse
import json
import pickle
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import city_db, median, peak_rss_mib, print_table  # noqa: E402

GOAL = 0.25


def _empty_db(path: Path) -> None:
    from app.db.engine import make_engine
    from app.db.migrate import upgrade

    engine = make_engine(path)
    upgrade(engine, path)
    engine.dispose()


# --- children ---------------------------------------------------------------------------------------


def child_export(work: Path, changes: int) -> dict[str, Any]:
    from app.db.database import Database
    from app.sync.service import SyncService

    db = Database.open(work / "source.sqlite")
    started = time.perf_counter()
    result = SyncService(db).export(work / "package.clsync", limit=changes)
    seconds = time.perf_counter() - started
    db.close()
    return {"seconds": seconds, "changes": result.change_count, "bytes": result.path.stat().st_size,
            "maxrss_mib": peak_rss_mib()}


def child_import(work: Path) -> dict[str, Any]:
    import orjson

    from app.db.database import Database
    from app.sync.apply import Applier
    from app.sync.keys import NodeKeys
    from app.sync.package import open_envelope, read_changes, verify_signature
    from server.city import CityServer

    city = CityServer(str(work / "city.sqlite"))
    server_keys = city.keys
    city.close()
    signer = NodeKeys.from_private_json(orjson.loads((work / "signer.json").read_text())).public
    db = Database.open(work / "target.sqlite")
    started = time.perf_counter()
    data = (work / "package.clsync").read_bytes()
    envelope = open_envelope(data)
    verify_signature(envelope, signer)
    changes = read_changes(envelope, server_keys, require_sealed=True)
    checked = time.perf_counter()
    with db.session() as session:
        result = Applier(session, package_id=envelope.package_id, local_node=db.node_id,
                         log_conflicts=True).apply(changes)
    seconds = time.perf_counter() - started
    db.close()
    return {"seconds": seconds, "check_seconds": checked - started,
            "apply_seconds": seconds - (checked - started),
            "changes": len(changes), "totals": result.totals().to_json(), "rejected": len(result.rejected),
            "maxrss_mib": peak_rss_mib()}


def child_raw(work: Path) -> dict[str, Any]:
    with (work / "rows.pickle").open("rb") as fh:
        tables: list[tuple[str, list[str], list[tuple[Any, ...]]]] = pickle.load(fh)
    con = sqlite3.connect(work / "raw.sqlite")
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    started = time.perf_counter()
    rows = 0
    with con:
        for table, columns, values in tables:
            marks = ",".join("?" * len(columns))
            con.executemany(f'INSERT INTO "{table}" ({",".join(columns)}) VALUES ({marks})', values)
            rows += len(values)
    seconds = time.perf_counter() - started
    con.close()
    return {"seconds": seconds, "rows": rows, "maxrss_mib": peak_rss_mib()}


def run_child(kind: str, work: Path, *extra: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", kind, "--work", str(work), *extra],
                         capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{out.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# --- set-up -----------------------------------------------------------------------------------------


def generated_source(path: Path, changes: int) -> None:
    """A community with ``changes`` records, written through the change log, when no demo is at hand."""
    from datetime import date

    from app.db.database import Database
    from app.models import Building, PartyMember
    from app.services.registry import RegistryService
    from app.sync.changes import ChangeLog

    db = Database.open(path)
    reg = RegistryService(db)
    reg.create_community({"code": "220802001", "name": "幸福社区", "street": "明仁街道", "district": "洮北区",
                          "city": "白城市", "org_kind": "committee"})
    compound = reg.create("compound", {"name": "阳光小区"})
    members = changes * 4 // 5
    with db.session() as session:
        log = ChangeLog(db, session)
        log.bulk_created(Building, [{"compound_id": compound, "number": f"{i}号楼", "community_id":
                                     reg.community_id} for i in range(changes - members)])
        log.bulk_created(PartyMember, [{"name": f"党员{i}", "gender": "male", "birth_date": date(1970, 1, 1),
                                        "phone": f"138{i:08d}", "community_id": reg.community_id}
                                       for i in range(members)])
    db.close()


def prepare(work: Path, source: Path) -> str:
    """Copy the source, enrol the copy with a fresh city server; returns the community code."""
    import orjson

    from app.db.database import Database
    from app.models import Community
    from app.sync.service import SyncService
    from server.city import CityServer

    shutil.copyfile(source, work / "source.sqlite")
    db = Database.open(work / "source.sqlite")
    with db.session() as session:
        community = session.get(Community, db.community_id)
        assert community is not None
        info = (community.code, community.name, community.district, community.street, community.city)
    city = CityServer(str(work / "city.sqlite"))
    issued = city.add_community(*info)
    city.close()
    svc = SyncService(db)
    svc.enroll(issued.code)
    (work / "signer.json").write_text(orjson.dumps(svc.keys().private_json()).decode())
    db.close()
    return info[0]


def dump_rows(work: Path) -> int:
    """The rows the import wrote, as raw tuples, for the baseline."""
    from app.sync.tables import synced_tables

    con = sqlite3.connect(work / "target.sqlite")
    tables = []
    total = 0
    for name, spec in synced_tables().items():
        columns = [c.name for c in spec.table.columns]
        values = con.execute(f'SELECT {",".join(columns)} FROM "{name}"').fetchall()
        if values:
            tables.append((name, columns, values))
            total += len(values)
    con.close()
    with (work / "rows.pickle").open("wb") as fh:
        pickle.dump(tables, fh)
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="a ledger database to export from (default: the city demo)")
    parser.add_argument("--generate", action="store_true", help="generate the changes instead of the demo")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20190101)
    parser.add_argument("--child")
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    if args.child:
        work = args.work
        result = {"export": lambda: child_export(work, args.changes), "import": lambda: child_import(work),
                  "raw": lambda: child_raw(work)}[args.child]()
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        work = Path(tmp)
        if args.db:
            source, label = args.db, str(args.db)
        elif args.generate:
            source, label = work / "generated.sqlite", "generated"
            generated_source(source, args.changes)
        else:
            try:
                source, _ = city_db(args.seed)
                label = "city demo"
            except subprocess.CalledProcessError:
                print("the city demo could not be built; generating the changes instead", file=sys.stderr)
                source, label = work / "generated.sqlite", "generated"
                generated_source(source, args.changes)
        prepare(work, source)
        exports, imports, raws = [], [], []
        for _ in range(args.rounds):
            exports.append(run_child("export", work, "--changes", str(args.changes)))
            for name in ("target.sqlite", "raw.sqlite"):
                for suffix in ("", "-wal", "-shm"):
                    Path(str(work / name) + suffix).unlink(missing_ok=True)
                _empty_db(work / name)
            imports.append(run_child("import", work))
            if not (work / "rows.pickle").exists():
                dump_rows(work)
            raws.append(run_child("raw", work))
        n = imports[0]["changes"]
        rows = raws[0]["rows"]
        exp_s = median([e["seconds"] for e in exports])
        imp_s = median([i["seconds"] for i in imports])
        chk_s = median([i["check_seconds"] for i in imports])
        app_s = median([i["apply_seconds"] for i in imports])
        raw_s = median([r["seconds"] for r in raws])
        print(f"source: {label}; {n:,} changes, package {exports[0]['bytes'] / 2**20:.1f} MiB; "
              f"median of {args.rounds}; {imports[0]['totals']}")
        print_table(
            ["step", "seconds", "changes/s", "peak memory"],
            [
                ["export (read outbox, JSON, compress, seal, sign, write)", f"{exp_s:.2f}",
                 f"{n / exp_s:,.0f}",
                 f"{max(e['maxrss_mib'] for e in exports):.0f} MiB"],
                ["import: checks (gzip, JSON, schema, signature, decrypt, checksum)", f"{chk_s:.2f}",
                 f"{n / chk_s:,.0f}", "-"],
                ["import: apply (per-field LWW) and commit", f"{app_s:.2f}", f"{n / app_s:,.0f}", "-"],
                ["import, whole", f"{imp_s:.2f}", f"{n / imp_s:,.0f}",
                 f"{max(i['maxrss_mib'] for i in imports):.0f} MiB"],
                ["baseline: raw sqlite3 executemany of the same rows", f"{raw_s:.2f}", f"{rows / raw_s:,.0f}",
                 f"{max(r['maxrss_mib'] for r in raws):.0f} MiB"],
            ],
        )
        ratio = (n / imp_s) / (rows / raw_s)
        print(f"\nimport speed = {ratio:.0%} of raw insert speed (goal {GOAL:.0%}: "
              f"{'met' if ratio >= GOAL else 'not met'}); apply alone = {(n / app_s) / (rows / raw_s):.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
