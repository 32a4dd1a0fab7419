"""The city server's database schema comes from its own migrations: a new database gets exactly the
models' tables, a database of a newer program is refused untouched, and a database the server made
before it had migrations is adopted with its data."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, MetaData, Table, select, text
from sqlalchemy.exc import DBAPIError

from app.models import Base
from app.models.sync import SyncFieldStamp
from app.sync.tables import synced_tables
from server.city import CityServer, make_server_engine
from server.migrate import (
    VERSION_TABLE,
    DatabaseTooNewError,
    UnrecognisedDatabaseError,
    alembic_config,
    baseline_columns,
    head_revision,
    newest_revision_file,
)
from server.models import ServerBase, server_metadata

from .conftest import COMMUNITY_A, file_digest

BIN = Path(sys.executable).parent
FUTURE = "9999"


def snapshot(url: str) -> dict[str, tuple[list[str], list[tuple[str, ...]]]]:
    """Every table with its columns and rows: what anyone reading the database would see."""
    engine = make_server_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            return {name: ([c.name for c in t.columns],
                           sorted(tuple(repr(v) for v in row) for row in conn.execute(select(t))))
                    for name, t in meta.tables.items()}
    finally:
        engine.dispose()


def execute(url: str, sql: str) -> None:
    engine = make_server_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def stored_revision(url: str) -> str | None:
    engine = make_server_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    finally:
        engine.dispose()


def create_all_as_before(engine: Engine) -> None:
    """The tables exactly as the server made them before it had migrations (those of the
    baseline revision: tables added since did not exist then)."""
    baseline = set(baseline_columns())
    tables: list[Table] = [s.table for s in synced_tables().values() if s.name in baseline]
    tables.append(SyncFieldStamp.__table__)  # type: ignore[arg-type]
    Base.metadata.create_all(engine, tables=tables)
    ServerBase.metadata.create_all(engine, tables=[t for t in ServerBase.metadata.sorted_tables
                                                   if t.name in baseline])


def populated(url: str) -> tuple[str, list[dict[str, Any]]]:
    """A server with an enrolled community and a city record; its fingerprint and communities."""
    city = CityServer(url)
    try:
        city.add_community(COMMUNITY_A["code"], COMMUNITY_A["name"], COMMUNITY_A["district"],
                           COMMUNITY_A["street"], COMMUNITY_A["city"])
        city.put_city_record("organ", {"name": "白城市民政局"})
        return city.identity.fingerprint, city.communities()
    finally:
        city.close()


def test_the_newest_revision_file_is_alembics_head() -> None:
    assert newest_revision_file() == head_revision()


def test_a_new_database_has_exactly_the_models_tables(server_url: str) -> None:
    """A model changed without a server migration makes the difference list non-empty."""
    city = CityServer(server_url)
    try:
        assert city.migration.from_revision is None and city.migration.to_revision == head_revision()
        with city.engine.connect() as conn:
            opts = {"compare_type": True, "version_table": VERSION_TABLE}
            diff = compare_metadata(MigrationContext.configure(conn, opts=opts), server_metadata())
    finally:
        city.close()
    assert diff == []
    tables = set(snapshot(server_url))
    # Its own version table only: a city database is never taken for a community's ledger file.
    assert tables == set(server_metadata().tables) | {VERSION_TABLE}
    assert stored_revision(server_url) == head_revision()


def test_every_revision_downgrades_and_upgrades_again(server_url: str) -> None:
    CityServer(server_url).close()
    engine = make_server_engine(server_url)
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "base")
        assert set(snapshot(server_url)) == {VERSION_TABLE}
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
    finally:
        engine.dispose()
    assert set(snapshot(server_url)) == set(server_metadata().tables) | {VERSION_TABLE}
    assert stored_revision(server_url) == head_revision()


def test_reopening_keeps_identity_and_data(server_url: str) -> None:
    fingerprint, communities = populated(server_url)
    before = snapshot(server_url)
    city = CityServer(server_url)
    try:
        assert city.migration.from_revision == head_revision()
        assert city.identity.fingerprint == fingerprint
        assert city.communities() == communities
    finally:
        city.close()
    assert snapshot(server_url) == before


def test_a_database_of_a_newer_program_is_refused_untouched(server_url: str) -> None:
    populated(server_url)
    execute(server_url, f"UPDATE {VERSION_TABLE} SET version_num = '{FUTURE}'")
    before = snapshot(server_url)
    digest = file_digest(Path(server_url)) if "://" not in server_url else None

    with pytest.raises(DatabaseTooNewError) as exc:
        CityServer(server_url)

    assert exc.value.revision == FUTURE
    assert FUTURE in str(exc.value) and "newer" in str(exc.value)
    assert snapshot(server_url) == before
    if digest is not None:
        assert file_digest(Path(server_url)) == digest


def test_the_command_line_refuses_a_newer_database_in_one_line(server_url: str) -> None:
    populated(server_url)
    execute(server_url, f"UPDATE {VERSION_TABLE} SET version_num = '{FUTURE}'")
    before = snapshot(server_url)

    result = subprocess.run([str(BIN / "community-ledger-server"), "--db", server_url, "communities"],
                            capture_output=True, text=True, timeout=120)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("community-ledger-server: error: ")
    assert FUTURE in result.stderr and "newer" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(server_url) == before


def test_a_database_made_before_migrations_is_adopted_with_its_data(server_url: str) -> None:
    engine = make_server_engine(server_url)
    try:
        create_all_as_before(engine)
    finally:
        engine.dispose()
    city = CityServer(server_url)
    try:
        # The old schema is the baseline's: nothing to create, only the revision to record.
        assert city.migration.stamped and city.migration.from_revision is None
        fingerprint = city.identity.fingerprint
    finally:
        city.close()
    assert stored_revision(server_url) == head_revision()

    # The same database with data in it, as an old server left it: no version table at all.
    fingerprint, communities = populated(server_url)
    execute(server_url, f"DROP TABLE {VERSION_TABLE}")
    added_since = sorted(set(server_metadata().tables) - set(baseline_columns()))
    for table in added_since:
        execute(server_url, f"DROP TABLE {table}")
    before = snapshot(server_url)

    city = CityServer(server_url)
    try:
        assert city.migration.stamped
        assert city.identity.fingerprint == fingerprint
        assert city.communities() == communities
        assert [c[1] for c in city.community_ids()] == [COMMUNITY_A["code"]]
    finally:
        city.close()
    after = snapshot(server_url)
    assert after.pop(VERSION_TABLE) == (["version_num"], [(repr(head_revision()),)])
    # The tables of later revisions are made, empty.
    assert all(not after.pop(table)[1] for table in added_since)
    assert after == before


def test_a_migration_that_fails_part_way_leaves_the_database_as_it_was(server_url: str) -> None:
    # An index of someone else's whose name the last of the server's tables needs, in a database
    # the server started (its version table, still empty): a file holding only another program's
    # tables is refused before any migration runs.
    execute(server_url, "CREATE TABLE server_alembic_version (version_num VARCHAR(32) NOT NULL)")
    execute(server_url, "CREATE TABLE notes (month VARCHAR(7))")
    execute(server_url, "CREATE INDEX ix_workday_visit_month ON notes (month)")
    before = snapshot(server_url)

    with pytest.raises(DBAPIError):
        CityServer(server_url)

    assert snapshot(server_url) == before
    execute(server_url, "DROP INDEX ix_workday_visit_month")
    CityServer(server_url).close()
    assert stored_revision(server_url) == head_revision()


def test_tables_that_are_not_the_baselines_are_refused_untouched(server_url: str) -> None:
    engine = make_server_engine(server_url)
    try:
        create_all_as_before(engine)
        with engine.begin() as conn:
            # RENAME COLUMN, not DROP COLUMN: SQLite has the latter only from 3.35 (Debian 11: 3.34).
            conn.execute(text("ALTER TABLE server_change RENAME COLUMN source_node TO source_node_old"))
            conn.execute(text("DROP TABLE server_package"))
    finally:
        engine.dispose()
    before = snapshot(server_url)

    with pytest.raises(UnrecognisedDatabaseError) as exc:
        CityServer(server_url)

    assert "table server_package is missing" in exc.value.differences
    assert "server_change lacks source_node" in exc.value.differences
    assert snapshot(server_url) == before


def test_a_community_ledger_file_is_not_taken_for_a_city_database(template_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "community.sqlite"
    shutil.copyfile(template_db, path)
    digest = file_digest(path)

    result = subprocess.run([str(BIN / "community-ledger-server"), "--db", str(path), "fingerprint"],
                            capture_output=True, text=True, timeout=120)

    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "not those of revision" in result.stderr
    assert file_digest(path) == digest


def test_servers_starting_together_on_a_new_database_share_one_schema_and_identity(server_url: str) -> None:
    def fingerprint() -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN / "community-ledger-server"), "--db", server_url, "fingerprint"],
                              capture_output=True, text=True, timeout=120)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: fingerprint(), range(4)))

    assert [r.returncode for r in results] == [0] * 4, [r.stderr for r in results]
    assert len({r.stdout for r in results}) == 1
    assert stored_revision(server_url) == head_revision()


NEXT_REVISION = '''"""a table for notes"""

import sqlalchemy as sa
from alembic import op

revision = "{rev}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("server_note", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("server_note")
'''


def test_an_sqlite_city_database_is_copied_before_its_schema_is_upgraded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import server.migrate

    path = tmp_path / "city.sqlite"
    city = CityServer(str(path))
    city.add_community(COMMUNITY_A["code"], COMMUNITY_A["name"], COMMUNITY_A["district"],
                       COMMUNITY_A["street"])
    assert city.migration.backup is None  # a new database has nothing to keep
    city.close()

    # The next program version brings one more revision.
    newer = tmp_path / "migrations"
    shutil.copytree(server.migrate.MIGRATIONS_DIR, newer, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    following = f"{int(head) + 1:04d}"
    (newer / "versions" / f"{following}_notes.py").write_text(NEXT_REVISION.format(rev=following, down=head))
    monkeypatch.setattr(server.migrate, "MIGRATIONS_DIR", newer)

    city = CityServer(str(path))
    backup = city.migration.backup
    city.close()
    assert stored_revision(str(path)) == following
    assert backup is not None and backup.parent == tmp_path and head in backup.name
    assert stored_revision(str(backup)) == head
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT code FROM server_community").fetchall() == [(COMMUNITY_A["code"],)]
        notes = copy.execute("SELECT count(*) FROM sqlite_master WHERE name = 'server_note'").fetchone()
        assert notes == (0,)
    # Already at the newest revision: opened again, nothing is copied.
    city = CityServer(str(path))
    assert city.migration.backup is None
    city.close()
