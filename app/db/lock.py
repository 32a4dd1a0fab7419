"""One program at a time on a ledger: a lock file beside it, held while the ledger is open.

SQLite itself keeps two programs from writing at the same moment, but two windows on one ledger
would each keep their own undo steps, clock and sync state, and a restore under a running window
would pull the file from under it.  The lock (``filelock``: an OS-level lock, released by the
system when a process dies, so a crash never leaves it held) says the ledger is open elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout


class LedgerInUseError(Exception):
    """Another program (a window, a restore) has the ledger open."""


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.lock")


class LedgerLock:
    """Held while the ledger at ``db_path`` is open; :meth:`acquire` refuses at once when taken."""

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(Path(db_path))
        self._lock = FileLock(str(self.path), timeout=0, is_singleton=False)

    def acquire(self) -> LedgerLock:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise LedgerInUseError(str(self.path)) from None
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    @property
    def held(self) -> bool:
        return bool(self._lock.is_locked)

    def __enter__(self) -> LedgerLock:
        return self.acquire()

    def __exit__(self, _kind: type[BaseException] | None, _error: BaseException | None,
                 _trace: TracebackType | None) -> None:
        self.release()
