"""Where sync stands, read cheaply: for the status bar, without loading packages or keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import orjson
from sqlalchemy import func, select

from app.db.database import Database
from app.models import LocalState, OutboxEntry, SyncConflict, SyncPackage

# Keys of this computer's sync state in ``local_state``.
KEYS_KEY = "sync_keys"
SERVER_KEY = "sync_server"
ENROLMENT_KEY = "sync_enrolment"
SERVER_SEQ_KEY = "sync_server_seq"
# The city server's address, this computer's node token (sealed) and the last network sync.
NETWORK_KEY = "sync_network"


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    pending: int
    last_exchange: datetime | None
    conflicts: int


def sync_status(db: Database) -> SyncStatus:
    """Enrolled or not, changes waiting to go out, the last exchange and the conflicts to review."""
    with db.session() as session:
        enrolled = session.scalar(select(func.count()).select_from(LocalState)
                                  .where(LocalState.key == SERVER_KEY))
        pending = session.scalar(select(func.count()).select_from(OutboxEntry)
                                 .where(OutboxEntry.acked_at.is_(None)))
        last = session.scalar(select(func.max(SyncPackage.processed_at)))
        conflicts = session.scalar(select(func.count()).select_from(SyncConflict)
                                   .where(SyncConflict.resolved_at.is_(None)))
    return SyncStatus(bool(enrolled), int(pending or 0), last, int(conflicts or 0))


@dataclass(frozen=True)
class NetworkState:
    """The city server this computer syncs with over the network, and its last successful sync."""

    url: str
    last_sync: datetime | None


def network_state(db: Database) -> NetworkState | None:
    stored = db.get_state(NETWORK_KEY)
    if not stored:
        return None
    doc = orjson.loads(stored)
    last = doc.get("last_sync")
    return NetworkState(str(doc["url"]), datetime.fromisoformat(last) if last else None)
