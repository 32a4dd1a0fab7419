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
from sqlalchemy import ColumnElement, Table, any_, bindparam, cast, delete, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

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


def among(session: Session, column: Any, ids: list[str]) -> Iterable[ColumnElement[bool]]:
    """Conditions that together match ``column`` to every one of ``ids``, a query each.

    On PostgreSQL one: ``= ANY`` of one array, so a thousand ids are one statement, the same text
    every time (prepared once per connection), instead of a statement of 500 parameters rendered
    afresh for every part.  Elsewhere ``IN`` lists of :data:`CHUNK` ids (SQLite bounds
    the number of parameters of a statement).
    """
    if not ids:
        return
    if session.get_bind().dialect.name == "postgresql":
        # The array's text is sent untyped, so the server reads it as an array constant when it
        # parses the statement (a typed text cast to an array would be parsed again for each row).
        literal = bindparam(None, _array_literal(ids), type_=NullType())
        yield column == any_(cast(literal, ARRAY(column.type)))
        return
    for part in chunks(ids):
        yield column.in_(part)


def _array_literal(ids: list[str]) -> str:
    """``ids`` as the text of a PostgreSQL array (the driver's own conversion of a list runs in
    Python, element by element, several times slower)."""
    text = '","'.join(ids)
    if '"' in text or "\\" in text:
        text = '","'.join(i.replace("\\", "\\\\").replace('"', '\\"') for i in ids)
    return '{"' + text + '"}'


def load_stamps(session: Session, table_name: str, record_ids: list[str]) -> dict[str, dict[str, str]]:
    """The per-field stamps of those records that have differing ones."""
    found: dict[str, dict[str, str]] = {}
    for matching in among(session, SyncFieldStamp.record_id, record_ids):
        rows = session.execute(
            select(SyncFieldStamp.record_id, SyncFieldStamp.stamps).where(
                SyncFieldStamp.table_name == table_name, matching)
        )
        for record_id, text in rows:
            found[record_id] = orjson.loads(text)
    return found


def store_stamps(session: Session, table_name: str, stamps: dict[str, dict[str, str] | None]) -> None:
    """Write per-field stamps; ``None`` (or all-equal stamps) removes the row."""
    if not stamps:
        return
    for matching in among(session, SyncFieldStamp.record_id, list(stamps)):
        session.execute(delete(SyncFieldStamp).where(SyncFieldStamp.table_name == table_name, matching))
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
