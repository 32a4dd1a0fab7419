"""Reading the workbooks people keep: .xlsx, .xls, .ods, WPS .et and .csv, into plain rows.

Workbooks are read with calamine (a Rust reader, several times faster than openpyxl and the one
library here that reads .xlsx, .xls and .ods alike). A WPS .et file is an OLE workbook of the .xls
family: it is handed to calamine by its content, not its name. CSV files come in UTF-8 (with or
without a byte-order mark) or GBK/GB18030, as Excel and WPS save them on a Chinese Windows.

Merged cells are filled with the value of their top-left cell, so a header ``时间`` merged over two
columns reads as ``时间`` above each of them. Row numbers are those the spreadsheet program shows.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from app.services.errors import DomainError

Cell = str | int | float | bool | date | datetime | time | timedelta | None

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".et", ".ett", ".xlsb")
CSV_SUFFIXES = (".csv", ".txt")
SUFFIXES = WORKBOOK_SUFFIXES + CSV_SUFFIXES
_CSV_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass
class Sheet:
    """One sheet's cells: ``rows[i]`` is the row the spreadsheet program numbers ``first_row + i``."""

    name: str
    rows: list[list[Cell]]
    first_row: int = 1

    def row_number(self, index: int) -> int:
        return self.first_row + index


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook (a CSV file has one, named after the file)."""
    if path.suffix.lower() in CSV_SUFFIXES:
        return [path.stem]
    workbook = _open_workbook(path)
    try:
        return list(workbook.sheet_names)
    finally:
        workbook.close()


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """The cells of ``sheet`` (the first one when None), merged areas filled.

    Raises ``DomainError("file_unreadable", reason=...)`` or ``DomainError("no_such_sheet", ...)``.
    """
    if not path.is_file():
        raise DomainError("file_unreadable", reason="not_found")
    if path.suffix.lower() in CSV_SUFFIXES:
        return Sheet(sheet or path.stem, read_csv(path))
    workbook = _open_workbook(path)
    try:
        names = list(workbook.sheet_names)
        if not names:
            raise DomainError("file_unreadable", reason="no_sheets")
        name = sheet if sheet is not None else names[0]
        if name not in names:
            raise DomainError("no_such_sheet", sheet=name)
        try:
            ws = workbook.get_sheet_by_name(name)
            rows: list[list[Cell]] = [list(r) for r in ws.to_python(skip_empty_area=False)]
            merged = ws.merged_cell_ranges or []
        except Exception as exc:  # the reader's own errors are many and untyped
            raise DomainError("file_unreadable", reason=type(exc).__name__) from None
    finally:
        workbook.close()
    _fill_merged(rows, merged)
    return Sheet(name, rows)


def _open_workbook(path: Path) -> Any:
    from python_calamine import CalamineWorkbook

    if not path.is_file():
        raise DomainError("file_unreadable", reason="not_found")
    try:
        if path.suffix.lower() in (".et", ".ett"):
            # calamine picks its reader by the name; a WPS table is an .xls inside.
            with path.open("rb") as fh:
                return CalamineWorkbook.from_filelike(io.BytesIO(fh.read()))
        return CalamineWorkbook.from_path(str(path))
    except OSError as exc:
        raise DomainError("file_unreadable", reason=exc.strerror or type(exc).__name__) from None
    except Exception as exc:  # not a workbook, damaged, password protected
        raise DomainError("file_unreadable", reason=type(exc).__name__) from None


def _fill_merged(rows: list[list[Cell]], merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    for (r0, c0), (r1, c1) in merged:
        if r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else None
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if row[c] in (None, ""):
                    row[c] = value


def decode_text(data: bytes) -> str:
    """CSV bytes as text: UTF-8 with or without BOM, else GB18030 (a superset of GBK)."""
    for encoding in _CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError("file_unreadable", reason="encoding")


def read_csv(path: Path) -> list[list[Cell]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DomainError("file_unreadable", reason=exc.strerror or type(exc).__name__) from None
    text = decode_text(data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    width = 0
    rows: list[list[Cell]] = []
    for record in csv.reader(io.StringIO(text), dialect):
        rows.append([v if v.strip() else None for v in record])
        width = max(width, len(record))
    for row in rows:
        row.extend([None] * (width - len(row)))
    return rows
