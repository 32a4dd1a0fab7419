"""Printing benchmark: a 1,000-row ledger and the yearly book of the ``community`` demo.

    .venv/bin/python benchmarks/bench_printing.py [--rounds N] [--db DEMO.sqlite]

Each figure is next to a baseline measured in the same run: a bare reportlab canvas drawing
the same rows (same embedded font, ruled cells, a header row and a page number on each page,
no wrapping, no page templates).  Goal: within 3x of the baseline.  Without ``--db`` a fresh
``community`` demo database is made in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from app.db.database import Database  # noqa: E402
from app.printing.base import LANDSCAPE, DocInfo, PrintOptions, column_widths, render  # noqa: E402
from app.printing.book import print_book  # noqa: E402
from app.printing.catalog import LEDGER_KINDS, tables_story  # noqa: E402
from app.printing.fonts import FONT, register_font  # noqa: E402
from app.printing.ledgers import LedgerTable, community_of  # noqa: E402
from app.printing.registry_reports import registry_table  # noqa: E402

OPTIONS = PrintOptions(print_date=date(2026, 11, 20))
KEEP = ("序号", "姓名", "性别", "出生日期", "党小组", "小区", "联系电话", "工作单位")


def thousand_rows(db: Database) -> LedgerTable:
    """1,000 rows x 8 columns of the demo's member roster."""
    roster = registry_table(db, "party_member", OPTIONS)
    keep = [i for i, c in enumerate(roster.columns) if c.header in KEEP]
    rows = [[row[i] for i in keep] for row in roster.rows]
    while len(rows) < 1000:
        rows += rows
    rows = [[str(n)] + row[1:] for n, row in enumerate(rows[:1000], 1)]
    return LedgerTable("党员名册（1,000 行）", [roster.columns[i] for i in keep], rows, roster.period)


def canvas_tables(path: Path, tables: Sequence[LedgerTable]) -> int:
    """The baseline: the same rows drawn straight on a canvas, a new page per table."""
    register_font()
    width, height = landscape(A4)
    canvas = Canvas(str(path), pagesize=(width, height), initialFontName=FONT)
    row_h, left, top, bottom = 16.0, 15 * mm, height - 30 * mm, 20 * mm
    pages = 0
    for table in tables:
        widths = column_widths(table.columns, width - 2 * left)
        xs = [left]
        for w in widths:
            xs.append(xs[-1] + w)
        per_page = int((top - bottom) // row_h) - 1
        chunks = [table.rows[i:i + per_page] for i in range(0, len(table.rows), per_page)] or [[]]
        for chunk in chunks:
            pages += 1
            canvas.setFont(FONT, 16)
            canvas.drawCentredString(width / 2, height - 20 * mm, table.title)
            canvas.setFont(FONT, 9)
            y = top
            for row in [[c.header for c in table.columns]] + chunk:
                for i, value in enumerate(row):
                    if value:
                        canvas.drawString(xs[i] + 3, y - 11.5, value.split("\n")[0])
                canvas.line(left, y, xs[-1], y)
                y -= row_h
            canvas.line(left, y, xs[-1], y)
            for x in xs:
                canvas.line(x, top, x, y)
            canvas.drawCentredString(width / 2, 10 * mm, f"第 {pages} 页")
            canvas.showPage()
    canvas.save()
    return pages


def timed(rounds: int, fn: Callable[[], int]) -> tuple[float, int]:
    """Median seconds over ``rounds`` runs, and the page count."""
    seconds: list[float] = []
    pages = 0
    for _ in range(rounds):
        started = time.perf_counter()
        pages = fn()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="a community demo database (default: make one)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.db is None:
            from app.services.demo import fill_demo

            print("building the community demo database ...", file=sys.stderr, flush=True)
            db = Database.open(work / "demo.sqlite")
            fill_demo(db, "community")
        else:
            db = Database.open(args.db)
        try:
            community = community_of(db)
            year = OPTIONS.date.year
            register_font()
            table = thousand_rows(db)
            info = DocInfo(title=table.title, qr_value="bench:ledger", orientation=LANDSCAPE,
                           header=community.place, print_date=OPTIONS.date)
            ledger = timed(args.rounds, lambda: render(work / "ledger.pdf", tables_story([table], community),
                                                       info))
            ledger_base = timed(args.rounds, lambda: canvas_tables(work / "ledger-canvas.pdf", [table]))
            book = timed(args.rounds, lambda: print_book(db, year, work / "book.pdf", OPTIONS))
            book_tables = [t for spec in LEDGER_KINDS.values() for t in spec.build(db, year, OPTIONS)]
            book_base = timed(args.rounds, lambda: canvas_tables(work / "book-canvas.pdf", book_tables))
            rows = sum(len(t.rows) for t in book_tables)
        finally:
            db.close()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nmachine load (1 min): {load:.2f}; median of {args.rounds} runs\n")
    print("| document | Community Ledger | pages | pages/s | bare canvas, same rows | pages | ratio |")
    print("|---|---|---|---|---|---|---|")
    for name, (s, p), (bs, bp) in (
        ("1,000-row ledger (8 columns, A4 landscape)", ledger, ledger_base),
        (f"yearly book {year}, community demo ({rows:,} rows read from the database)", book, book_base),
    ):
        print(f"| {name} | {s:.2f} s | {p} | {p / s:.0f} | {bs:.2f} s | {bp} | {s / bs:.1f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
