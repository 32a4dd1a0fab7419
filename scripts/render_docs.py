"""Render page 1 of every printed document to PNG under docs/printing/, from the demo data.

    .venv/bin/python scripts/render_docs.py [--db DEMO.sqlite] [--out docs/printing] [--dpi 72]

Without ``--db`` a fresh ``community`` demo database is made in a temporary folder.  The
PNGs show in the README and are how a person checks the layout: clipped, overlapping or
boxed Chinese text is a bug.  Needs ``pdftoppm`` (poppler-utils).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app.db.database import Database  # noqa: E402
from app.printing.appeal import print_appeal  # noqa: E402
from app.printing.base import PrintOptions  # noqa: E402
from app.printing.book import print_book  # noqa: E402
from app.printing.catalog import LEDGER_KINDS, print_ledger  # noqa: E402
from app.printing.ledgers import community_of  # noqa: E402
from app.printing.minutes import print_minutes  # noqa: E402
from app.printing.signin import blank_signin, print_meeting_signin  # noqa: E402

PRINT_DATE = date(2026, 11, 20)


def _busiest_meeting(db: Database, kind: str) -> str | None:
    from app.models.ledgers import Meeting, MeetingAttendee

    with db.session() as session:
        return session.scalar(
            select(Meeting.id).join(MeetingAttendee, MeetingAttendee.meeting_id == Meeting.id)
            .where(Meeting.deleted_at.is_(None), Meeting.kind == kind, MeetingAttendee.deleted_at.is_(None))
            .group_by(Meeting.id).order_by(func.count().desc(), Meeting.starts_at).limit(1))


def _longest_appeal(db: Database) -> str | None:
    from app.models.ledgers import AppealEvent

    with db.session() as session:
        return session.scalar(
            select(AppealEvent.appeal_id).where(AppealEvent.deleted_at.is_(None))
            .group_by(AppealEvent.appeal_id).order_by(func.count().desc(), AppealEvent.appeal_id).limit(1))


def _year(db: Database) -> int:
    from app.models.ledgers import Meeting

    with db.session() as session:
        latest = session.scalar(select(func.max(Meeting.starts_at)).where(Meeting.deleted_at.is_(None)))
    return latest.year if latest else PRINT_DATE.year


def _ledger(db: Database, kind: str, year: int, options: PrintOptions, path: Path) -> int:
    return print_ledger(db, kind, path, year=year, options=options)


def documents(db: Database, year: int) -> dict[str, Callable[[Path], int]]:
    """Output name -> a function writing that document to a path."""
    options = PrintOptions(print_date=PRINT_DATE)
    docs: dict[str, Callable[[Path], int]] = {}
    meeting = _busiest_meeting(db, "general_meeting") or _busiest_meeting(db, "committee_meeting")
    if meeting:
        docs["signin"] = lambda p: print_meeting_signin(db, meeting, p, options=options)
        docs["minutes"] = lambda p: print_minutes(db, meeting, p, options)
    org = community_of(db).org_name
    docs["signin-blank"] = lambda p: blank_signin(p, f"{org}{year}年12月主题党日", db=db, options=options)
    workday = _busiest_meeting(db, "work_day")
    if workday:
        docs["signin-workday"] = lambda p: print_meeting_signin(db, workday, p, options=options)
    else:
        docs["signin-workday"] = lambda p: blank_signin(p, f"{org}{year}年12月社区工作日", db=db,
                                                        workday=True, options=options)
    appeal = _longest_appeal(db)
    if appeal:
        docs["appeal"] = lambda p: print_appeal(db, appeal, p, options)
    for kind in LEDGER_KINDS:
        docs[f"ledger-{kind}"] = partial(_ledger, db, kind, year, options)
    docs["book"] = lambda p: print_book(db, year, p, options)
    return docs


def to_png(pdf: Path, png: Path, dpi: int, page: int = 1) -> None:
    """Page ``page`` as a small grey PNG (16 shades are plenty for black text on white)."""
    from PIL import Image

    prefix = png.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(pdf), str(prefix)], check=True)
    with Image.open(png) as image:
        small = image.convert("L").quantize(16)
    small.save(png, optimize=True, bits=4)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="a database with demo data (default: make one)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "printing")
    parser.add_argument("--dpi", type=int, default=72)
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        print("render_docs: needs pdftoppm (poppler-utils)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.db is None:
            from app.services.demo import fill_demo

            db = Database.open(work / "demo.sqlite")
            fill_demo(db, "community")
        else:
            db = Database.open(args.db)
        try:
            year = _year(db)
            for name, make in documents(db, year).items():
                pdf = work / f"{name}.pdf"
                pages = make(pdf)
                to_png(pdf, args.out / f"{name}.png", args.dpi)
                if name == "book":
                    to_png(pdf, args.out / "book-contents.png", args.dpi, page=2)
                print(f"{name}: {pages} pages -> {args.out / (name + '.png')}")
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
