"""The change log: stamps a synced record and queues the change in the outbox, in one transaction."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.db.database import CLOCK_KEY, Database
from app.models import OutboxEntry, SyncedRecord, new_id
from app.sync.codec import to_json_value
from app.sync.tables import note_local_change

UPSERT = "upsert"
DELETE = "delete"

# Bookkeeping of the local copy: the stamp replaces them.  ``created_at`` travels with a create
# so every copy shows the same creation time.
_SKIP = {"hlc", "updated_at"}
# An outbox entry's fields: keys sorted, Chinese as it is, dates and decimals as to_json_value writes them.
_FIELDS_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=to_json_value)


def record_fields(obj: SyncedRecord) -> dict[str, Any]:
    """Every column of ``obj`` except the bookkeeping ones the stamp replaces."""
    return {
        col.key: getattr(obj, col.key)
        for col in obj.__table__.columns  # type: ignore[attr-defined]
        if col.key not in _SKIP
    }


class ChangeLog:
    """Writes go through here.  Use one per session; it never commits by itself."""

    def __init__(self, db: Database, session: Session, now: Callable[[], datetime] = datetime.now):
        self.db = db
        self.session = session
        self._now = now

    def created(self, obj: SyncedRecord) -> None:
        now = self._now()
        obj.created_at = now
        if not obj.id:
            obj.id = new_id()
        self._stamp(obj, now)
        self.session.add(obj)
        self.session.flush()
        self._queue(obj, UPSERT, record_fields(obj), now)

    def updated(self, obj: SyncedRecord, changed: dict[str, Any]) -> None:
        if not changed:
            return
        now = self._now()
        for key, value in changed.items():
            setattr(obj, key, value)
        previous = obj.hlc
        self._stamp(obj, now)
        note_local_change(self.session, obj, previous, changed)
        self._queue(obj, UPSERT, changed, now)

    def deleted(self, obj: SyncedRecord) -> None:
        now = self._now()
        obj.deleted_at = now
        previous = obj.hlc
        self._stamp(obj, now)
        note_local_change(self.session, obj, previous, ["deleted_at"])
        self._queue(obj, DELETE, {"deleted_at": now}, now)

    def restored(self, obj: SyncedRecord) -> None:
        self.updated(obj, {"deleted_at": None})

    def bulk_created(self, model: type[SyncedRecord], rows: Iterable[dict[str, Any]]) -> int:
        """Insert many new records of one table with Core executemany (demo data, imports)."""
        now = self._now()
        table = model.__table__  # type: ignore[attr-defined]
        records: list[dict[str, Any]] = []
        outbox: list[dict[str, Any]] = []
        # Every column gets a value, so each change describes the whole record.
        base = {c.key: (c.default.arg if c.default is not None and not callable(c.default.arg) else None)
                for c in table.columns if c.key != "id"}
        for row in rows:
            stamp = self.db.clock.now().encode()
            record = dict(base)
            record.update(row)
            if not record.get("id"):
                record["id"] = new_id()
            record.update(created_at=now, updated_at=now, hlc=stamp, deleted_at=None)
            records.append(record)
            fields = {k: v for k, v in record.items() if k not in _SKIP}
            outbox.append(self._outbox_row(table.name, record["id"], record["community_id"],
                                           UPSERT, fields, stamp, now))
        if records:
            self._insert_many(table, records)
            self._insert_many(OutboxEntry.__table__, outbox)
            self._save_clock()
        return len(records)

    def _insert_many(self, table: Any, rows: list[dict[str, Any]]) -> None:
        """One executemany on the driver, each value through its column type's own conversion
        (dates and times as SQLAlchemy stores them): the statement is not compiled per row."""
        connection = self.session.connection()
        dialect = connection.dialect
        quote = dialect.identifier_preparer.quote
        columns = [c for c in table.columns if c.key in rows[0]]  # all rows have the same keys
        converted = [(i, convert) for i, c in enumerate(columns)
                     if (convert := c.type._cached_bind_processor(dialect)) is not None]
        values_of = itemgetter(*(c.key for c in columns))
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) "
               f"VALUES ({', '.join('?' for _c in columns)})")
        params: list[tuple[Any, ...]] = []
        for row in rows:
            values = list(values_of(row))
            for i, convert in converted:
                if values[i] is not None:
                    values[i] = convert(values[i])
            params.append(tuple(values))
        connection.exec_driver_sql(sql, params)

    def _stamp(self, obj: SyncedRecord, now: datetime) -> None:
        obj.updated_at = now
        obj.hlc = self.db.clock.now().encode()

    def _queue(self, obj: SyncedRecord, op: str, fields: dict[str, Any], now: datetime) -> None:
        table = obj.__table__.name  # type: ignore[attr-defined]
        self.session.execute(
            insert(OutboxEntry),
            [self._outbox_row(table, obj.id, obj.community_id, op, fields, obj.hlc, now)],
        )
        self._save_clock()

    @staticmethod
    def _outbox_row(table: str, record_id: str, community_id: str, op: str,
                    fields: dict[str, Any], stamp: str, now: datetime) -> dict[str, Any]:
        return {
            "change_id": new_id(),
            "table_name": table,
            "record_id": record_id,
            "community_id": community_id,
            "op": op,
            "fields": _FIELDS_JSON.encode(fields),
            "hlc": stamp,
            "created_at": now,
        }

    def _save_clock(self) -> None:
        self.db.set_state(self.session, CLOCK_KEY, self.db.clock.last.encode())
