"""``community-ledger-cli``: the command line for scripts and administrators.

One module per area (:mod:`app.cli.registry`, :mod:`app.cli.printing`, :mod:`app.cli.sync`,
:mod:`app.cli.backup`), each
adding its subcommands with ``register(subparsers)``; a command is a function ``(args) -> int`` set
as ``args.run``. Errors are one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app import __version__
from app.cli import backup, printing, registry, sync
from app.cli.common import CliError
from app.console import tolerate_unencodable
from app.identity import DIVISION_CODE_WORDS
from app.services.errors import DomainError, ValidationError

COMMAND_MODULES = (registry, printing, sync, backup)
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
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
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
