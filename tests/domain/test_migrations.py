"""Opening a database file: new files get the schema, old ones are backed up and upgraded,
files of a newer version or of another program are refused and left untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

import app.models
from app.db.database import Database
from app.db.engine import make_engine
from app.db.migrate import (
    MIGRATIONS_DIR,
    DatabaseTooNewError,
    NotALedgerDatabaseError,
    alembic_config,
    current_revision,
    head_revision,
)
from app.services.registry import RegistryService

from .helpers import count_rows

COMMUNITY = {"code": "220802001", "name": "幸福社区", "street": "明仁街道", "district": "洮北区",
             "city": "白城市", "org_kind": "committee"}


def revisions_oldest_first() -> list[str]:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        con.close()


def stored_revision(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        con.close()


def files_beside(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


@pytest.mark.parametrize("start", ["missing", "zero_bytes"])
def test_new_file_gets_the_whole_schema(tmp_path: Path, start: str) -> None:
    path = tmp_path / "new.sqlite"
    if start == "zero_bytes":
        path.touch()
    db = Database.open(path)
    try:
        assert db.migration.from_revision is None
        assert db.migration.to_revision == head_revision()
        assert db.migration.backup is None
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()
    assert set(app.models.Base.metadata.tables) <= tables(path)
    assert files_beside(path) == {"new.sqlite"}


def test_migrations_match_the_models(tmp_path: Path) -> None:
    """A model changed without a migration would make this list non-empty."""
    db = Database.open(tmp_path / "ledger.sqlite")
    try:
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(ctx, app.models.Base.metadata)
    finally:
        db.close()
    assert diff == []


def test_reopening_keeps_data_and_identity(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    db = Database.open(path)
    registry = RegistryService(db)
    community_id = registry.create_community(dict(COMMUNITY))
    compound_id = registry.create("compound", {"name": "阳光小区", "fee_standard": "0.85"})
    node, last_stamp = db.node_id, db.clock.last
    db.close()

    db = Database.open(path)
    try:
        registry = RegistryService(db)
        assert db.migration.backup is None
        assert db.node_id == node
        assert db.clock.now() > last_stamp
        assert registry.community_id == community_id
        assert registry.community().name == "幸福社区"
        assert registry.get("compound", compound_id)["name"] == "阳光小区"
        assert str(registry.get("compound", compound_id)["fee_standard"]) == "0.8500"
    finally:
        db.close()
    assert not [name for name in files_beside(path) if name.endswith(".bak")]


def test_database_of_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    db = Database.open(path)
    RegistryService(db).create_community(dict(COMMUNITY))
    db.close()
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.close()
    before, names = digest(path), files_beside(path)

    with pytest.raises(DatabaseTooNewError) as exc:
        Database.open(path)

    assert exc.value.revision == "9999_from_the_future"
    assert digest(path) == before
    assert files_beside(path) == names
    assert stored_revision(path) == "9999_from_the_future"


@pytest.mark.parametrize("content", [
    "社区居民名单\n张三 李四\n".encode() * 50,
    b"SQLite format 3\x00" + b"\x00" * 84,
    bytes(range(256)) * 16,
], ids=["text", "truncated_sqlite", "binary"])
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(NotALedgerDatabaseError):
        Database.open(path)
    assert digest(path) == before
    assert files_beside(path) == {"notes.sqlite"}


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data.sqlite"
    folder.mkdir()
    with pytest.raises(NotALedgerDatabaseError):
        Database.open(folder)
    assert folder.is_dir() and not any(folder.iterdir())


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        con.execute("INSERT INTO contacts VALUES ('张三', '13812345678')")
    con.close()
    before = digest(path)
    with pytest.raises(NotALedgerDatabaseError):
        Database.open(path)
    assert digest(path) == before
    assert tables(path) == {"contacts"}


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Database.open(tmp_path / "no" / "such" / "ledger.sqlite")
    assert list(tmp_path.iterdir()) == []


def _older_revisions() -> list[str]:
    return revisions_oldest_first()[:-1]


@pytest.mark.skipif(len(revisions_oldest_first()) < 2, reason="only one schema revision exists")
@pytest.mark.parametrize("old", _older_revisions())
def test_upgrade_from_an_older_revision_backs_up_first(tmp_path: Path, old: str) -> None:
    path = tmp_path / "ledger.sqlite"
    db = Database.open(path)
    registry = RegistryService(db)
    registry.create_community(dict(COMMUNITY))
    registry.create("compound", {"name": "阳光小区"})
    db.close()
    engine = make_engine(path)
    try:
        command.downgrade(alembic_config(engine), old)
    finally:
        engine.dispose()
    assert stored_revision(path) == old
    old_tables = tables(path)

    db = Database.open(path)
    try:
        result = db.migration
        assert (result.from_revision, result.to_revision) == (old, head_revision())
        assert current_revision(db.engine) == head_revision()
        assert RegistryService(db).counts()["compound"] == 1
    finally:
        db.close()

    backup = result.backup
    assert backup is not None and backup.exists()
    assert backup.parent == path.parent
    assert old in backup.name
    assert stored_revision(backup) == old
    assert tables(backup) == old_tables
    assert count_rows(backup, "compound") == 1
    assert set(app.models.Base.metadata.tables) <= tables(path)


def test_every_revision_downgrades_and_upgrades_again(tmp_path: Path) -> None:
    """Each step back and forth works, so a release can always be rolled back by an admin."""
    path = tmp_path / "ledger.sqlite"
    Database.open(path).close()
    engine = make_engine(path)
    try:
        cfg = alembic_config(engine)
        command.downgrade(cfg, "base")
        assert current_revision(engine) is None
        for rev in revisions_oldest_first():
            command.upgrade(cfg, rev)
            assert current_revision(engine) == rev
    finally:
        engine.dispose()
    db = Database.open(path)
    try:
        assert db.migration.to_revision == head_revision()
        assert count_rows(path, "outbox") == 0
    finally:
        db.close()
