"""Lists and ledgers as .xlsx workbooks for inspectors and archives (openpyxl, write-only mode).

Each sheet has a title row, a frozen and styled header, column widths fitted to the text, dates
as dates, money and decimals as numbers with two decimals. ID numbers and phone numbers are
masked unless asked; in full they are written as text, so a spreadsheet program keeps every digit
of an ID number instead of showing 2.2088E+17.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.atomic import atomic_write
from app.db.database import Database
from app.printing.base import PrintOptions
from app.printing.catalog import ledger_kind
from app.printing.labels import ARCHIVE_SHEETS, CHOICES, REGISTRY_LEDGERS, SERIAL
from app.printing.ledgers import LedgerTable, community_of
from app.printing.venue_report import LAYOUT_WORDS, SETTING_WORDS, VENUE_KIND_WORDS
from app.printing.work_reports import BRAND_LEVELS
from app.progress import QUIET, Progress
from app.services.fields import Kind
from app.services.identity import mask_id_number, mask_phone
from app.services.kinds import record_kinds
from app.services.listing import ListQuery
from app.services.registry import RegistryService

TEXT, DATE, DATETIME, INT, MONEY, DECIMAL = "text", "date", "datetime", "int", "money", "decimal"
_FORMATS = {DATE: "yyyy-mm-dd", DATETIME: "yyyy-mm-dd hh:mm", INT: "0", MONEY: "#,##0.00",
            DECIMAL: "0.00", TEXT: "@"}
_MAX_WIDTH = 60
_NUMERIC_TEXT = re.compile(r"^[+\d][\d\s-]{5,}[\dXx]?$")
_SHEET_NAME = re.compile(r"[\\/*?:\[\]]")


@dataclass
class SheetData:
    """One sheet: a title, the headers, the rows (typed values) and each column's format."""

    name: str
    title: str
    headers: list[str]
    formats: list[str]
    rows: Iterable[Sequence[Any]]
    subtitle: str = ""
    widths: list[float] = field(default_factory=list)


def _width(value: Any) -> float:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    text = str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def write_workbook(path: Path, sheets: Sequence[SheetData], progress: Progress = QUIET) -> int:
    """Write ``sheets`` to ``path`` (whole or not at all); return the data rows written.

    ``progress`` hears of each sheet as it is read, and may stop the export between sheets.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    wb = Workbook(write_only=True)
    title_font = Font(bold=True, size=14)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE4EE")
    thin = Side(style="thin", color="808080")
    header_border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    used: set[str] = set()
    total = 0
    for number, sheet in enumerate(sheets):
        progress.progress(number, len(sheets), sheet.title)
        progress.check()
        ws = wb.create_sheet(_sheet_name(sheet.name, used))
        rows = [list(r) for r in sheet.rows]
        widths = [float(_width(h)) for h in sheet.headers]
        for row in rows[:2000]:
            for i, v in enumerate(row[:len(widths)]):
                widths[i] = max(widths[i], _width(v))
        for i, w in enumerate(widths):
            letter = _column_letter(i)
            ws.column_dimensions[letter].width = min(_MAX_WIDTH, max(6.0, w + 2))
        ws.freeze_panes = "A3"
        title = WriteOnlyCell(ws, value=sheet.title + (f"（{sheet.subtitle}）" if sheet.subtitle else ""))
        title.font = title_font
        ws.append([title])
        header = []
        for h in sheet.headers:
            cell = WriteOnlyCell(ws, value=h)
            cell.font, cell.fill = header_font, header_fill
            cell.border, cell.alignment = header_border, centred
            header.append(cell)
        ws.append(header)
        # A styled cell costs several times a plain value: only dates and numbers that need their
        # format get one, and text that a spreadsheet program would read as a number (ID numbers).
        styled = {i: _FORMATS[f] for i, f in enumerate(sheet.formats) if f not in (TEXT, INT)}
        for row in rows:
            out: list[Any] = []
            for i, v in enumerate(row):
                if v is None or v == "":
                    out.append(None)
                    continue
                fmt = styled.get(i)
                if fmt is None and not (isinstance(v, str) and _NUMERIC_TEXT.match(v)):
                    out.append(v)
                    continue
                cell = WriteOnlyCell(ws, value=v)
                cell.number_format = fmt or "@"
                out.append(cell)
            ws.append(out)
        if sheet.headers:
            ws.auto_filter.ref = f"A2:{_column_letter(len(sheet.headers) - 1)}{len(rows) + 2}"
        total += len(rows)
    if not sheets:
        wb.create_sheet("Sheet1")
    progress.progress(len(sheets), len(sheets))
    progress.committing()
    atomic_write(path, write=lambda tmp: wb.save(str(tmp)), private=True)
    return total


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _sheet_name(name: str, used: set[str]) -> str:
    base = _SHEET_NAME.sub("_", name)[:31] or "Sheet"
    candidate, n = base, 2
    while candidate in used:
        suffix = f"({n})"
        candidate, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate


# --- lists read with the list's own query ---------------------------------------------------

# Choices of the ledgers whose printed words live with their reports.
_CHOICES = {**CHOICES,
            ("venue", "kind"): VENUE_KIND_WORDS, ("venue", "setting"): SETTING_WORDS,
            ("venue_room", "layout"): LAYOUT_WORDS, ("community_brand", "level"): BRAND_LEVELS}

_LIST_FORMATS = {Kind.DATE: DATE, Kind.DATETIME: DATETIME, Kind.INT: INT, Kind.DECIMAL: DECIMAL,
                 Kind.FEN: MONEY}


def list_sheet(kind: str, query: ListQuery, *, title: str, headers: Sequence[str], full: bool = False,
               name: str | None = None, subtitle: str = "",
               words: Callable[[Kind, Any], str] | None = None) -> SheetData:
    """The rows ``query`` gives (its search, filters and order applied), typed for a workbook.

    ``words`` says choices and yes/no as a list on screen says them (the paper's words otherwise).
    """
    columns = query.columns
    formats = [_LIST_FORMATS.get(c.kind, TEXT) for c in columns]

    def cell(c: Any, value: Any) -> Any:
        if value is None:
            return None
        k = c.kind
        if words is not None and k in (Kind.BOOL, Kind.CHOICE):
            return words(k, value)
        if k is Kind.BOOL:
            return "是" if value else "否"
        if k is Kind.CHOICE:
            return _CHOICES.get((kind, c.key), {}).get(str(value), str(value))
        if k is Kind.PHONE:
            return str(value) if full else mask_phone(str(value))
        if k is Kind.ID_NUMBER:
            return str(value) if full else mask_id_number(str(value))
        if k is Kind.FEN:
            return Decimal(int(value)) / 100
        if k is Kind.DATETIME and isinstance(value, datetime):
            return value.replace(tzinfo=None)
        return value

    def rows() -> Iterable[list[Any]]:
        for row in query.all_rows():
            yield [cell(c, v) for c, v in zip(columns, row[1:], strict=True)]

    return SheetData(name or title, title, list(headers), formats, rows(), subtitle=subtitle)


def registry_sheet(db: Database, kind: str, *, full: bool = False, query: ListQuery | None = None,
                   subtitle: str = "") -> SheetData:
    """A registry list with the headers of its printed ledger."""
    query = query or RegistryService(db).list_query(kind)
    title, labels = REGISTRY_LEDGERS.get(kind, (kind, {}))
    headers = [labels.get(c.key, (c.key, 0))[0] for c in query.columns]
    return list_sheet(kind, query, title=title, headers=headers, full=full, subtitle=subtitle)


# --- ledgers as printed -----------------------------------------------------------------

_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
_NUMBER_TEXT = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d{1,10}(\.\d+)?$")


def typed_cell(value: str, align: str) -> tuple[Any, str]:
    if not value:
        return None, TEXT
    if _DATE_TEXT.match(value):
        return date.fromisoformat(value), DATE
    if _DATETIME_TEXT.match(value):
        return datetime.strptime(value, "%Y-%m-%d %H:%M"), DATETIME
    if align == "RIGHT" and _NUMBER_TEXT.match(value):
        plain = value.replace(",", "")
        if "." in plain:
            return Decimal(plain), MONEY
        return int(plain), INT
    return value, TEXT


def ledger_sheets(table: LedgerTable) -> SheetData:
    """A printed ledger's table with its words turned back into dates and numbers."""
    aligns = [c.align for c in table.columns]
    aligns = ["RIGHT" if c.header == SERIAL else a for c, a in zip(table.columns, aligns, strict=True)]
    formats = [TEXT] * len(aligns)
    rows: list[list[Any]] = []
    for source in [*table.rows, *table.totals]:
        row: list[Any] = []
        for i, text in enumerate(source):
            value, fmt = typed_cell(text, aligns[i] if i < len(aligns) else "LEFT")
            if fmt != TEXT:
                formats[i] = fmt
            row.append(value)
        rows.append(row)
    return SheetData(table.title, table.title, [c.header for c in table.columns], formats, rows,
                     subtitle=table.period)


def export_kind(db: Database, kind: str, path: Path, *, full: bool = False, year: int | None = None,
                today: date | None = None) -> int:
    """Export the ledger ``kind`` (a name of ``print ledger``) to ``path``; return the rows."""
    spec = ledger_kind(kind)
    community = community_of(db)
    if kind in REGISTRY_LEDGERS:
        sheets = [registry_sheet(db, kind, full=full, subtitle=community.name)]
    else:
        options = PrintOptions(full_personal_data=full, print_date=today)
        period = (year or options.date.year) if spec.yearly else None
        sheets = [ledger_sheets(t) for t in spec.build(db, period, options)]
    return write_workbook(path, sheets)


def export_database(db: Database, path: Path, *, full: bool = False, progress: Progress = QUIET) -> int:
    """Every kind of record of the community, one sheet each, for archives."""
    svc = RegistryService(db)
    sheets: list[SheetData] = []
    for kind in record_kinds():
        if kind == "community":
            continue
        query = svc.list_query(kind)
        if kind in REGISTRY_LEDGERS:
            sheets.append(registry_sheet(db, kind, full=full, query=query))
        else:
            title, words = ARCHIVE_SHEETS[kind]
            headers = [words[c.key] for c in query.columns]
            sheets.append(list_sheet(kind, query, title=title, headers=headers, full=full))
    return write_workbook(path, sheets, progress)

