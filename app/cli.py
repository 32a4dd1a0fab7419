"""``community-ledger-cli``: the command line for scripts and administrators.

Each area adds its subcommands through a ``register(subparsers)`` function listed in
``COMMAND_MODULES``; a command is a function ``(args) -> int`` set as ``args.run``.
Errors are one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.console import tolerate_unencodable
from app.db.database import Database
from app.db.migrate import DatabaseTooNewError, DatabaseUnavailableError, NotALedgerDatabaseError
from app.services.errors import DomainError, ValidationError

COMMAND_MODULES = (
    "app.cli_registry",
    "app.cli_print",
    "app.cli_sync",
)


class CliError(Exception):
    """A one-line message for the user; the process exits with ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def open_database(path: str | None, must_exist: bool = True) -> Database:
    """Open the database named by ``--db`` or raise a :class:`CliError` saying why not."""
    if not path:
        raise CliError("--db PATH is required", 2)
    p = Path(path)
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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="community-ledger-cli", description="Community Ledger command line")
    parser.add_argument("--db", metavar="PATH", help="the database file")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    tolerate_unencodable(sys.stdout)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except CliError as exc:
        print(f"community-ledger-cli: error: {exc}", file=sys.stderr)
        return exc.code
    except ValidationError as exc:
        detail = ", ".join(f"{e.field} ({e.code})" for e in exc.errors)
        print(f"community-ledger-cli: error: invalid value: {detail}", file=sys.stderr)
        return 1
    except DomainError as exc:
        print(f"community-ledger-cli: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    # Run through the imported module so commands and this entry point share one CliError class.
    from app.cli import main as _main

    raise SystemExit(_main())
