"""Undo for any use case: what one user action changed, and how to take it back.

While :func:`recording` is active, every flush of a synced record is noted with the
old and new values of the columns it changed.  :func:`revert` and :func:`reapply`
write the inverse (or the same) changes back through the :class:`ChangeLog`, so an undo
is an ordinary change that lands in the outbox and syncs like any other.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.db.database import Database
from app.models import SyncedRecord
from app.sync.changes import ChangeLog

_BOOKKEEPING = {"hlc", "updated_at", "created_at", "id", "community_id"}


@dataclass
class RecordChange:
    model: type[SyncedRecord]
    record_id: str
    created: bool
    old: dict[str, Any] = field(default_factory=dict)
    new: dict[str, Any] = field(default_factory=dict)


_active: ContextVar[list[RecordChange] | None] = ContextVar("journal", default=None)
_listening = threading.Lock()


def _listen() -> None:
    """Note flushes from now on (once per process): the first recording installs the listener."""
    with _listening:
        if not event.contains(Session, "before_flush", _before_flush):
            event.listen(Session, "before_flush", _before_flush)


@contextmanager
def recording() -> Iterator[list[RecordChange]]:
    """Collect the changes made inside the block (in order, one entry per record)."""
    _listen()
    changes: list[RecordChange] = []
    token = _active.set(changes)
    try:
        yield changes
    finally:
        _active.reset(token)


def note_created(model: type[SyncedRecord], record_ids: list[str]) -> None:
    """Note records inserted without the ORM (``ChangeLog.bulk_created``) in the active recording."""
    changes = _active.get()
    if changes is not None:
        changes.extend(RecordChange(model, record_id, True) for record_id in record_ids)


def _note(changes: list[RecordChange], obj: SyncedRecord, created: bool) -> None:
    state = inspect(obj)
    entry = next((c for c in changes if c.record_id == obj.id and c.model is type(obj)), None)
    if entry is None:
        entry = RecordChange(type(obj), obj.id, created)
        changes.append(entry)
    if created:
        return
    for attr in state.mapper.column_attrs:
        if attr.key in _BOOKKEEPING:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        if attr.key not in entry.old:
            entry.old[attr.key] = history.deleted[0] if history.deleted else None
        entry.new[attr.key] = history.added[0] if history.added else None


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    changes = _active.get()
    if changes is None:
        return
    for obj in session.new:
        if isinstance(obj, SyncedRecord):
            _note(changes, obj, created=True)
    for obj in session.dirty:
        if isinstance(obj, SyncedRecord) and session.is_modified(obj):
            _note(changes, obj, created=False)


def revert(db: Database, changes: list[RecordChange]) -> None:
    """Take the changes back, newest first, in one transaction."""
    with db.session() as session:
        log = ChangeLog(db, session)
        for change in reversed(changes):
            obj = session.get(change.model, change.record_id)
            if obj is None:
                continue
            if change.created:
                if obj.deleted_at is None:
                    log.deleted(obj)
            else:
                log.updated(obj, {k: v for k, v in change.old.items() if getattr(obj, k) != v})


def reapply(db: Database, changes: list[RecordChange]) -> None:
    """Make the changes again (redo), oldest first, in one transaction."""
    with db.session() as session:
        log = ChangeLog(db, session)
        for change in changes:
            obj = session.get(change.model, change.record_id)
            if obj is None:
                continue
            if change.created:
                if obj.deleted_at is not None:
                    log.restored(obj)
            else:
                log.updated(obj, {k: v for k, v in change.new.items() if getattr(obj, k) != v})
