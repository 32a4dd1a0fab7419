"""Applying changes: per-field last-writer-wins by hybrid-logical-clock stamp.

Every field of every record carries the stamp of the change that last set it (see
:mod:`app.sync.tables`).  An incoming field value replaces the local one only when its stamp is
greater; stamps are unique per change and totally ordered (wall time, counter, node id), so every
copy ends with the same value whatever the order in which changes arrive, and a change applied
twice changes nothing.  A delete is the ``deleted_at`` field like any other: a tombstone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from operator import itemgetter, methodcaller
from typing import Any, NamedTuple

import orjson
from sqlalchemy import Connection, Date, DateTime, Table, bindparam, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.db.hlc import STAMP_RE
from app.identity import stored_value_problem
from app.models import OutboxEntry, new_id
from app.models.scope import CITY_SCOPE
from app.models.sync import SyncConflict
from app.progress import QUIET, Progress
from app.sync.codec import BOOLEAN, DATE, DATETIME, INTEGER, TEXT, BadValueError, to_json_value
from app.sync.errors import SyncError
from app.sync.package import no_gc
from app.sync.report import ConflictEntry, RejectedChange, TableCounts
from app.sync.tables import (
    ZERO_STAMP,
    SyncTable,
    among,
    load_stamps,
    store_stamps,
    synced_tables,
)

ID_MAX = 36
# Rows handed to the driver at once.
INSERT_PART = 5000


@dataclass
class ApplyResult:
    counts: dict[str, TableCounts] = dataclass_field(default_factory=lambda: defaultdict(TableCounts))
    conflicts: list[ConflictEntry] = dataclass_field(default_factory=list)
    rejected: list[RejectedChange] = dataclass_field(default_factory=list)
    accepted: list[dict[str, Any]] = dataclass_field(default_factory=list)
    max_stamp: str | None = None

    def totals(self) -> TableCounts:
        total = TableCounts()
        for c in self.counts.values():
            total.add(c)
        return total


@dataclass(frozen=True)
class ConflictCandidate:
    """A field where an incoming value beat a local one: a conflict if the local edit is unsent."""

    record_id: str
    field: str
    local_stamp: str
    local_value: Any
    remote_stamp: str
    remote_value: Any


@dataclass(frozen=True)
class Problem:
    """Why one change cannot be applied (see :class:`RejectedChange`)."""

    reason: str
    field: str | None = None
    params: dict[str, Any] = dataclass_field(default_factory=dict)


class _Incoming(NamedTuple):
    change: dict[str, Any]
    values: dict[str, Any]


def release(items: list[Any] | dict[Any, Any], step: int = 2000) -> None:
    """Let go of a large collection a slice at a time.

    Freeing a hundred thousand changes in one go runs in C for a fifth of a second, and no other
    thread (the window) runs meanwhile; between slices it can.
    """
    if isinstance(items, dict):
        while items:
            for _ in range(min(step, len(items))):
                items.popitem()
    else:
        while items:
            del items[-step:]


def _by_stamp(incoming: _Incoming) -> str:
    stamp: str = incoming.change["hlc"]
    return stamp


def _stamp_time(stamp: str) -> datetime:
    return datetime.fromtimestamp(int(stamp[:13]) / 1000)


def _owner(community: str) -> dict[str, str]:
    """The ``owner`` parameters of a ``forbidden_record`` refusal: the city's, or a community's."""
    if community == CITY_SCOPE:
        return {"owner": "city"}
    return {"owner": "community", "owner_id": community}


def check_community_writer(session: Session, changes: list[dict[str, Any]], community_id: str) -> None:
    """Refuse the package unless every change writes a record of ``community_id`` itself.

    Looks at what each change claims and at what the records it names already hold here,
    so a record id borrowed from another community is refused too.
    """
    tables = synced_tables()
    ids_by_table: dict[str, list[str]] = defaultdict(list)
    for ch in changes:
        claimed = ch["fields"].get("community_id", ch["community"])
        for owner in (ch["community"], claimed):
            if owner != community_id:
                raise SyncError("forbidden_record", table=ch["table"], record=ch["record"],
                                **_owner(str(owner)))
        if ch["table"] == "community" and ch["record"] != community_id:
            raise SyncError("forbidden_record", table="community", record=ch["record"],
                            **_owner(ch["record"]))
        if ch["table"] in tables:
            ids_by_table[ch["table"]].append(ch["record"])
    for name, ids in ids_by_table.items():
        t = tables[name].table
        for matching in among(session, t.c.id, sorted(set(ids))):
            row = session.execute(
                select(t.c.id, t.c.community_id).where(matching, t.c.community_id != community_id)
                .limit(1)
            ).first()
            if row is not None:
                raise SyncError("forbidden_record", table=name, record=row[0], **_owner(row[1]))


def check_received_scope(changes: list[dict[str, Any]], community_id: str) -> None:
    """A community accepts only its own records and the city's."""
    allowed = {community_id, CITY_SCOPE}
    for ch in changes:
        claimed = ch["fields"].get("community_id", ch["community"])
        if ch["community"] not in allowed or claimed != ch["community"]:
            raise SyncError("forbidden_record", table=ch["table"], record=ch["record"],
                            **_owner(str(claimed)))


class Applier:
    """Applies a list of changes inside the caller's transaction."""

    def __init__(self, session: Session, *, package_id: str, local_node: str | None = None,
                 log_conflicts: bool = False, now: Callable[[], datetime] = datetime.now) -> None:
        self.session = session
        self.package_id = package_id
        self.local_node = local_node
        self.log_conflicts = log_conflicts and local_node is not None
        self._now = now
        self.tables = synced_tables()

    def apply(self, changes: Iterable[dict[str, Any]], progress: Progress = QUIET) -> ApplyResult:
        """Apply ``changes``; ``progress`` may stop the work between two tables (the caller's
        transaction then rolls back)."""
        # Applying builds a few objects per field; the cycle collector would walk them all
        # again and again while it runs.
        with no_gc():
            return self._apply(changes, progress)

    def _apply(self, changes: Iterable[dict[str, Any]], progress: Progress) -> ApplyResult:
        result = ApplyResult()
        grouped: dict[str, dict[str, list[_Incoming]]] = defaultdict(lambda: defaultdict(list))
        decoded: list[_Incoming] = []
        for ch in changes:
            problem, values = self._decode(ch)
            if problem is not None:
                result.rejected.append(RejectedChange(ch["id"], ch["table"], ch["record"], problem.reason,
                                                      problem.field, problem.params))
                continue
            decoded.append(_Incoming(ch, values))
        broken = self._broken_references(decoded)
        for inc in decoded:
            ch = inc.change
            problem = broken.get(ch["id"])
            if problem is not None:
                result.rejected.append(RejectedChange(ch["id"], ch["table"], ch["record"], problem.reason,
                                                      problem.field, problem.params))
                continue
            grouped[ch["table"]][ch["record"]].append(inc)
            result.accepted.append(ch)
        release(decoded)
        if result.accepted:
            result.max_stamp = max(map(itemgetter("hlc"), result.accepted))
        for name in sorted(grouped):
            progress.check()
            # Each table's decoded values are let go once it is written.
            self._apply_table(self.tables[name], grouped.pop(name), result)
        return result

    def _broken_references(self, decoded: list[_Incoming]) -> dict[str, Problem]:
        """Change id -> why, for each change naming a record (a meeting, a member) that neither
        exists here nor arrives in the same changes, or that belongs to a community other than the
        change's own (the city's records may be named by anyone)."""
        wanted: list[tuple[str, str, str, str, str]] = []  # change id, field, table, record, community
        arriving: dict[tuple[str, str], str] = {}
        for inc in decoded:
            ch = inc.change
            arriving.setdefault((ch["table"], ch["record"]), ch["community"])
            refs = self.tables[ch["table"]].references
            if refs:
                for name, table in refs.items():
                    target = inc.values.get(name)
                    if target:
                        wanted.append((ch["id"], name, table, target, ch["community"]))
        if not wanted:
            return {}
        owners: dict[tuple[str, str], str] = {}
        missing: dict[str, set[str]] = defaultdict(set)
        for _change, _name, table, target, _community in wanted:
            if (table, target) not in arriving:
                missing[table].add(target)
        for table, ids in missing.items():
            t = self.tables[table].table
            for matching in among(self.session, t.c.id, sorted(ids)):
                for row in self.session.execute(select(t.c.id, t.c.community_id).where(matching)):
                    owners[(table, row[0])] = row[1]
        broken: dict[str, Problem] = {}
        for change_id, name, table, target, community in wanted:
            owner = arriving.get((table, target)) or owners.get((table, target))
            if owner is None:
                broken.setdefault(change_id, Problem("missing_reference", name, {"table": table}))
            elif owner != community and owner != CITY_SCOPE:
                broken.setdefault(change_id, Problem("forbidden_reference", name,
                                                     {"table": table, **_owner(owner)}))
        return broken

    def _decode(self, ch: dict[str, Any]) -> tuple[Problem | None, dict[str, Any]]:
        spec = self.tables.get(ch["table"])
        if spec is None:
            return Problem("unknown_table"), {}
        if not ch["record"] or len(ch["record"]) > ID_MAX or len(ch["id"]) > ID_MAX:
            return Problem("bad_id"), {}
        if not STAMP_RE.match(ch["hlc"]):
            return Problem("bad_stamp"), {}
        values: dict[str, Any] = {}
        kinds = spec.kinds
        for name, raw in ch["fields"].items():
            found = kinds.get(name)
            if found is None:
                if name == "id" and raw == ch["record"]:
                    continue
                return (Problem("bad_id") if name == "id" else Problem("unknown_field", name)), {}
            kind, length, nullable = found
            # Plain values are checked inline (this loop runs for every field of every change);
            # dates, times and decimals go through their decoder.
            if raw is None:
                if not nullable:
                    return Problem("bad_value", name, {"expected": "value"}), {}
            elif kind == TEXT:
                if type(raw) is not str or (length is not None and len(raw) > length):
                    return Problem("bad_value", name, {"expected": "text", "max": length}), {}
            elif kind == INTEGER:
                if type(raw) is not int or not -(2**63) <= raw < 2**63:
                    return Problem("bad_value", name, {"expected": "integer"}), {}
            elif kind == BOOLEAN:
                if type(raw) is not bool:
                    return Problem("bad_value", name, {"expected": "boolean"}), {}
            elif kind == DATETIME:
                try:
                    raw = datetime.fromisoformat(raw)
                except (TypeError, ValueError):
                    return Problem("bad_value", name, {"expected": "datetime"}), {}
            elif kind == DATE:
                try:
                    raw = date.fromisoformat(raw)
                except (TypeError, ValueError):
                    return Problem("bad_value", name, {"expected": "date"}), {}
            else:
                try:
                    raw = spec.decoders[name](raw)
                except BadValueError as exc:
                    return Problem("bad_value", name, {"expected": exc.expected, **exc.params}), {}
            values[name] = raw
        # The rules the forms enforce (ID numbers, phones, codes), from the same functions.
        for name, rule in spec.rules.items():
            value = values.get(name)
            if type(value) is str and (code := stored_value_problem(rule, value)) is not None:
                return Problem("bad_value", name, {"expected": rule, "code": code}), {}
        if ch["op"] == "delete" and values.get("deleted_at") is None:
            values["deleted_at"] = _stamp_time(ch["hlc"])
        if "community_id" not in values:
            values["community_id"] = ch["community"]
        elif values["community_id"] != ch["community"]:
            return Problem("community_mismatch"), {}
        return None, values

    def _apply_table(self, spec: SyncTable, records: dict[str, list[_Incoming]], result: ApplyResult) -> None:
        t = spec.table
        ids = list(records)
        existing: dict[str, dict[str, Any]] = {}
        state: dict[str, Any]
        # A table with no rows yet (a new computer's first package) needs no look-ups.
        has_rows = self.session.execute(select(t.c.id).limit(1)).first() is not None
        for matching in among(self.session, t.c.id, ids) if has_rows else ():
            for found in self.session.execute(select(t).where(matching)).mappings():
                existing[found["id"]] = dict(found)
        side = load_stamps(self.session, spec.name, [i for i in ids if i in existing])
        counts = result.counts[spec.name]
        now = self._now()
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        stamp_writes: dict[str, dict[str, str] | None] = {}
        candidates: list[ConflictCandidate] = []
        columns = spec.columns
        column_set = set(columns)
        for record_id, incoming in records.items():
            row = existing.get(record_id)
            if row is None and len(incoming) == 1:
                # The common case of a record seen for the first time in one change.
                only = incoming[0]
                stamp = only.change["hlc"]
                if only.values.keys() >= column_set:
                    # Every column is set: the decoded values become the row itself.
                    new_row = only.values
                else:
                    new_row = {**spec.empties, **only.values}
                    stamps = {c: (stamp if c in only.values else ZERO_STAMP) for c in columns}
                    if "created_at" not in only.values:
                        # A placeholder until a change that knows the creation time arrives.
                        new_row["created_at"] = _stamp_time(stamp)
                    if len(set(stamps.values())) > 1:
                        stamp_writes[record_id] = stamps
                new_row.update(id=record_id, hlc=stamp, updated_at=now)
                inserts.append(new_row)
                if new_row.get("deleted_at") is not None and only.change["op"] == "delete":
                    counts.deleted += 1
                else:
                    counts.imported += 1
                continue
            incoming.sort(key=_by_stamp)
            is_new = row is None
            if row is None:
                state = dict(spec.empties)
                stamps = dict.fromkeys(columns, ZERO_STAMP)
            else:
                state = dict(row)
                stamps = side.get(record_id) or dict.fromkeys(columns, row["hlc"])
            touched = False
            for inc in incoming:
                stamp = inc.change["hlc"]
                applied: list[str] = []
                for name, value in inc.values.items():
                    current = stamps.get(name, ZERO_STAMP)
                    if stamp <= current:
                        continue
                    if (self.log_conflicts and not is_new and current.endswith("-" + str(self.local_node))
                            and state.get(name) != value):
                        candidates.append(
                            ConflictCandidate(record_id, name, current, state.get(name), stamp, value))
                    state[name] = value
                    stamps[name] = stamp
                    applied.append(name)
                if is_new and not touched and applied:
                    counts.imported += 1
                elif not applied:
                    counts.ignored += 1
                elif "deleted_at" in applied and state.get("deleted_at") is not None:
                    counts.deleted += 1
                else:
                    counts.updated += 1
                touched = touched or bool(applied)
            if not touched:
                continue
            top = max(stamps.values())
            if is_new:
                if stamps.get("created_at", ZERO_STAMP) == ZERO_STAMP:
                    state["created_at"] = _stamp_time(min(s for s in stamps.values() if s != ZERO_STAMP))
                state.update(id=record_id, hlc=top, updated_at=now)
                inserts.append(state)
            else:
                state.update(hlc=top, updated_at=now)
                updates.append(state)
            uniform = len(set(stamps.values())) == 1
            if not uniform or record_id in side:
                stamp_writes[record_id] = None if uniform else stamps
        if inserts:
            self._insert(spec, inserts)
            release(inserts)
        if updates:
            names = [c for c in columns if c != "id"] + ["hlc", "updated_at"]
            stmt = t.update().where(t.c.id == bindparam("b_id")).values(
                {n: bindparam("b_" + n) for n in names})
            self.session.execute(stmt, [{"b_id": u["id"], **{"b_" + n: u[n] for n in names}}
                                        for u in updates])
        store_stamps(self.session, spec.name, stamp_writes)
        if candidates:
            self._log_conflicts(spec.name, candidates, result)
        release(updates)
        release(records)
        release(existing)

    def _insert(self, spec: SyncTable, rows: list[dict[str, Any]]) -> None:
        """Insert many rows at once (:func:`insert_rows`).

        Each value goes through its column type's own bind processor, as SQLAlchemy would do it,
        without the per-row bookkeeping of a Core insert (a third of the import time otherwise).
        """
        conn = self.session.connection()
        dialect = conn.dialect
        columns = list(spec.table.columns)
        names = [c.name for c in columns]
        processors = [_fast_processor(c, dialect) for c in columns]
        # Column by column: the values of one column go through its processor with ``map``,
        # and ``zip`` turns the columns back into rows, so no Python loop runs per row.
        pick = itemgetter(*names)
        # In parts: each of these calls runs in C without letting another thread (the window)
        # run, so a part is kept to a few milliseconds.
        for start in range(0, len(rows), INSERT_PART):
            values: list[Any] = list(zip(*map(pick, rows[start:start + INSERT_PART]), strict=True))
            for i, p in enumerate(processors):
                if p is not None:
                    values[i] = list(map(p, values[i]))
            insert_rows(conn, spec.table, names, list(zip(*values, strict=True)))

    def _log_conflicts(self, table: str, candidates: list[ConflictCandidate], result: ApplyResult) -> None:
        now = self._now()
        for c in candidates:
            pending = self.session.scalar(
                select(OutboxEntry.seq).where(
                    OutboxEntry.table_name == table, OutboxEntry.record_id == c.record_id,
                    OutboxEntry.hlc == c.local_stamp, OutboxEntry.acked_at.is_(None)).limit(1))
            if pending is None:
                continue
            entry = ConflictEntry(table, c.record_id, c.field, to_json_value(c.local_value), c.local_stamp,
                                  to_json_value(c.remote_value), c.remote_stamp)
            result.conflicts.append(entry)
            self.session.add(SyncConflict(
                id=new_id(), table_name=table, record_id=c.record_id, field=c.field,
                local_value=orjson.dumps(entry.local_value).decode(), local_hlc=c.local_stamp,
                remote_value=orjson.dumps(entry.remote_value).decode(), remote_hlc=c.remote_stamp,
                package_id=self.package_id, detected_at=now))


def insert_rows(conn: Connection, table: Table, names: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (values of the columns ``names``, already as the driver takes them).

    On PostgreSQL with one ``COPY``: the rows stream to the server as one statement, several
    times faster than an ``executemany`` of single-row inserts, which the server parses, plans
    and executes once per row.  Elsewhere one driver-level ``executemany``.  A failure (a key
    already taken) is raised as SQLAlchemy's own error of that kind, as for any statement.
    """
    if not rows:
        return
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    target = f"{dialect.identifier_preparer.format_table(table)} ({', '.join(quote(n) for n in names)})"
    if dialect.name == "postgresql":
        import psycopg

        sql = f"COPY {target} FROM STDIN"
        driver = conn.connection.driver_connection
        try:
            with driver.cursor() as cursor, cursor.copy(sql) as copy:  # type: ignore[union-attr]
                for row in rows:
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise DBAPIError.instance(sql, None, exc, psycopg.Error, hide_parameters=True,
                                      dialect=dialect) from None
        return
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(f"INSERT INTO {target} VALUES ({', '.join([mark] * len(names))})", rows)


_DATETIME_TEXT = methodcaller("isoformat", " ", "microseconds")
_DATE_TEXT = methodcaller("isoformat")


def _iso_datetime(value: datetime | None) -> str | None:
    return None if value is None else _DATETIME_TEXT(value)


def _iso_date(value: date | None) -> str | None:
    return None if value is None else _DATE_TEXT(value)


def _fast_processor(column: Any, dialect: Any) -> Any:
    """How a value of ``column`` is handed to the driver, as SQLAlchemy's own type would do it.

    On SQLite, dates and date-times are written in exactly SQLAlchemy's text form by the C
    ``isoformat`` methods (the sqlite3 module's default adapters are deprecated, and SQLAlchemy's
    formatter is slower); everything else goes through the dialect's bind processor.
    """
    if dialect.name == "sqlite" and type(column.type) is DateTime:
        return _iso_datetime if column.nullable else _DATETIME_TEXT
    if dialect.name == "sqlite" and type(column.type) is Date:
        return _iso_date if column.nullable else _DATE_TEXT
    return column.type.dialect_impl(dialect).bind_processor(dialect)

