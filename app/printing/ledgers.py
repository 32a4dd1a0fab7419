"""Ledger reports (A4 landscape): one ruled table per registry list or ledger, with totals.

Each printable list is a :class:`LedgerKind` in :data:`LEDGER_KINDS`: it turns the
database's rows into a :class:`LedgerTable` (Chinese headers, values as they appear on
paper, personal data masked unless asked), which :func:`ledger_story` lays out.  The same
stories make up the yearly ledger book.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from app.db.database import Database
from app.printing.base import (
    FONT,
    LANDSCAPE,
    Column,
    DocInfo,
    PrintOptions,
    TocHeading,
    fmt_bool,
    fmt_date,
    fmt_date_cn,
    fmt_decimal,
    fmt_id_number,
    fmt_phone,
    frame_width,
    grid_table,
    para,
    render,
    styles,
)
from app.printing.labels import CHOICES, ORG_SUFFIX, REGISTRY_LEDGERS, SERIAL, SUMMABLE, TOTAL
from app.services.errors import DomainError
from app.services.fields import Kind
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


@dataclass(frozen=True)
class Community:
    id: str
    name: str
    org_name: str
    place: str


@dataclass(frozen=True)
class LedgerKind:
    kind: str
    title: str
    build: Callable[[Database, int | None, PrintOptions], LedgerTable]
    yearly: bool = False  # its rows belong to a year (meetings, appeals...) rather than a snapshot


LEDGER_KINDS: dict[str, LedgerKind] = {}


def community_of(db: Database) -> Community:
    svc = RegistryService(db)
    info = svc.community()
    values = svc.get("community", info.id)
    org = values.get("org_name") or f"中共{info.name}{ORG_SUFFIX.get(values.get('org_kind') or '', '委员会')}"
    return Community(info.id, info.name, org, f"{info.city}{info.district}{info.street}{info.name}")


def snapshot_period(options: PrintOptions) -> str:
    return f"截至{fmt_date_cn(options.date)}"


def year_period(year: int | None) -> str:
    return f"{year}年度" if year else "全部年度"


# --- registry lists ---------------------------------------------------------------------

_RIGHT = (Kind.INT, Kind.DECIMAL)
_CENTER = (Kind.DATE, Kind.BOOL, Kind.CHOICE, Kind.PHONE, Kind.ID_NUMBER)


def _paper_value(kind: str, key: str, col_kind: Kind, value: Any, options: PrintOptions) -> str:
    if value is None:
        return "" if col_kind is not Kind.BOOL else fmt_bool(False)
    if col_kind is Kind.INT:
        return str(value)
    if col_kind is Kind.DECIMAL:
        return fmt_decimal(value)
    if col_kind is Kind.DATE:
        return fmt_date(value)
    if col_kind is Kind.BOOL:
        return fmt_bool(bool(value))
    if col_kind is Kind.CHOICE:
        return CHOICES.get((kind, key), {}).get(str(value), str(value))
    if col_kind is Kind.PHONE:
        return fmt_phone(str(value), options)
    if col_kind is Kind.ID_NUMBER:
        return fmt_id_number(str(value), options)
    return str(value)


def registry_table(db: Database, kind: str, options: PrintOptions) -> LedgerTable:
    title, headers = REGISTRY_LEDGERS[kind]
    query = RegistryService(db).list_query(kind)
    list_columns = query.columns
    columns = [Column(SERIAL, 0.7, "CENTER")]
    for c in list_columns:
        header, weight = headers[c.key]
        align = "RIGHT" if c.kind in _RIGHT else "CENTER" if c.kind in _CENTER else "LEFT"
        columns.append(Column(header, weight, align))
    rows: list[list[str]] = []
    summable = SUMMABLE.get(kind, ())
    sums = dict.fromkeys(summable, 0)
    for n, row in enumerate(query.all_rows(), 1):
        values = row[1:]
        rows.append([str(n)] + [
            _paper_value(kind, c.key, c.kind, v, options) for c, v in zip(list_columns, values, strict=True)
        ])
        for c, v in zip(list_columns, values, strict=True):
            if c.key in sums and v is not None:
                sums[c.key] += int(v)
    total = [TOTAL] + [""] * len(list_columns)
    total[1] = f"共 {len(rows)} 条"
    for i, c in enumerate(list_columns, 1):
        if c.key in sums:
            total[i] = str(sums[c.key])
    return LedgerTable(title, columns, rows, snapshot_period(options), totals=[total])


def _registry_kind(kind: str) -> LedgerKind:
    return LedgerKind(kind, REGISTRY_LEDGERS[kind][0],
                      lambda db, _year, options: registry_table(db, kind, options))


for _kind in REGISTRY_LEDGERS:
    LEDGER_KINDS[_kind] = _registry_kind(_kind)


# --- laying out -------------------------------------------------------------------------


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
    right = f"{table.period}    共 {len(table.rows)} 条"
    story: list[Flowable] = [title, _meta_line(f"填报单位：{community.org_name}", right, width)]
    story.append(grid_table(table.columns, table.rows, width, total_rows=table.totals))
    for note in table.notes:
        story.append(para(note, st.small))
    return story


def ledger_kind(kind: str) -> LedgerKind:
    try:
        return LEDGER_KINDS[kind]
    except KeyError:
        raise DomainError("unknown_kind", kind=kind) from None


def ledger_qr(kind: str, community: Community, year: int | None) -> str:
    return f"ledger:{kind}:{community.id}" + (f":{year}" if year else "")


def print_ledger(db: Database, kind: str, path: Path, *, year: int | None = None,
                 options: PrintOptions | None = None) -> int:
    """Write the ledger report of ``kind`` (for ``year`` where the ledger has years); return pages."""
    options = options or PrintOptions()
    spec = ledger_kind(kind)
    community = community_of(db)
    table = spec.build(db, year, options)
    info = DocInfo(
        title=table.title, qr_value=ledger_qr(kind, community, year if spec.yearly else None),
        orientation=LANDSCAPE, header=f"{community.place} · {table.title}", print_date=options.date,
    )
    return render(path, ledger_story(table, community), info)

