"""``community-ledger-cli``: the command line for scripts and administrators.

One module per area (:mod:`app.cli.registry`, :mod:`app.cli.printing`, :mod:`app.cli.sync`,
:mod:`app.cli.backup`, :mod:`app.cli.excel`), each
adding its subcommands with ``register(subparsers)``; a command is a function ``(args) -> int`` set
as ``args.run``. Errors are one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence

from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError

from app import __version__
from app.cli import backup, excel, printing, registry, sync
from app.cli.common import CliError
from app.console import (
    leave_quietly_on_broken_pipe,
    one_line,
    os_error_line,
    tolerate_unencodable,
    undecodable,
)
from app.identity import DIVISION_CODE_WORDS
from app.services.errors import DomainError, ValidationError

COMMAND_MODULES = (registry, printing, sync, backup, excel)
# Field errors whose code alone does not say what is expected.
RULE_WORDS = {"division_code": DIVISION_CODE_WORDS}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="community-ledger-cli", description="Community Ledger command line")
    parser.add_argument("--db", metavar="PATH", help="the database file")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    tolerate_unencodable(sys.stdout)
    parser = build_parser()
    bad = undecodable(list(sys.argv[1:] if argv is None else argv))
    if bad is not None:
        print(f"community-ledger-cli: error: an argument is not UTF-8 text: {bad}", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:
        return leave_quietly_on_broken_pipe()
    except CliError as exc:
        print(f"community-ledger-cli: error: {exc}", file=sys.stderr)
        return exc.code
    except ValidationError as exc:
        detail = ", ".join(f"{e.field} ({e.code})" + (f": {RULE_WORDS[e.code]}" if e.code in RULE_WORDS
                                                       else "") for e in exc.errors)
        print(f"community-ledger-cli: error: invalid value: {detail}", file=sys.stderr)
        return 1
    except DomainError as exc:
        print(f"community-ledger-cli: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except (SQLAlchemyDatabaseError, sqlite3.DatabaseError) as exc:
        detail = one_line(getattr(exc, "orig", None) or exc)
        damaged = "malformed" in detail or "not a database" in detail
        advice = "; the file is damaged: run check, or restore a backup" if damaged else ""
        print(f"community-ledger-cli: error: database error: {detail}{advice}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"community-ledger-cli: error: {os_error_line(exc)}", file=sys.stderr)
        return 1
