"""The files the programs leave: private to the user, never half-written ones piling up, none
made or changed by a command that fails or only reads, and never another program's file."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.atomic import atomic_write
from app.db.database import Database
from app.db.migrate import backup_file

BIN = Path(sys.executable).parent
INIT = ("init", "--code", "220802001", "--name", "幸福社区", "--street", "明仁街道", "--district", "洮北区",
        "--city", "白城市")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")


def run(program: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / program), *map(str, args)], capture_output=True, text=True, timeout=300)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> dict[str, tuple[int, float]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime) for p in folder.iterdir()}


@posix_only
def test_the_ledger_its_wal_and_its_backups_are_private_to_the_user(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "ledger.sqlite"
        assert run("community-ledger-cli", "--db", path, *INIT).returncode == 0
        assert mode(path) == 0o600
        db = Database.open(path)
        try:
            from app.sync.service import SyncService

            SyncService(db).keys()  # the private keys are written into the ledger
            wal, shm = path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
            assert wal.exists() and shm.exists()
            assert (mode(wal), mode(shm)) == (0o600, 0o600)
        finally:
            db.close()
        assert mode(backup_file(path, "0001")) == 0o600
        out = tmp_path / "backups"
        out.mkdir()
        assert run("community-ledger-cli", "--db", path, "backup", "--out", out).returncode == 0
        assert [mode(p) for p in out.iterdir()] == [0o600]
    finally:
        os.umask(old)


@posix_only
def test_a_ledger_made_readable_by_others_is_made_private_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    assert run("community-ledger-cli", "--db", path, *INIT).returncode == 0
    path.chmod(0o644)
    Database.open(path).close()
    assert mode(path) == 0o600


@posix_only
def test_the_city_database_is_private_to_the_server_account(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "city.sqlite"
        assert run("community-ledger-server", "--db", path, "communities").returncode == 0
        assert mode(path) == 0o600
    finally:
        os.umask(old)


def test_a_half_written_file_of_a_killed_write_is_removed_at_the_next_attempt(tmp_path: Path) -> None:
    target = tmp_path / "book.pdf"
    stale = tmp_path / ".book.pdf.0badc0de.part"
    stale.write_bytes(b"")
    other = tmp_path / ".book.pdf.notours.part"  # not a name atomic_write gives
    other.write_bytes(b"")
    atomic_write(target, b"%PDF-1.4")
    assert target.read_bytes() == b"%PDF-1.4"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".book.pdf.notours.part", "book.pdf"]


@posix_only
def test_the_half_written_file_of_a_write_under_way_is_kept(tmp_path: Path) -> None:
    """Another process writing the same file right now holds its temporary file: it stays."""
    target = tmp_path / "package.clsync"
    probe = (
        "import sys, time; from pathlib import Path; from app.atomic import atomic_write\n"
        "def slow(tmp):\n    print(tmp.name, flush=True); time.sleep(30)\n"
        "atomic_write(Path(sys.argv[1]), write=slow)\n")
    writer = subprocess.Popen([sys.executable, "-c", probe, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None
        busy = writer.stdout.readline().strip()
        assert (tmp_path / busy).exists()
        atomic_write(target, b"mine")
        assert (tmp_path / busy).exists()
    finally:
        writer.kill()
        writer.wait()


def test_a_failed_init_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    result = run("community-ledger-cli", "--db", path, "init", "--code", "abc;drop", "--name", "幸福社区",
                 "--street", "明仁街道", "--district", "洮北区", "--city", "白城市")
    assert "division_code" in one_line_error(result)
    assert list(tmp_path.iterdir()) == []


def test_stats_never_creates_or_migrates_a_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert "the file is empty" in one_line_error(run("community-ledger-cli", "--db", empty, "stats"))
    assert empty.read_bytes() == b""
    path = tmp_path / "ledger.sqlite"
    assert run("community-ledger-cli", "--db", path, *INIT).returncode == 0
    truncated = tmp_path / "truncated.sqlite"
    truncated.write_bytes(path.read_bytes()[:100_000])
    before = listing(tmp_path)
    one_line_error(run("community-ledger-cli", "--db", truncated, "stats"))
    assert listing(tmp_path) == before
    older = tmp_path / "older.sqlite"
    con = sqlite3.connect(older)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    con.execute("INSERT INTO alembic_version VALUES ('0001')")
    con.commit()
    con.close()
    before = listing(tmp_path)
    assert "open it once with the app" in one_line_error(run("community-ledger-cli", "--db", older, "stats"))
    assert listing(tmp_path) == before


def test_stats_reads_a_read_only_ledger_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "disc"
    folder.mkdir()
    path = folder / "ledger.sqlite"
    assert run("community-ledger-cli", "--db", path, *INIT).returncode == 0
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        before = listing(folder)
        result = run("community-ledger-cli", "--db", path, "stats", "--json")
        assert result.returncode == 0, result.stderr
        assert '"communities": 1' in result.stdout
        assert listing(folder) == before
    finally:
        folder.chmod(0o755)


def test_the_server_refuses_another_programs_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "accounts.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total INTEGER)")
    con.execute("INSERT INTO invoice VALUES (1, 100)")
    con.commit()
    con.close()
    before = digest(path)
    files = sorted(p.name for p in tmp_path.iterdir())
    line = one_line_error(run("community-ledger-server", "--db", path, "communities"))
    assert "another program's tables (invoice)" in line
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files
