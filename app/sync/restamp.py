"""Changes stamped while this computer's clock ran ahead get new stamps before they leave it.

A receiver refuses a package with changes dated more than a day after its own clock (see
:data:`~app.db.hlc.MAX_AHEAD_MS`).  Once the date here is corrected, the changes made while it
was wrong still wait in the outbox with their future stamps, and the clock would go on stamping
after them.  Those changes have never been accepted anywhere, so they can be stamped again: in
their original order, after every stamp this copy holds that is not ahead, and the clock moves
back with them.
"""

from __future__ import annotations

from collections import defaultdict

import orjson
from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from app.db.database import CLOCK_KEY, Database
from app.db.hlc import MAX_AHEAD_MS, HybridClock, Stamp, stamp_prefix
from app.models import OutboxEntry
from app.models.sync import SyncConflict, SyncFieldStamp
from app.sync.tables import chunks, synced_tables


def restamp_ahead(db: Database, now_ms: int | None = None) -> int:
    """Give new stamps to waiting changes dated more than a day after ``now_ms`` (by default, the
    database clock's wall time); returns how many."""
    wall = db.clock.wall
    now_ms = wall() if now_ms is None else now_ms
    limit = stamp_prefix(now_ms + MAX_AHEAD_MS)
    with db.session() as session:
        pending = session.execute(
            select(OutboxEntry.seq, OutboxEntry.table_name, OutboxEntry.record_id, OutboxEntry.hlc)
            .where(OutboxEntry.acked_at.is_(None), OutboxEntry.hlc > limit).order_by(OutboxEntry.seq)
        ).all()
        if not pending:
            return 0
        records: dict[str, set[str]] = defaultdict(set)
        for row in pending:
            records[row.table_name].add(row.record_id)
        field_stamps = _field_stamps(session, records)
        base = _latest_stamp_before(session, limit, field_stamps)
        clock = HybridClock(db.node_id, base, wall=wall)
        renamed: dict[str, str] = {}
        for row in pending:
            if row.hlc not in renamed:
                renamed[row.hlc] = clock.now().encode()
        outbox: Table = OutboxEntry.__table__  # type: ignore[assignment]
        session.execute(
            outbox.update().where(outbox.c.seq == bindparam("b_seq")).values(hlc=bindparam("b_hlc")),
            [{"b_seq": row.seq, "b_hlc": renamed[row.hlc]} for row in pending])
        tables = synced_tables()
        for name in records:
            spec = tables.get(name)
            if spec is None:
                continue
            t = spec.table
            session.execute(
                t.update().where(t.c.id == bindparam("b_id"), t.c.hlc == bindparam("b_old"))
                .values(hlc=bindparam("b_new")),
                [{"b_id": row.record_id, "b_old": row.hlc, "b_new": renamed[row.hlc]}
                 for row in pending if row.table_name == name])
        for (table_name, record_id), stamps in field_stamps.items():
            moved = {k: renamed.get(v, v) for k, v in stamps.items()}
            if moved != stamps:
                session.execute(
                    update(SyncFieldStamp).where(SyncFieldStamp.table_name == table_name,
                                                 SyncFieldStamp.record_id == record_id)
                    .values(stamps=orjson.dumps(moved, option=orjson.OPT_SORT_KEYS).decode()))
        conflicts: Table = SyncConflict.__table__  # type: ignore[assignment]
        session.execute(
            conflicts.update().where(conflicts.c.local_hlc == bindparam("b_old"))
            .values(local_hlc=bindparam("b_new")),
            [{"b_old": old, "b_new": new} for old, new in renamed.items()])
        db.clock = HybridClock(db.node_id, clock.last, wall=wall)
        db.set_state(session, CLOCK_KEY, clock.last.encode())
    return len(pending)


def _field_stamps(session: Session, records: dict[str, set[str]]) -> dict[tuple[str, str], dict[str, str]]:
    found: dict[tuple[str, str], dict[str, str]] = {}
    for table_name, ids in records.items():
        for part in chunks(sorted(ids)):
            for record_id, text in session.execute(
                    select(SyncFieldStamp.record_id, SyncFieldStamp.stamps).where(
                        SyncFieldStamp.table_name == table_name, SyncFieldStamp.record_id.in_(part))):
                found[(table_name, record_id)] = orjson.loads(text)
    return found


def _latest_stamp_before(session: Session, limit: str,
                         field_stamps: dict[tuple[str, str], dict[str, str]]) -> Stamp | None:
    """The latest stamp this copy holds that is not ahead: new stamps must sort after it."""
    latest = ""
    for spec in synced_tables().values():
        t = spec.table
        found = session.scalar(select(func.max(t.c.hlc)).where(t.c.hlc <= limit))
        if found and found > latest:
            latest = found
    for stamps in field_stamps.values():
        for stamp in stamps.values():
            if latest < stamp <= limit:
                latest = stamp
    try:
        return Stamp.decode(latest) if latest else None
    except ValueError:
        return None
