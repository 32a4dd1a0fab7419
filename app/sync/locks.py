"""Approved months refuse edits: which months an edit touches and which of them are locked.

The same rules serve a local edit (:class:`app.sync.changes.ChangeLog`) and a change arriving at
the city server in a package (:class:`app.sync.apply.Applier` with ``check_locks``).  The date
that places each ledger's records in a month is listed in :data:`app.models.approval.LEDGER_DATES`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import SyncedRecord
from app.models.approval import LEDGER_DATES, LOCKING_STATES, MonthSubmission, month_of
from app.sync.tables import chunks, synced_tables


@dataclass(frozen=True)
class MonthLock:
    month: str
    decided_by: str
    decided_at: datetime | None


def locked_months(session: Session, community_ids: Iterable[str]) -> dict[tuple[str, str], MonthLock]:
    """(community id, month) -> its lock, for the locked months of those communities."""
    found: dict[tuple[str, str], MonthLock] = {}
    ids = sorted(set(community_ids))
    for part in chunks(ids):
        rows = session.execute(select(MonthSubmission.community_id, MonthSubmission.month,
                                      MonthSubmission.decided_by, MonthSubmission.decided_at).where(
            MonthSubmission.community_id.in_(part), MonthSubmission.deleted_at.is_(None),
            MonthSubmission.state.in_(sorted(LOCKING_STATES))))
        for community_id, month, by, at in rows:
            found[(community_id, month)] = MonthLock(month, by, at)
    return found


def _parent_month(session: Session, parent: str, column: str, parent_id: Any) -> str | None:
    if not parent_id:
        return None
    t = synced_tables()[parent].table
    return month_of(session.scalar(select(t.c[column]).where(t.c.id == parent_id)))


def record_lock(session: Session, obj: SyncedRecord,
                changed: dict[str, Any] | None = None) -> MonthLock | None:
    """The lock an edit of ``obj`` runs into, or None: the month it is in, and the month ``changed``
    (new values not yet set on it) would move it to."""
    rule = LEDGER_DATES.get(obj.__tablename__)  # type: ignore[attr-defined]
    if rule is None:
        return None
    locks = locked_months(session, [obj.community_id])
    if not locks:
        return None
    months: list[str | None] = []
    if rule.via is None:
        months.append(month_of(getattr(obj, rule.column)))
        if changed and rule.column in changed:
            months.append(month_of(changed[rule.column]))
    else:
        assert rule.parent is not None
        months.append(_parent_month(session, rule.parent, rule.column, getattr(obj, rule.via)))
        if changed and rule.via in changed:
            months.append(_parent_month(session, rule.parent, rule.column, changed[rule.via]))
    for month in months:
        if month is not None and (obj.community_id, month) in locks:
            return locks[(obj.community_id, month)]
    return None


def rows_lock(session: Session, table: str, community_id: str,
              rows: Iterable[dict[str, Any]]) -> MonthLock | None:
    """The lock the first of many new rows of ``table`` runs into (bulk creation), or None."""
    rule = LEDGER_DATES.get(table)
    if rule is None:
        return None
    locks = locked_months(session, [community_id])
    if not locks:
        return None
    for row in rows:
        if rule.via is None:
            month = month_of(row.get(rule.column))
        else:
            assert rule.parent is not None
            month = _parent_month(session, rule.parent, rule.column, row.get(rule.via))
        if month is not None and (community_id, month) in locks:
            return locks[(community_id, month)]
    return None


def locked_changes(session: Session, changes: Sequence[tuple[dict[str, Any], dict[str, Any]]]
                   ) -> dict[str, MonthLock]:
    """Change id -> the lock it runs into, for incoming (change, decoded values) pairs: a change to
    a record that is, or would be, in a locked month of its community."""
    dated = [(ch, values) for ch, values in changes if ch["table"] in LEDGER_DATES]
    if not dated:
        return {}
    locks = locked_months(session, {ch["community"] for ch, _ in dated})
    if not locks:
        return {}
    tables = synced_tables()
    # The months the records are in now (their own date, or their parent's).
    stored: dict[tuple[str, str], Any] = {}
    parents_wanted: dict[str, set[str]] = defaultdict(set)
    by_table: dict[str, set[str]] = defaultdict(set)
    for ch, _values in dated:
        by_table[ch["table"]].add(ch["record"])
    for name, ids in by_table.items():
        rule = LEDGER_DATES[name]
        t = tables[name].table
        key = rule.via or rule.column
        for part in chunks(sorted(ids)):
            for record_id, value in session.execute(select(t.c.id, t.c[key]).where(t.c.id.in_(part))):
                stored[(name, record_id)] = value
                if rule.via is not None and value:
                    parents_wanted[str(rule.parent)].add(value)
    for ch, values in dated:
        rule = LEDGER_DATES[ch["table"]]
        if rule.via is not None and values.get(rule.via):
            parents_wanted[str(rule.parent)].add(values[rule.via])
    parent_months: dict[tuple[str, str], str | None] = {}
    for parent, ids in parents_wanted.items():
        t = tables[parent].table
        column = next(r.column for r in LEDGER_DATES.values() if r.parent == parent)
        for part in chunks(sorted(ids)):
            for record_id, value in session.execute(select(t.c.id, t.c[column]).where(t.c.id.in_(part))):
                parent_months[(parent, record_id)] = month_of(value)
    # A parent arriving in the same changes counts with its new date too.
    arriving: dict[tuple[str, str], str | None] = {}
    for ch, values in changes:
        own = LEDGER_DATES.get(ch["table"])
        if own is not None and own.via is None and own.column in values:
            arriving[(ch["table"], ch["record"])] = month_of(values[own.column])
    refused: dict[str, MonthLock] = {}
    for ch, values in dated:
        rule = LEDGER_DATES[ch["table"]]
        months: list[str | None] = []
        if rule.via is None:
            months.append(month_of(stored.get((ch["table"], ch["record"]))))
            if rule.column in values:
                months.append(month_of(values[rule.column]))
        else:
            parent = str(rule.parent)
            for parent_id in (stored.get((ch["table"], ch["record"])), values.get(rule.via)):
                if parent_id:
                    months.append(parent_months.get((parent, parent_id)))
                    months.append(arriving.get((parent, parent_id)))
        for month in months:
            lock = locks.get((ch["community"], month)) if month else None
            if lock is not None:
                refused[ch["id"]] = lock
                break
    return refused
