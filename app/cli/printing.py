"""Printing commands: ``print signin|ledger|book|appeal|minutes|appraisal ... --out FILE.pdf``.

Each writes one PDF atomically: on any error there is a one-line message, a non-zero exit
and no file left behind.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from app.cli.common import CliError, community_database
from app.db.database import Database
from app.printing.base import PrintOptions
from app.services.errors import NotFoundError

T = TypeVar("T")


def _kinds_help() -> str:
    from app.printing.catalog import LEDGER_KINDS

    lines = ["kinds:"]
    for kind, spec in LEDGER_KINDS.items():
        per = "per year" if spec.yearly else "as of today"
        lines.append(f"  {kind:<28} {spec.title} ({per})")
    return "\n".join(lines)


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not 1949 <= value <= 2200:
        raise argparse.ArgumentTypeError(f"year out of range: {value}")
    return value


def _rows(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 500:
        raise argparse.ArgumentTypeError(f"must be between 0 and 500: {value}")
    return value


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF file to write")
    p.add_argument("--full", action="store_true",
                   help="print ID numbers and phone numbers in full (masked by default)")


def register(sub: Any) -> None:
    p = sub.add_parser("print", help="print sign-in sheets, ledgers, the yearly book, appeals, minutes, "
                                          "the appraisal material")
    what = p.add_subparsers(dest="what", metavar="DOCUMENT", parser_class=type(p))
    what.required = True

    s = what.add_parser("signin", help="a sign-in sheet (签到表) for a meeting, or a blank one")
    s.add_argument("--meeting", metavar="ID", help="the meeting whose expected attendees are listed")
    s.add_argument("--blank-rows", type=_rows, default=3, metavar="N",
                   help="empty rows after the attendees (default 3)")
    s.add_argument("--blank", action="store_true", help="a blank sheet for a meeting not entered yet")
    s.add_argument("--title", metavar="TEXT", help="title of the blank sheet")
    s.add_argument("--rows", type=_rows, metavar="N", help="rows of the blank sheet (default: fill the page)")
    s.add_argument("--workday", action="store_true",
                   help="the community work day variant (unit, arrival/departure, service, confirmation)")
    _common(s)
    s.set_defaults(run=run_signin)

    g = what.add_parser("ledger", help="a ledger report (A4 landscape)", epilog=_kinds_help(),
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    g.add_argument("--kind", required=True, metavar="KIND", help="which ledger (see the list below)")
    g.add_argument("--year", type=_year, metavar="Y", help="the year of a yearly ledger (default: this year)")
    _common(g)
    g.set_defaults(run=run_ledger)

    b = what.add_parser("book", help="the yearly ledger book (台账汇编) with a table of contents")
    b.add_argument("--year", type=_year, required=True, metavar="Y")
    _common(b)
    b.set_defaults(run=run_book)

    a = what.add_parser("appeal", help="an appeal form (诉求办理单) with its whole trail")
    a.add_argument("--id", required=True, metavar="ID")
    _common(a)
    a.set_defaults(run=run_appeal)

    r = what.add_parser("appraisal", help="the yearly report-and-appraisal material (述职评议考核材料), "
                                          "as a PDF and/or an editable Word file")
    r.add_argument("--year", type=_year, required=True, metavar="Y",
                   help="the year; periods not ended yet on today's date are not counted as due")
    r.add_argument("--out", metavar="FILE.pdf", help="the PDF file to write")
    r.add_argument("--docx", metavar="FILE.docx", help="the Word file to write")
    r.set_defaults(run=run_appraisal, full=False)

    m = what.add_parser("minutes", help="the minutes record (会议记录) of a meeting")
    m.add_argument("--meeting", required=True, metavar="ID")
    _common(m)
    m.set_defaults(run=run_minutes)


def _out(args: argparse.Namespace) -> Path:
    return _target(args.out, "--out")


def _target(text: str, option: str) -> Path:
    out = Path(text)
    if out.is_dir():
        raise CliError(f"{option} is a folder: {out}")
    if not out.parent.exists():
        raise CliError(f"folder does not exist: {out.parent}")
    return out


def _options(args: argparse.Namespace) -> PrintOptions:
    return PrintOptions(full_personal_data=bool(args.full), print_date=date.today())


def _database(args: argparse.Namespace) -> AbstractContextManager[Database]:
    return community_database(args.db)


def _write(out: Path, make: Callable[[], int]) -> int:
    pages = _guarded(out, make)
    print(f"{out} ({pages} pages)")
    return 0


def _guarded(out: Path, make: Callable[[], T]) -> T:
    """Run ``make`` (which writes ``out``) with its failures worded in one line."""
    try:
        return make()
    except NotFoundError as exc:
        raise CliError(f"{exc.params.get('kind')} not found: {exc.params.get('id')}") from None
    except PermissionError as exc:  # on Windows, also a PDF that a reader holds open
        raise CliError(f"cannot write {out}: {exc.strerror or exc} (is it open in another program, "
                       f"or is the folder read-only?)") from None
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None


def run_signin(args: argparse.Namespace) -> int:
    from app.printing.signin import blank_signin, print_meeting_signin

    out = _out(args)
    options = _options(args)
    if args.blank:
        if args.meeting:
            raise CliError("give either --blank or --meeting, not both")
        if not args.title or not args.title.strip():
            raise CliError("a blank sheet needs --title TEXT")
        if args.db:
            with _database(args) as db:
                return _write(out, lambda: blank_signin(out, args.title, db=db, rows=args.rows,
                                                        workday=args.workday, options=options))
        return _write(out, lambda: blank_signin(out, args.title, rows=args.rows, workday=args.workday,
                                                options=options))
    if not args.meeting:
        raise CliError("give --meeting ID, or --blank --title TEXT")
    with _database(args) as db:
        return _write(out, lambda: print_meeting_signin(db, args.meeting, out, blank_rows=args.blank_rows,
                                                        options=options))


def run_ledger(args: argparse.Namespace) -> int:
    from app.printing.catalog import LEDGER_KINDS, print_ledger

    if args.kind not in LEDGER_KINDS:
        raise CliError(f"unknown ledger kind: {args.kind} (print ledger --help lists them)")
    out = _out(args)
    with _database(args) as db:
        return _write(out, lambda: print_ledger(db, args.kind, out, year=args.year, options=_options(args)))


def run_book(args: argparse.Namespace) -> int:
    from app.printing.book import print_book

    out = _out(args)

    def progress(done: int, total: int, title: str) -> None:
        if sys.stderr.isatty():
            print(f"\rbook: {done}/{total} {title}\033[K", end="" if done < total else "\n",
                  file=sys.stderr, flush=True)

    with _database(args) as db:
        return _write(out, lambda: print_book(db, args.year, out, _options(args), progress))


def run_appeal(args: argparse.Namespace) -> int:
    from app.printing.appeal import print_appeal

    out = _out(args)
    with _database(args) as db:
        return _write(out, lambda: print_appeal(db, args.id, out, _options(args)))


def run_minutes(args: argparse.Namespace) -> int:
    from app.printing.minutes import print_minutes

    out = _out(args)
    with _database(args) as db:
        return _write(out, lambda: print_minutes(db, args.meeting, out, _options(args)))


def run_appraisal(args: argparse.Namespace) -> int:
    from app.printing.appraisal import print_appraisal, write_appraisal_docx

    if not args.out and not args.docx:
        raise CliError("give --out FILE.pdf, --docx FILE.docx or both")
    pdf = _target(args.out, "--out") if args.out else None
    docx = _target(args.docx, "--docx") if args.docx else None
    if pdf is not None and docx is not None and pdf.resolve() == docx.resolve():
        raise CliError("--out and --docx name the same file")
    if docx is not None and docx.suffix.lower() != ".docx":
        raise CliError(f"--docx must name a .docx file: {docx}")
    options = _options(args)
    with _database(args) as db:
        if pdf is not None:
            _write(pdf, lambda: print_appraisal(db, args.year, pdf, options))
        if docx is not None:
            tables = _guarded(docx, lambda: write_appraisal_docx(db, args.year, docx, options))
            print(f"{docx} ({tables} tables)")
    return 0

