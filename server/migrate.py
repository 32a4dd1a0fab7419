"""Bring a city server database to the schema this program knows, with the server's own migrations.

The server keeps its revision in its own version table, so a city database is never mistaken for a
community's ledger file (whose revisions live in ``alembic_version``) or the other way round.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, inspect, text

from app.db import migrate
from server.models import server_metadata

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
VERSION_TABLE = "server_alembic_version"
# The revision whose tables the server made with ``create_all`` before it had migrations.
BASELINE = "0001"
# Held while a PostgreSQL database is checked and upgraded and while the server makes its keys,
# so two server processes starting at the same time never both create the tables or the keys.
_SETUP_LOCK = 7_531_002


class SchemaError(Exception):
    """The database cannot be brought to this program's schema; nothing was changed."""


class DatabaseTooNewError(SchemaError):
    def __init__(self, revision: str, head: str) -> None:
        super().__init__(f"the database is at schema revision {revision}, newer than this program "
                         f"knows (it knows up to {head}); use a newer community-ledger-server")
        self.revision = revision


class UnrecognisedDatabaseError(SchemaError):
    def __init__(self, differences: list[str]) -> None:
        shown = "; ".join(differences[:5]) + ("; ..." if len(differences) > 5 else "")
        super().__init__("not a city server database: it has no city server schema revision and its "
                         f"tables are not those of revision {BASELINE}: {shown}")
        self.differences = differences


class ForeignDatabaseError(SchemaError):
    def __init__(self, tables: list[str]) -> None:
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        super().__init__(f"not a city server database: it holds another program's tables ({shown}); "
                         "give the server an empty database or one of its own")
        self.tables = tables


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    stamped: bool
    # The copy of an SQLite file taken before an existing schema was upgraded.
    backup: Path | None = None


def alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", migrate.script_location(MIGRATIONS_DIR))
    cfg.set_main_option("version_table", VERSION_TABLE)
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    return migrate.head_revision(MIGRATIONS_DIR)


def newest_revision_file() -> str:
    """The highest revision id among the server's migration files: like the app's, four-digit ids
    prefix the file names, so an up-to-date database is recognised without loading alembic."""
    return migrate.newest_revision_file(MIGRATIONS_DIR)


def stored_revision(connection: Connection) -> str | None:
    """The revision recorded in the database, read without alembic (None if there is none)."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def _columns(connection: Connection, tables: set[str] | None = None) -> dict[str, set[str]]:
    insp = inspect(connection)
    names = set(insp.get_table_names()) if tables is None else tables
    return {t: {c["name"] for c in insp.get_columns(t)} for t in names}


def baseline_columns() -> dict[str, set[str]]:
    """Table -> column names that revision ``BASELINE`` creates (run on a scratch in-memory database)."""
    from alembic import command

    engine = create_engine("sqlite://")
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), BASELINE)
            found = _columns(conn)
    finally:
        engine.dispose()
    found.pop(VERSION_TABLE, None)
    return found


def baseline_differences(connection: Connection) -> list[str]:
    """How the tables of a database without a revision differ from those revision ``BASELINE`` makes."""
    expected = baseline_columns()
    present = set(inspect(connection).get_table_names())
    problems = [f"table {t} is missing" for t in sorted(set(expected) - present)]
    actual = _columns(connection, set(expected) & present)
    for table in sorted(actual):
        missing = sorted(expected[table] - actual[table])
        extra = sorted(actual[table] - expected[table])
        if missing:
            problems.append(f"{table} lacks {', '.join(missing)}")
        if extra:
            problems.append(f"{table} has unknown {', '.join(extra)}")
    return problems


def upgrade_connection(connection: Connection) -> MigrationResult:
    """Upgrade inside the caller's :func:`locked_transaction`; raise :class:`SchemaError` before
    changing anything."""
    newest = newest_revision_file()
    if stored_revision(connection) == newest:
        return MigrationResult(newest, newest, False)
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    current = current_revision(connection)
    if current == head:
        return MigrationResult(current, head, False)
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as exc:
            raise DatabaseTooNewError(current, head) from exc
    cfg = alembic_config(connection)
    stamped = False
    if current is None:
        ours = set(server_metadata().tables)
        present = set(inspect(connection).get_table_names())
        if ours & present:
            # Made by the server before it had migrations: adopt it when its tables are the baseline's.
            differences = baseline_differences(connection)
            if differences:
                raise UnrecognisedDatabaseError(differences)
            command.stamp(cfg, BASELINE)
            stamped = True
    existing = BASELINE if stamped else current
    backup = _backup(connection, existing) if existing is not None and existing != head else None
    command.upgrade(cfg, "head")
    return MigrationResult(current, head, stamped, backup)


def _backup(connection: Connection, revision: str) -> Path | None:
    """Copy an SQLite city database next to itself before its schema changes, as the app does.

    (The upgrade is one transaction, so a failing step changes nothing; the copy is for a step
    that succeeds and turns out wrong.  A PostgreSQL database is backed up by its administrators.)
    """
    database = connection.engine.url.database
    if connection.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return migrate.backup_file(Path(database), revision)


def refuse_foreign_file(engine: Engine) -> None:
    """Raise :class:`ForeignDatabaseError` for an SQLite file of another program, read without
    writing anything to it (connecting would already switch it to WAL)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return
    path = Path(database)
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        con = migrate.connect_read_only(path)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return  # not an SQLite file at all: opening it says so
    if tables and not tables & (set(server_metadata().tables) | {VERSION_TABLE}):
        raise ForeignDatabaseError(sorted(tables))


def upgrade(engine: Engine) -> MigrationResult:
    """Bring the database to the newest revision in one transaction."""
    refuse_foreign_file(engine)
    with engine.connect() as connection:
        newest = newest_revision_file()
        if stored_revision(connection) == newest:
            return MigrationResult(newest, newest, False)
    with locked_transaction(engine) as connection:
        return upgrade_connection(connection)


@contextmanager
def locked_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the database's set-up lock from its first statement, so servers
    opening a new database at the same time wait for each other instead of both creating it.

    On SQLite it is an explicit ``BEGIN IMMEDIATE``, which also makes DDL part of the transaction
    (Python's sqlite3 would run CREATE TABLE outside any, and a server killed while creating its
    tables would leave half of them).  On PostgreSQL it is an advisory lock.
    """
    with engine.connect() as connection:
        if engine.dialect.name != "sqlite":
            with connection.begin():
                if engine.dialect.name == "postgresql":
                    connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SETUP_LOCK})
                yield connection
            return
        driver = connection.connection.driver_connection
        previous = driver.isolation_level  # type: ignore[union-attr]
        driver.isolation_level = None  # type: ignore[union-attr]
        try:
            with connection.begin():
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                yield connection
        finally:
            driver.isolation_level = previous  # type: ignore[union-attr]


def make_revision(message: str, rev_id: str) -> None:
    """Write ``versions/<rev_id>_<message>.py``: the difference between head and the models.

    Run from the repository: ``python -c "from server.migrate import make_revision;
    make_revision('what changed', '0002')"``, then read the file it writes.
    """
    from alembic import command

    engine = create_engine("sqlite://")
    try:
        with engine.begin() as conn:
            cfg = alembic_config(conn)
            command.upgrade(cfg, "head")
            command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
    finally:
        engine.dispose()
