"""Bring a database file to the current schema, backing it up first."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from app.atomic import ensure_private

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Revision ids are four-digit sequence numbers that prefix their file names, so the
# newest one is known without loading alembic (a test checks it against alembic's head).
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


class DatabaseTooNewError(Exception):
    """The file was written by a newer version of the app."""

    def __init__(self, revision: str) -> None:
        super().__init__(f"database revision {revision} is newer than this app")
        self.revision = revision


class NotALedgerDatabaseError(Exception):
    """The file is not an SQLite database, or not one of this app's."""


class DatabaseNeedsUpgradeError(Exception):
    """A ledger of an older schema, opened for reading only (which never migrates a file)."""

    def __init__(self, path: str, revision: str | None) -> None:
        super().__init__(f"{path}: schema {revision or '(none)'} needs an upgrade")
        self.revision = revision


class DatabaseUnavailableError(Exception):
    """SQLite cannot use the file now: another program holds it, or the file or its drive is
    read-only (as a file copied from a disc is on Windows)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.reason = reason


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", script_location(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def script_location(folder: Path) -> str:
    """An alembic migrations folder as a config option, which goes through ConfigParser
    interpolation: a '%' in the install folder must be doubled."""
    return str(folder).replace("%", "%%")


def head_revision(folder: Path | None = None) -> str:
    """Alembic's head among the migrations in ``folder`` (by default, the ledger's)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(folder or MIGRATIONS_DIR)).get_current_head()
    assert head is not None
    return head


def newest_revision_file(folder: Path | None = None) -> str:
    """The highest revision id among the migration files in ``folder`` (by default, the ledger's)."""
    versions = (folder or MIGRATIONS_DIR) / "versions"
    return max(m[1] for f in versions.iterdir() if (m := _REVISION_FILE.match(f.name)))


def known_revision(revision: str, folder: Path | None = None) -> bool:
    """Whether ``revision`` is one of the migration files in ``folder`` (by default, the ledger's)."""
    versions = (folder or MIGRATIONS_DIR) / "versions"
    return any((m := _REVISION_FILE.match(f.name)) and m[1] == revision for f in versions.iterdir())


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open the file for reading only, creating nothing beside it.

    In the URI, SQLite decodes ``%XX`` and ends the path at ``?`` or ``#``: those are escaped, and
    nothing else is changed (a Windows path C:\\..., or \\\\server\\share, stays as SQLite takes it).
    """
    quoted = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    # A ledger no connection has open has no -wal and -shm files beside it; read-only SQLite would
    # create both and could not remove them.  Read as immutable then, so reading creates nothing.
    idle = not any(path.with_name(path.name + end).exists() for end in ("-wal", "-shm"))
    return sqlite3.connect(f"file:{quoted}?mode=ro{'&immutable=1' if idle else ''}", uri=True)


def stored_revision(path: Path) -> str | None:
    """The revision recorded in the file, read without alembic (None if there is none)."""
    try:
        con = connect_read_only(path)
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return None if row is None else str(row[0])


def check_sqlite_file(path: Path) -> None:
    """Refuse anything that is not an SQLite database of this app before SQLAlchemy touches it."""
    if path.is_dir():
        raise NotALedgerDatabaseError(str(path))
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        magic = fh.read(16)
    if magic != b"SQLite format 3\x00":
        raise NotALedgerDatabaseError(str(path))
    try:
        con = connect_read_only(path)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlite3.OperationalError as exc:  # locked, unreadable: not a sign of a foreign file
        raise DatabaseUnavailableError(str(path), str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise NotALedgerDatabaseError(str(path)) from exc
    if tables and "alembic_version" not in tables:
        # Another program's database: migrating it would add our tables to someone else's file.
        raise NotALedgerDatabaseError(str(path))


def backup_file(path: Path, revision: str | None) -> Path:
    """Copy the database next to itself (consistent even while in WAL mode)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{revision or 'empty'}.{stamp}.bak")
    ensure_private(target)
    src = sqlite3.connect(str(path))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade(engine: Engine, path: Path | None) -> MigrationResult:
    """Migrate to head.  A non-empty file is backed up before any step runs."""
    if path is not None and path.exists():
        newest = newest_revision_file()
        if stored_revision(path) == newest:
            return MigrationResult(newest, newest, None)
    from alembic import command
    from alembic.script import ScriptDirectory

    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return MigrationResult(current, head, None)
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as exc:
            raise DatabaseTooNewError(current) from exc
    backup = None
    if path is not None and current is not None and path.exists():
        backup = backup_file(path, current)
    command.upgrade(alembic_config(engine), "head")
    return MigrationResult(current, head, backup)
