"""Keeping the ledger safe: ``backup``, ``restore``, ``check``."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from app.cli.common import CliError, print_json
from app.db.backup import (
    ENCRYPTED_SUFFIX,
    BackupError,
    backup_name,
    check_database,
    is_encrypted,
    make_backup,
    write_encrypted,
)
from app.db.backup import restore as restore_backup
from app.db.lock import LedgerInUseError, LedgerLock

BACKUP_REFUSALS = {
    "wrong_passphrase": "the passphrase does not open this backup",
    "not_a_backup": "the file is not a Community Ledger backup",
    "damaged": "the backup file is damaged or incomplete",
    "unsound": "the backup does not pass SQLite's check",
    "passphrase_short": "the passphrase must have at least 8 characters",
}


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="copy the ledger into a folder, encrypted with --passphrase-stdin",
                       description="Copy the ledger (SQLite's online backup, safe while the app runs) into "
                                   "DIR. With --passphrase-stdin the copy is encrypted with the passphrase "
                                   "read from standard input, for a USB drive.")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--passphrase-stdin", action="store_true", help="encrypt with the passphrase on stdin")
    p.set_defaults(run=run_backup)

    p = sub.add_parser("restore", help="put a backup in the place of the ledger (the current file is kept)",
                       description="Check the backup, keep the current ledger aside as "
                                   "NAME.before-restore-TIME.sqlite, and put the backup in its place. The "
                                   "ledger must not be open in the app.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--passphrase-stdin", action="store_true", help="the backup's passphrase on stdin")
    p.set_defaults(run=run_restore)

    p = sub.add_parser("check", help="SQLite's integrity check of the ledger; exit 0 when sound")
    p.set_defaults(run=run_check)


def _db_path(args: argparse.Namespace) -> Path:
    if not args.db:
        raise CliError("--db PATH is required", 2)
    path = Path(args.db)
    if not path.is_file():
        raise CliError(f"database file not found: {path}")
    return path


def _passphrase() -> str:
    text = sys.stdin.readline().rstrip("\r\n")
    if not text:
        raise CliError("no passphrase on standard input", 2)
    return text


def _refused(exc: BackupError) -> CliError:
    return CliError(BACKUP_REFUSALS.get(exc.code, exc.code))


def run_backup(args: argparse.Namespace) -> int:
    path = _db_path(args)
    folder = Path(args.out)
    if not folder.is_dir():
        raise CliError(f"folder does not exist: {folder}")
    passphrase = _passphrase() if args.passphrase_stdin else None
    found = check_database(path)
    if not found.ok:
        raise CliError(f"the ledger does not pass SQLite's check, not backed up: {found.summary}")
    name = backup_name(path, datetime.now())
    try:
        if passphrase is not None:
            target = write_encrypted(path, folder / (Path(name).stem + ENCRYPTED_SUFFIX), passphrase)
        else:
            target = make_backup(path, folder / name)
    except BackupError as exc:
        raise _refused(exc) from None
    except OSError as exc:
        raise CliError(f"cannot write the backup: {exc.strerror or exc}") from None
    print_json({"file": str(target), "encrypted": passphrase is not None, "bytes": target.stat().st_size})
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = Path(args.db) if args.db else None
    if path is None:
        raise CliError("--db PATH is required", 2)
    source = Path(args.file)
    if not source.is_file():
        raise CliError(f"backup file not found: {source}")
    passphrase = _passphrase() if args.passphrase_stdin else None
    if is_encrypted(source) and passphrase is None:
        raise CliError("the backup is encrypted: give its passphrase with --passphrase-stdin", 2)
    try:
        with LedgerLock(path):
            aside = restore_backup(path, source, passphrase)
    except LedgerInUseError:
        raise CliError("the ledger is open in the app: close it first") from None
    except BackupError as exc:
        raise _refused(exc) from None
    except OSError as exc:
        raise CliError(f"cannot restore: {exc.strerror or exc}") from None
    print_json({"restored": str(path), "from": str(source),
                "previous_kept_as": str(aside) if aside else None})
    return 0


def run_check(args: argparse.Namespace) -> int:
    path = _db_path(args)
    found = check_database(path, thorough=True)
    if not found.ok:
        raise CliError(f"the ledger is damaged: {found.summary}")
    print_json({"file": str(path), "status": "ok", "schema": found.revision})
    return 0
