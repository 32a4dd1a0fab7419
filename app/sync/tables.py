"""The synced tables as sync sees them: which columns travel, how values decode, and field stamps.

Everything here is generic over ``app.models.SYNCED_MODELS``: a table appended there syncs
without further code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import orjson
from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from app.identity import RULE
from app.models import SYNCED_MODELS, SyncedRecord
from app.models.base import REFERS_TO
from app.models.sync import SyncFieldStamp
from app.sync.codec import Decoder, column_kind, decoder_for, empty_value

# Lower than any stamp a clock issues: the age of a field no change has set yet.
ZERO_STAMP = "0000000000000-00000-0"
# Columns that are bookkeeping of the local copy, not data that travels.
LOCAL_COLUMNS = frozenset({"id", "hlc", "updated_at"})
CHUNK = 500


@dataclass(frozen=True)
class SyncTable:
    name: str
    model: type[SyncedRecord]
    table: Table
    columns: tuple[str, ...]
    decoders: dict[str, Decoder] = field(repr=False)
    empties: dict[str, Any] = field(repr=False)
    kinds: dict[str, tuple[int, int | None, bool]] = field(repr=False)
    # Column -> the rule of app.identity its values follow (ID numbers, phones, division codes).
    rules: dict[str, str] = field(repr=False, default_factory=dict)
    # Column -> the synced table whose record id it holds.
    references: dict[str, str] = field(repr=False, default_factory=dict)

    def decode(self, name: str, value: Any) -> Any:
        return self.decoders[name](value)


@cache
def _tables(models: tuple[type[SyncedRecord], ...]) -> dict[str, SyncTable]:
    result: dict[str, SyncTable] = {}
    for model in models:
        table: Table = model.__table__  # type: ignore[attr-defined]
        cols = tuple(c.name for c in table.columns if c.name not in LOCAL_COLUMNS)
        result[table.name] = SyncTable(
            name=str(table.name),
            model=model,
            table=table,
            columns=cols,
            decoders={c.name: decoder_for(c) for c in table.columns if c.name not in LOCAL_COLUMNS},
            empties={c.name: empty_value(c) for c in table.columns if c.name not in LOCAL_COLUMNS},
            kinds={c.name: column_kind(c) for c in table.columns if c.name not in LOCAL_COLUMNS},
            rules={c.name: c.info[RULE] for c in table.columns if RULE in c.info},
            references={c.name: c.info[REFERS_TO] for c in table.columns if REFERS_TO in c.info},
        )
    return result


def synced_tables() -> dict[str, SyncTable]:
    """Table name -> :class:`SyncTable` for every synced model."""
    return _tables(tuple(SYNCED_MODELS))


def chunks(items: list[str], size: int = CHUNK) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def load_stamps(session: Session, table_name: str, record_ids: list[str]) -> dict[str, dict[str, str]]:
    """The per-field stamps of those records that have differing ones."""
    found: dict[str, dict[str, str]] = {}
    for part in chunks(record_ids):
        rows = session.execute(
            select(SyncFieldStamp.record_id, SyncFieldStamp.stamps).where(
                SyncFieldStamp.table_name == table_name, SyncFieldStamp.record_id.in_(part))
        )
        for record_id, text in rows:
            found[record_id] = orjson.loads(text)
    return found


def store_stamps(session: Session, table_name: str, stamps: dict[str, dict[str, str] | None]) -> None:
    """Write per-field stamps; ``None`` (or all-equal stamps) removes the row."""
    if not stamps:
        return
    ids = list(stamps)
    for part in chunks(ids):
        session.execute(delete(SyncFieldStamp).where(
            SyncFieldStamp.table_name == table_name, SyncFieldStamp.record_id.in_(part)))
    rows = [
        {"table_name": table_name, "record_id": rid, "stamps": orjson.dumps(m, option=orjson.OPT_SORT_KEYS)
         .decode()}
        for rid, m in stamps.items()
        if m is not None and len(set(m.values())) > 1
    ]
    if rows:
        session.execute(SyncFieldStamp.__table__.insert(), rows)  # type: ignore[attr-defined]


def note_local_change(session: Session, obj: SyncedRecord, previous_hlc: str, changed: Iterable[str]) -> None:
    """Keep per-field stamps when a local edit changes only some fields of ``obj``."""
    tables = synced_tables()
    table_name = obj.__table__.name  # type: ignore[attr-defined]
    spec = tables.get(table_name)
    if spec is None:
        return
    row = session.get(SyncFieldStamp, (table_name, obj.id))
    if row is not None:
        stamps: dict[str, str] = orjson.loads(row.stamps)
    else:
        if not previous_hlc:
            return
        stamps = dict.fromkeys(spec.columns, previous_hlc)
    for name in changed:
        if name in stamps or name in spec.decoders:
            stamps[name] = obj.hlc
    if len(set(stamps.values())) > 1:
        text = orjson.dumps(stamps, option=orjson.OPT_SORT_KEYS).decode()
        if row is None:
            session.add(SyncFieldStamp(table_name=table_name, record_id=obj.id, stamps=text))
        else:
            row.stamps = text
    elif row is not None:
        session.delete(row)
