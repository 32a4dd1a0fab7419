"""What every command of ``community-ledger-cli`` shares: the one-line error and opening ``--db``."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.db.database import Database
from app.db.migrate import (
    DatabaseNeedsUpgradeError,
    DatabaseTooNewError,
    DatabaseUnavailableError,
    NotALedgerDatabaseError,
)
from app.filenames import name_problem


class CliError(Exception):
    """A one-line message for the user; the process exits with ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def open_database(path: str | None, must_exist: bool = True, read_only: bool = False) -> Database:
    """Open the database named by ``--db`` or raise a :class:`CliError` saying why not.

    ``read_only`` (for commands that only read) creates, migrates and writes nothing."""
    if not path:
        raise CliError("--db PATH is required", 2)
    p = Path(path)
    problem = name_problem(p.name) if p.name else "it names no file"
    if problem is not None:
        raise CliError(f"cannot use {p.name!r} as a database file name: {problem}")
    if must_exist and not p.exists():
        raise CliError(f"database file not found: {p}")
    if p.exists() and p.is_dir():
        raise CliError(f"not a database file (it is a folder): {p}")
    if not p.parent.exists():
        raise CliError(f"folder does not exist: {p.parent}")
    try:
        return Database.open_read_only(p) if read_only else Database.open(p)
    except NotALedgerDatabaseError:
        empty = " (the file is empty)" if p.is_file() and p.stat().st_size == 0 else ""
        raise CliError(f"not a Community Ledger database{empty}: {p}") from None
    except DatabaseNeedsUpgradeError as exc:
        raise CliError(f"the database was written by an older version (schema {exc.revision or 'none'}); "
                       f"this command only reads, so open it once with the app to upgrade it") from None
    except DatabaseTooNewError as exc:
        raise CliError(f"database was written by a newer version of Community Ledger "
                       f"(schema {exc.revision}); update the app") from None
    except DatabaseUnavailableError as exc:
        raise CliError(f"cannot open the database now (another program may be using it, or it is "
                       f"read-only): {exc.reason}") from None


@contextmanager
def new_file_or_nothing(path: str | None) -> Iterator[None]:
    """For a command that may create the database ``--db`` names: when this process creates it and
    the command then fails, the file (and what SQLite keeps beside it) is removed again, so a
    failed command leaves no file behind."""
    created = False
    target = Path(path) if path else None
    if target and not target.exists() and target.parent.is_dir() and name_problem(target.name) is None:
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            created = True
        except OSError:
            created = False
    try:
        yield
    except BaseException:
        if created and target is not None:
            for end in ("", "-wal", "-shm", "-journal"):
                target.with_name(target.name + end).unlink(missing_ok=True)
        raise


@contextmanager
def community_database(path: str | None) -> Iterator[Database]:
    """The database named by ``--db``, which must have a community; closed afterwards."""
    db = open_database(path)
    try:
        if db.community_id is None:
            raise CliError("the database has no community yet (run init or demo first)")
        yield db
    finally:
        db.close()
