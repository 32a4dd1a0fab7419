"""Ledger reports of the registry lists, read through ``RegistryService.list_query``."""

from __future__ import annotations

from typing import Any

from app.db.database import Database
from app.printing.base import (
    Column,
    PrintOptions,
    fmt_bool,
    fmt_date,
    fmt_decimal,
    fmt_id_number,
    fmt_phone,
)
from app.printing.labels import (
    CENTRED,
    CENTRED_BY_KIND,
    CHOICES,
    REGISTRY_LEDGERS,
    SERIAL,
    SORT_BY,
    SUMMABLE,
    TOTAL,
)
from app.printing.ledgers import LedgerKind, LedgerTable, snapshot_period
from app.services.fields import Kind
from app.services.kinds import record_kinds
from app.services.registry import RegistryService

_RIGHT = (Kind.INT, Kind.DECIMAL)
_CENTER = (Kind.DATE, Kind.BOOL, Kind.CHOICE, Kind.PHONE, Kind.ID_NUMBER)


def paper_value(kind: str, key: str, col_kind: Kind, value: Any, options: PrintOptions) -> str:
    """A list cell as it reads on paper: dates, yes/no, Chinese choice labels, masked personal data."""
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
    keys = [c.key for c in list_columns]
    if kind in SORT_BY:
        query.set_sort(keys.index(SORT_BY[kind]))
    columns = [Column(SERIAL, 0.7, "CENTER")]
    for c in list_columns:
        header, weight = headers[c.key]
        centred = c.kind in _CENTER or c.key in CENTRED or (kind, c.key) in CENTRED_BY_KIND
        align = "RIGHT" if c.kind in _RIGHT else "CENTER" if centred else "LEFT"
        columns.append(Column(header, weight, align))
    rows: list[list[str]] = []
    sums = dict.fromkeys(SUMMABLE.get(kind, ()), 0)
    for n, row in enumerate(query.all_rows(), 1):
        values = row[1:]
        rows.append([str(n)] + [
            paper_value(kind, c.key, c.kind, v, options) for c, v in zip(list_columns, values, strict=True)
        ])
        for c, v in zip(list_columns, values, strict=True):
            if c.key in sums and v is not None:
                sums[c.key] += int(v)
    total = [TOTAL, f"共 {len(rows)} 条"] + [""] * (len(list_columns) - 1)
    for i, c in enumerate(list_columns, 1):
        if c.key in sums:
            total[i] = str(sums[c.key])
    return LedgerTable(title, columns, rows, snapshot_period(options), totals=[total])


def _kind(kind: str) -> LedgerKind:
    sensitive = any(c.kind in (Kind.PHONE, Kind.ID_NUMBER) for c in record_kinds()[kind].columns())
    return LedgerKind(kind, REGISTRY_LEDGERS[kind][0],
                      lambda db, _year, options: [registry_table(db, kind, options)],
                      personal_data=sensitive)


REGISTRY_KINDS: list[LedgerKind] = [_kind(k) for k in REGISTRY_LEDGERS]
