"""The yearly ledger book (台账汇编): a cover, a table of contents with page numbers, and every
ledger of the year in order, for the binder shown at inspections."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from app.db.database import Database
from app.printing.base import (
    LANDSCAPE,
    PORTRAIT,
    Contents,
    DocInfo,
    PrintOptions,
    fmt_date_cn,
    para,
    render,
    styles,
)
from app.printing.catalog import LEDGER_KINDS, tables_story
from app.printing.ledgers import Community, community_of

BOOK_TITLE = "党建工作台账汇编"

Progress = Callable[[int, int, str], None]


def _cover(community: Community, year: int, options: PrintOptions) -> list[Flowable]:
    st = styles()
    return [
        Spacer(1, 45 * mm),
        para(community.org_name, st.cover_line),
        Spacer(1, 8 * mm),
        para(f"{year}年度", st.cover_line),
        Spacer(1, 10 * mm),
        para(BOOK_TITLE, st.cover_title),
        Spacer(1, 70 * mm),
        para(community.place, st.cover_line),
        para(f"编印日期：{fmt_date_cn(options.date)}", st.cover_line),
    ]


def _contents(sections: list[Flowable]) -> list[Flowable]:
    st = styles()
    return [para("目\u00a0\u00a0\u00a0\u00a0录", st.heading), Spacer(1, 4 * mm), Contents.of(sections)]


def book_story(db: Database, year: int, options: PrintOptions,
               progress: Progress | None = None) -> list[Flowable]:
    community = community_of(db)
    sections: list[Flowable] = []
    kinds = list(LEDGER_KINDS.values())
    for i, spec in enumerate(kinds, 1):
        if progress is not None:
            progress(i, len(kinds), spec.title)
        tables = spec.build(db, year, options)
        sections += [NextPageTemplate(LANDSCAPE), PageBreak()]
        sections += tables_story(tables, community, in_book=True)
    story: list[Flowable] = _cover(community, year, options)
    return story + [NextPageTemplate(PORTRAIT), PageBreak()] + _contents(sections) + sections


def print_book(db: Database, year: int, path: Path, options: PrintOptions | None = None,
               progress: Progress | None = None) -> int:
    """Write the year's ledger book to ``path``; return its page count."""
    options = options or PrintOptions()
    community = community_of(db)
    info = DocInfo(title=f"{year}年度{BOOK_TITLE}", qr_value=f"book:{community.id}:{year}",
                   orientation=PORTRAIT, header=f"{community.place} · {year}年度{BOOK_TITLE}",
                   print_date=options.date)
    return render(path, book_story(db, year, options, progress), info)
