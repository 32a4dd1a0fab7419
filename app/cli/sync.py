"""Sync commands: ``enroll``, ``sync``, ``export``, ``import``, ``sync-status``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.cli.common import CliError, open_database, print_json
from app.sync.errors import SyncError
from app.sync.network import NetworkError, NetworkSync
from app.sync.service import SyncService


def register(sub: Any) -> None:
    p = sub.add_parser("enroll", help="enrol this database with the city server (one-time code)")
    p.add_argument("--code", required=True, help="the enrolment code printed by the server")
    p.add_argument("--server", metavar="URL",
                   help="the city server's address (https://...): enrol over the network and sync with it")
    p.set_defaults(run=run_enroll)

    p = sub.add_parser("sync", help="one full exchange with the city server over the network; "
                                    "prints pushed, pulled and conflicts as JSON")
    p.set_defaults(run=run_sync)

    p = sub.add_parser("export", help="write the changes not yet acknowledged into a sync package")
    p.add_argument("--out", required=True, metavar="FILE_OR_DIR")
    p.set_defaults(run=run_export)

    p = sub.add_parser("import", help="apply a sync package from the city server; prints the report as JSON")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(run=run_import)

    p = sub.add_parser("sync-status", help="keys, enrolment, changes waiting and conflicts, as JSON")
    p.set_defaults(run=run_status)


def _refused(exc: SyncError) -> CliError:
    return CliError(f"package refused: {exc} [{exc.code}]", 3)


@contextmanager
def exchange_refusals(what: str) -> Iterator[None]:
    """A failed or refused exchange with the server as one line, exit status 3."""
    try:
        yield
    except NetworkError as exc:
        raise CliError(f"{what} failed: {exc} [{exc.code}]", 3) from None
    except SyncError as exc:
        raise CliError(f"{what} refused: {exc} [{exc.code}]", 3) from None


def run_enroll(args: argparse.Namespace) -> int:
    db = open_database(args.db)
    try:
        with exchange_refusals("enrolment"):
            if args.server:
                result = NetworkSync(db).enrol(args.code, args.server)
            else:
                result = SyncService(db).enroll(args.code)
    finally:
        db.close()
    print_json({"community_id": result.community_id, "community_code": result.community_code,
                "server_fingerprint": result.server_fingerprint, "own_fingerprint": result.own_fingerprint,
                "computer": result.computer})
    return 0


def run_sync(args: argparse.Namespace) -> int:
    db = open_database(args.db)
    try:
        with exchange_refusals("sync"):
            result = NetworkSync(db).sync()
    finally:
        db.close()
    print_json(result.to_json())
    if result.refused:
        first = result.refused[0]
        more = f" (and {len(result.refused) - 1} more batches)" if len(result.refused) > 1 else ""
        raise CliError(f"the city server refused changes {first.first}-{first.last}: {first.message} "
                       f"[{first.code}]{more}; they stay queued", 4)
    return 0


def run_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if not out.is_dir() and not out.parent.is_dir():
        raise CliError(f"folder does not exist: {out.parent}")
    db = open_database(args.db)
    try:
        result = SyncService(db).export(out)
    except SyncError as exc:
        raise CliError(f"cannot export: {exc} [{exc.code}]", 3) from None
    except OSError as exc:
        raise CliError(f"cannot write the package: {exc.strerror or exc}") from None
    finally:
        db.close()
    print_json({"file": str(result.path), "package_id": result.package_id,
                "change_count": result.change_count, "counts": result.counts, "restamped": result.restamped})
    return 0


def run_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"package file not found: {path}")
    db = open_database(args.db)
    try:
        report = SyncService(db).import_file(path)
    except SyncError as exc:
        if exc.code == "import_raced":
            # As for a package applied before: nothing to do, nothing went wrong.
            print(f"community-ledger-cli: {exc} [{exc.code}]", file=sys.stderr)
            return 0
        raise _refused(exc) from None
    finally:
        db.close()
    print_json(report.to_json())
    return 0


def run_status(args: argparse.Namespace) -> int:
    db = open_database(args.db)
    try:
        svc = SyncService(db)
        server = svc.server()
        last = svc.last_exchange()
        print_json({"node_id": db.node_id, "fingerprint": svc.fingerprint, "enrolled": server is not None,
                    "server_node": server.node_id if server else None,
                    "server_fingerprint": server.fingerprint if server else None,
                    "pending_changes": svc.pending_count(), "unresolved_conflicts": len(svc.conflicts()),
                    "last_exchange": last.isoformat() if last else None})
    finally:
        db.close()
    return 0
