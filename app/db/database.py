"""One open ledger database: its engine, sessions, this node's clock and the current community."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.db.engine import make_engine
from app.db.hlc import HybridClock, Stamp
from app.db.migrate import DatabaseUnavailableError, MigrationResult, check_sqlite_file, upgrade
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

    def __init__(self, engine: Engine, path: Path | None, migration: MigrationResult) -> None:
        self.engine = engine
        self.path = path
        self.migration = migration
        self._community_id: str | None = None
        self.node_id = self._ensure_node_id()
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
        engine = make_engine(path)
        try:
            return cls(engine, path, upgrade(engine, path))
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
