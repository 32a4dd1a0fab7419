"""Ledger reports (A4 landscape): a title, the community and period, a ruled table with totals.

A report is one or more :class:`LedgerTable` (Chinese headers, every value already worded
for paper, personal data masked unless asked); :func:`ledger_story` lays one out.  Which
lists can be printed, and how each is read from the database, is in
:mod:`app.printing.catalog`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from app.db.database import Database
from app.printing.base import (
    LANDSCAPE,
    Column,
    PrintOptions,
    TocHeading,
    fmt_date_cn,
    frame_width,
    grid_table,
    para,
    styles,
)
from app.printing.fonts import FONT
from app.printing.labels import ORG_SUFFIX
from app.services.registry import RegistryService


@dataclass
class LedgerTable:
    """A ledger ready for paper: every value already a string."""

    title: str
    columns: list[Column]
    rows: list[list[str]]
    period: str
    totals: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    count: int | None = None  # records, when not one per row (a carried-over balance row)


@dataclass(frozen=True)
class Community:
    id: str
    name: str
    org_name: str
    place: str


Builder = Callable[[Database, int | None, PrintOptions], list[LedgerTable]]


@dataclass(frozen=True)
class LedgerKind:
    kind: str
    title: str
    build: Builder
    yearly: bool = False  # its rows belong to a year (meetings, appeals...) rather than a snapshot
    personal_data: bool = False  # shows ID numbers or phones (masked unless asked)


def community_of(db: Database) -> Community:
    svc = RegistryService(db)
    info = svc.community()
    values = svc.get("community", info.id)
    org = values.get("org_name") or f"中共{info.name}{ORG_SUFFIX.get(values.get('org_kind') or '', '委员会')}"
    return Community(info.id, info.name, org, f"{info.city}{info.district}{info.street}{info.name}")


def snapshot_period(options: PrintOptions) -> str:
    return f"截至{fmt_date_cn(options.date)}"


def year_period(year: int) -> str:
    return f"{year}年度"


def _meta_line(left: str, right: str, width: float) -> Table:
    st = styles()
    table = Table([[para(left, st.label), para(right, st.label_right)]], colWidths=[width * 0.6, width * 0.4])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 10),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def ledger_story(table: LedgerTable, community: Community, *, in_book: bool = False) -> list[Flowable]:
    """Title, the community and period line, the ruled table with totals, and any notes."""
    st = styles()
    width = frame_width(LANDSCAPE)
    title: Paragraph = (TocHeading(table.title, st.title, 0, key=f"ledger-{id(table)}") if in_book
                        else para(table.title, st.title))
    count = len(table.rows) if table.count is None else table.count
    right = f"{table.period}\u00a0\u00a0\u00a0\u00a0共 {count} 条"
    story: list[Flowable] = [title, _meta_line(f"填报单位：{community.org_name}", right, width)]
    story.append(grid_table(table.columns, table.rows, width, total_rows=table.totals))
    for note in table.notes:
        story.append(para(note, st.small))
    return story
