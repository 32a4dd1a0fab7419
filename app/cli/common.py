"""What every command of ``community-ledger-cli`` shares: the one-line error and opening ``--db``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from app.db.database import Database
from app.db.migrate import DatabaseTooNewError, DatabaseUnavailableError, NotALedgerDatabaseError
from app.filenames import name_problem


class CliError(Exception):
    """A one-line message for the user; the process exits with ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def open_database(path: str | None, must_exist: bool = True) -> Database:
    """Open the database named by ``--db`` or raise a :class:`CliError` saying why not."""
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
        return Database.open(p)
    except NotALedgerDatabaseError:
        raise CliError(f"not a Community Ledger database: {p}") from None
    except DatabaseTooNewError as exc:
        raise CliError(f"database was written by a newer version of Community Ledger "
                       f"(schema {exc.revision}); update the app") from None
    except DatabaseUnavailableError as exc:
        raise CliError(f"cannot open the database now (another program may be using it, or it is "
                       f"read-only): {exc.reason}") from None
