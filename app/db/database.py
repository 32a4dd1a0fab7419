"""One open ledger database: its engine, sessions, this node's clock and the current community."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.atomic import ensure_private
from app.db.engine import make_engine, make_read_only_engine
from app.db.hlc import HybridClock, Stamp
from app.db.migrate import (
    DatabaseNeedsUpgradeError,
    DatabaseTooNewError,
    DatabaseUnavailableError,
    MigrationResult,
    NotALedgerDatabaseError,
    check_sqlite_file,
    known_revision,
    newest_revision_file,
    stored_revision,
    upgrade,
)
from app.models import LocalState

NODE_KEY = "node_id"
CLOCK_KEY = "hlc_last"
COMMUNITY_KEY = "community_id"
# Set to the community's id when ``demo`` made it up: the window says 示例 while it is open.
DEMO_KEY = "demo_community_id"
# Which computer of its community this copy is (1 for the first), as the city server numbered it
# at enrolment: numbers a computer hands out offline carry it, so two computers never clash.
COMPUTER_KEY = "computer_number"


class Database:
    """Owns the engine of one SQLite file.  Open it with :meth:`open`."""

    def __init__(self, engine: Engine, path: Path | None, migration: MigrationResult,
                 read_only: bool = False) -> None:
        self.engine = engine
        self.path = path
        self.migration = migration
        self.read_only = read_only
        self._community_id: str | None = None
        self.node_id = (self.get_state(NODE_KEY) or "") if read_only else self._ensure_node_id()
        self.clock = HybridClock(self.node_id, self._stored_clock())

    @classmethod
    def open(cls, path: Path | str) -> Database:
        """Open (creating if needed) and migrate the file at ``path``.

        Raises ``NotALedgerDatabaseError`` or ``DatabaseTooNewError`` without changing the file.
        """
        path = Path(path)
        check_sqlite_file(path)
        if not path.parent.exists():
            raise FileNotFoundError(str(path.parent))
        # ID numbers, phones and the computer's private keys: for its user's eyes only.
        ensure_private(path)
        engine = make_engine(path)
        try:
            return cls(engine, path, upgrade(engine, path))
        except OperationalError as exc:
            engine.dispose()
            raise DatabaseUnavailableError(str(path), str(exc.orig)) from exc
        except Exception:
            engine.dispose()
            raise

    @classmethod
    def open_read_only(cls, path: Path | str) -> Database:
        """Open the file at ``path`` for reading only: nothing is created, migrated or written, and
        a read-only file (or folder) is fine.

        Raises ``NotALedgerDatabaseError`` for a missing, empty or foreign file and
        ``DatabaseNeedsUpgradeError`` for a ledger of an older schema (the app upgrades it).
        """
        path = Path(path)
        if not path.is_file() or path.stat().st_size == 0:
            raise NotALedgerDatabaseError(str(path))
        check_sqlite_file(path)
        revision = stored_revision(path)
        if revision != newest_revision_file():
            if revision is not None and not known_revision(revision):
                raise DatabaseTooNewError(revision)
            raise DatabaseNeedsUpgradeError(str(path), revision)
        engine = make_read_only_engine(path)
        try:
            return cls(engine, path, MigrationResult(revision, revision, None), read_only=True)
        except OperationalError as exc:
            engine.dispose()
            raise DatabaseUnavailableError(str(path), str(exc.orig)) from exc
        except Exception:
            engine.dispose()
            raise

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short unit of work: committed on success, rolled back on any error."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def get_state(self, key: str) -> str | None:
        with Session(self.engine) as session:
            return session.scalar(select(LocalState.value).where(LocalState.key == key))

    def set_state(self, session: Session, key: str, value: str) -> None:
        session.merge(LocalState(key=key, value=value))
        if key == COMMUNITY_KEY:
            self._community_id = None

    @property
    def community_id(self) -> str | None:
        """The community this copy keeps (read once; :meth:`set_community` changes it)."""
        if self._community_id is None:
            self._community_id = self.get_state(COMMUNITY_KEY)
        return self._community_id

    @property
    def computer_number(self) -> int:
        """Which computer of its community this copy is: 1 unless enrolled as a further one."""
        text = self.get_state(COMPUTER_KEY)
        return int(text) if text and text.isdigit() else 1

    def set_community(self, session: Session, community_id: str) -> None:
        """Make ``community_id`` the current community when ``session`` commits."""
        self.set_state(session, COMMUNITY_KEY, community_id)

    def _ensure_node_id(self) -> str:
        node = self.get_state(NODE_KEY)
        if node is None:
            node = secrets.token_hex(8)
            with self.session() as session:
                self.set_state(session, NODE_KEY, node)
        return node

    def _stored_clock(self) -> Stamp | None:
        text = self.get_state(CLOCK_KEY)
        return Stamp.decode(text) if text else None
