"""Finding the header of a sheet, mapping its columns to fields and reading cells as values.

A header is found even below a title row or two, across merged cells and as two rows (``时间``
over ``出生日期`` / ``入党时间``). Columns are mapped from the headers people usually write; totals
lines (合计, 总计, 共 N 人) and blank rows are recognised and never imported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from app.services.fields import parse_date
from app.services.spreadsheet import Cell, Sheet

_HEADER_SCAN = 20
_EXCEL_EPOCH = date(1899, 12, 30)
# Serial numbers of 1900-01-01 .. 2100-12-31 in Excel's 1900 date system.
_SERIAL_RANGE = (2, 73415)
_TOTALS = re.compile(r"^(合\s*计|总\s*计|小\s*计|共\s*计|总\s*数|合计数|共\s*\d+\s*[人条户个项名]?)[:：]?")
_NOISE = re.compile(r"[\s*＊:：]|[（(](必填|选填|必需|可选|\*)[）)]")


def normalise_header(text: Any) -> str:
    """A header as compared: NFKC (full-width letters and brackets), no spaces, stars or colons."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text))
    return _NOISE.sub("", s).strip()


@dataclass(frozen=True)
class ColumnMap:
    """Which field each column of the sheet fills (columns not in ``fields`` are ignored)."""

    fields: dict[int, str]
    headers: list[str]

    def column_of(self, field_name: str) -> int | None:
        for col, name in self.fields.items():
            if name == field_name:
                return col
        return None


@dataclass
class Layout:
    """Where the header is, the column mapping and where the data starts."""

    header_rows: tuple[int, ...]  # indexes into Sheet.rows
    columns: ColumnMap
    data_start: int
    signature: str = ""
    mapped_fields: list[str] = field(default_factory=list)


def _aliases(aliases: Mapping[str, Sequence[str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for name, words in aliases.items():
        for word in words:
            table[normalise_header(word)] = name
    return table


def _score(row: Sequence[Cell], table: Mapping[str, str]) -> int:
    seen = {table[h] for h in (normalise_header(c) for c in row) if h in table}
    return len(seen)


def find_layout(sheet: Sheet, aliases: Mapping[str, Sequence[str]]) -> Layout | None:
    """The header rows and mapping of ``sheet``, or None when no row looks like a header."""
    table = _aliases(aliases)
    scan = sheet.rows[:_HEADER_SCAN]
    if not scan:
        return None
    scores = [_score(r, table) for r in scan]
    best = max(range(len(scan)), key=lambda i: (scores[i], -i))
    if scores[best] == 0:
        return None
    rows = [best]
    # A two-row header: a neighbour that names further fields (or the group above them).
    if best + 1 < len(scan) and scores[best + 1] and _adds(scan[best], scan[best + 1], table):
        rows.append(best + 1)
    elif best > 0 and scores[best - 1] and _adds(scan[best], scan[best - 1], table):
        rows.insert(0, best - 1)
    width = max(len(r) for r in sheet.rows)
    headers: list[str] = []
    mapping: dict[int, str] = {}
    for col in range(width):
        parts = [normalise_header(scan[r][col]) if col < len(scan[r]) else "" for r in rows]
        known = [p for p in reversed(parts) if p in table]
        parts = [p for i, p in enumerate(parts) if p and (i == 0 or p != parts[i - 1])]
        headers.append("/".join(parts))
        if known and table[known[0]] not in mapping.values():
            mapping[col] = table[known[0]]
    layout = Layout(tuple(rows), ColumnMap(mapping, headers), rows[-1] + 1)
    layout.signature = signature(headers)
    layout.mapped_fields = list(mapping.values())
    return layout


def _adds(row: Sequence[Cell], other: Sequence[Cell], table: Mapping[str, str]) -> bool:
    """``other`` names a field in a column where ``row`` names none."""
    for col, cell in enumerate(other):
        h = normalise_header(cell)
        mine = normalise_header(row[col]) if col < len(row) else ""
        if h in table and mine not in table:
            return True
    return False


def signature(headers: Sequence[str]) -> str:
    """The layout of a workbook as remembered: its headers, in order."""
    return "|".join(headers).rstrip("|")


def is_blank(row: Sequence[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


def is_totals(row: Sequence[Cell]) -> bool:
    """A totals line: its first filled cell reads 合计, 总计, 小计, 共计 or 共 N 人."""
    for cell in row:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        return isinstance(cell, str) and bool(_TOTALS.match(unicodedata.normalize("NFKC", cell).strip()))
    return False


# --- cells as the services' input ------------------------------------------------------


def excel_serial(number: float) -> date | None:
    """The date of an Excel serial number (1900 system), or None outside 1900-2100."""
    if not _SERIAL_RANGE[0] <= number <= _SERIAL_RANGE[1]:
        return None
    return _EXCEL_EPOCH + timedelta(days=int(number))


def date_input(cell: Cell) -> Any:
    """A date cell as the date field takes it: real dates and serials as dates, text as typed.

    Text is left to the field's own parsing (1965.03.12, 1965年3月12日, 1965-3-12, 1965/03/12),
    so an impossible date such as 1980.02.30 is refused there, not guessed.
    """
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int | float):
        if float(cell).is_integer() and 19000101 <= cell <= 21001231:
            return str(int(cell))  # 19650312 typed as a number
        serial = excel_serial(float(cell))
        return serial if serial is not None else str(cell)
    if isinstance(cell, str):
        text = unicodedata.normalize("NFKC", cell).strip()
        if re.fullmatch(r"\d{1,5}(\.0+)?", text):
            serial = excel_serial(float(text))
            if serial is not None and len(text.split(".")[0]) == 5:
                return serial
        return text
    return cell


def datetime_input(cell: Cell) -> Any:
    """A date-and-time cell: a real one as it is, a date alone (typed or real) at midnight, other
    text left to the field's own parsing (so an impossible date is refused, not guessed)."""
    if isinstance(cell, datetime):
        return cell
    value = date_input(cell)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, str):
        day = parse_date(value)
        if day is not None:
            return datetime.combine(day, time())
    return value


def text_input(cell: Cell) -> Any:
    """A cell as text: whole numbers without ``.0`` (phones and ID numbers typed as numbers)."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        return "是" if cell else "否"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat(" ")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()
