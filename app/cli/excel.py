"""Spreadsheet commands: ``import-xlsx`` and ``export-xlsx``.

``import-xlsx`` prints one JSON object (``imported``, ``updated``, ``skipped`` and ``errors``, each
error with the row as the spreadsheet program numbers it, the column's header and the reason's
code) and exits 0 whenever it ran; a file that cannot be read is one line and a non-zero exit.
"""

from __future__ import annotations

import argparse
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from app.cli.common import CliError, community_database, print_json
from app.db.database import Database
from app.services.errors import DomainError

_UNREADABLE = {
    "not_found": "file not found",
    "encoding": "the text is neither UTF-8 nor GBK/GB18030",
    "no_sheets": "the workbook has no sheets",
}


def register(sub: Any) -> None:
    from app.services.importing import IMPORT_KINDS

    p = sub.add_parser("import-xlsx", help="import records from .xlsx, .xls, .ods, WPS .et or .csv")
    p.add_argument("--kind", required=True, choices=list(IMPORT_KINDS), metavar="KIND",
                   help="what the sheet holds: " + ", ".join(IMPORT_KINDS))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first)")
    p.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    p.add_argument("--create-missing", action="store_true",
                   help="create the party groups, compounds and buildings rows name that do not exist")
    p.add_argument("--update", action="store_true",
                   help="update records already in the database (default: skip them)")
    p.add_argument("--errors-out", metavar="FILE.xlsx",
                   help="write the refused rows, with a reason column, to this workbook")
    p.set_defaults(run=run_import)

    e = sub.add_parser("export-xlsx", help="export a ledger, or the whole database, to an .xlsx workbook")
    what = e.add_mutually_exclusive_group(required=True)
    what.add_argument("--kind", metavar="KIND", help="a ledger kind, as `print ledger` names them")
    what.add_argument("--all", action="store_true", help="every kind of record, one sheet each")
    e.add_argument("--out", required=True, metavar="FILE.xlsx")
    e.add_argument("--year", type=int, metavar="Y", help="the year of a yearly ledger (default: this year)")
    e.add_argument("--full", action="store_true",
                   help="ID numbers and phone numbers in full, as text (masked by default)")
    e.set_defaults(run=run_export)


def _database(args: argparse.Namespace) -> AbstractContextManager[Database]:
    return community_database(args.db)


def _unreadable(path: Path, exc: DomainError) -> CliError:
    if exc.code == "no_such_sheet":
        return CliError(f"no sheet named {exc.params.get('sheet')!r} in {path}")
    if exc.code == "no_header":
        return CliError(f"no header row with known column names found in {path}")
    reason = str(exc.params.get("reason", ""))
    return CliError(f"cannot read {path}: {_UNREADABLE.get(reason, 'not a workbook this program reads')}")


def run_import(args: argparse.Namespace) -> int:
    from app.services.importing import apply_import, plan_import, write_error_workbook
    from app.services.spreadsheet import read_sheet

    path = Path(args.file)
    with _database(args) as db:
        try:
            sheet = read_sheet(path, args.sheet)
            plan = plan_import(db, args.kind, sheet, create_missing=args.create_missing)
        except DomainError as exc:
            if exc.code in ("file_unreadable", "no_such_sheet", "no_header"):
                raise _unreadable(path, exc) from None
            raise
        result = apply_import(db, plan, update=args.update, dry_run=args.dry_run)
        if args.errors_out:
            out = Path(args.errors_out)
            try:
                write_error_workbook(plan, out, lambda e: f"{e.column}: {e.code}")
            except OSError as exc:
                raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    print_json(result.as_json())
    return 0


def run_export(args: argparse.Namespace) -> int:
    from app.printing.catalog import LEDGER_KINDS
    from app.printing.xlsx import export_database, export_kind

    if args.kind and args.kind not in LEDGER_KINDS:
        raise CliError(f"unknown ledger kind: {args.kind} (print ledger --help lists them)")
    out = Path(args.out)
    if out.is_dir():
        raise CliError(f"--out is a folder: {out}")
    if not out.parent.exists():
        raise CliError(f"folder does not exist: {out.parent}")
    with _database(args) as db:
        try:
            if args.all:
                rows = export_database(db, out, full=args.full)
            else:
                rows = export_kind(db, args.kind, out, full=args.full, year=args.year)
        except OSError as exc:
            raise CliError(f"cannot write {out}: {exc.strerror or exc} (is it open in another program?)") \
                from None
    print(f"{out} ({rows} rows)")
    return 0
