"""Every command, given what breaks programs (bytes that are not UTF-8, a path too long for the
system, a database with a damaged page, a reader that goes away, a second process doing the same
thing), ends with one clear line on stderr and a non-zero status, and changes no file."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
APP, SERVER = "community-ledger-cli", "community-ledger-server"
BAD = b"\xff\xfe\xb0"  # not UTF-8
LONG = "x" * 5000  # longer than any path the systems take (PATH_MAX is 4096)
COMMUNITY = ("--code", "220802001", "--name", "幸福社区", "--street", "明仁街道", "--district", "洮北区",
             "--city", "白城市")


def run(program: str, *args: str | bytes | Path) -> subprocess.CompletedProcess[bytes]:
    command: list[str | bytes] = [str(BIN / program)]
    command += [a if isinstance(a, bytes) else str(a) for a in args]
    return subprocess.run(command, capture_output=True, timeout=300)


def one_line(result: subprocess.CompletedProcess[bytes]) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode != 0, err
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert ": error: " in lines[0]
    return lines[0]


def state(folder: Path) -> dict[str, str]:
    """Every file of ``folder`` and its content."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ledger") / "ledger.sqlite"
    assert run(APP, "--db", path, "demo", "--quiet").returncode == 0
    return path


@pytest.fixture
def work(ledger: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "ledger.sqlite"
    copy.write_bytes(ledger.read_bytes())
    return copy


def _meeting(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT id FROM meeting LIMIT 1").fetchone()[0])
    finally:
        con.close()


def app_commands(db: Path, out: Path, meeting: str, arg: str | bytes) -> dict[str, list[str | bytes | Path]]:
    """Every command of the app's command line, with ``arg`` where it takes words or a file."""
    return {
        "init": ["--db", db, "init", *COMMUNITY[:2], "--name", arg, *COMMUNITY[4:]],
        "demo": ["--db", db, "demo", "--quiet", "--seed", arg],
        "stats": ["--db", db, "stats", "--json", "--current", arg],
        "print signin": ["--db", db, "print", "signin", "--meeting", meeting, "--title", arg, "--out", out],
        "print signin --meeting": ["--db", db, "print", "signin", "--meeting", arg, "--out", out],
        "print ledger": ["--db", db, "print", "ledger", "--kind", arg, "--year", "2026", "--out", out],
        "print book": ["--db", db, "print", "book", "--year", "2026", "--out", arg],
        "print appeal": ["--db", db, "print", "appeal", "--id", arg, "--out", out],
        "print minutes": ["--db", db, "print", "minutes", "--meeting", arg, "--out", out],
        "enroll": ["--db", db, "enroll", "--code", arg],
        "export": ["--db", db, "export", "--out", arg],
        "import": ["--db", db, "import", arg],
        "sync-status": ["--db", db, "sync-status", arg],
        "backup": ["--db", db, "backup", "--out", arg],
        "restore": ["--db", db, "restore", arg],
        "check": ["--db", db, "check", arg],
        "--db": ["--db", arg, "stats"],
    }


# The commands whose argument above is a file or folder.
PATHS = {"print book", "export", "import", "backup", "restore", "--db"}


def server_commands(db: Path, arg: str | bytes) -> dict[str, list[str | bytes | Path]]:
    return {
        "add-community": ["--db", db, "add-community", "220802001", arg, "--district", "洮北区",
                          "--street", "明仁街道"],
        "put-city-record": ["--db", db, "put-city-record", "organ", arg],
        "import": ["--db", db, "import", arg],
        "export-for": ["--db", db, "export-for", "220802001", "--out", arg],
        "publish-notice": ["--db", db, "publish-notice", arg, "--text", "x"],
        "--db": ["--db", arg, "communities"],
    }


@pytest.mark.parametrize("what", ["not UTF-8", "too long"])
def test_every_app_command_says_one_line_and_changes_nothing(work: Path, tmp_path: Path, what: str) -> None:
    arg: str | bytes = BAD if what == "not UTF-8" else str(tmp_path / LONG)
    meeting = _meeting(work)
    commands = app_commands(work, tmp_path / "out.pdf", meeting, arg)
    before = state(tmp_path)
    for name, args in commands.items():
        if what == "too long" and name not in PATHS:
            continue  # words, not a path: a long title is a long title
        result = run(APP, *args)
        line = one_line(result)
        assert line, name
        assert state(tmp_path) == before, name


@pytest.mark.parametrize("what", ["not UTF-8", "too long"])
def test_every_server_command_says_one_line_and_changes_nothing(tmp_path: Path, what: str) -> None:
    city = tmp_path / "city.sqlite"
    assert run(SERVER, "--db", city, "communities").returncode == 0
    arg: str | bytes = BAD if what == "not UTF-8" else str(tmp_path / LONG)
    before = state(tmp_path)
    for name, args in server_commands(city, arg).items():
        if what == "too long" and name in ("add-community", "put-city-record", "publish-notice"):
            continue  # words, not a path: a long name is a name
        line = one_line(run(SERVER, *args))
        assert line, name
        assert state(tmp_path) == before, name


def _damage(path: Path) -> None:
    """Overwrite a page in the middle of the file: SQLite says it is malformed."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with path.open("r+b") as fh:
        for page in range(2, pages, 3):
            fh.seek(page * size)
            fh.write(b"\x0d" * 64)


def test_commands_on_a_damaged_database_say_one_line_and_change_nothing(work: Path, tmp_path: Path) -> None:
    meeting = _meeting(work)
    _damage(work)
    before = state(tmp_path)
    for name in ("stats", "print signin", "print book", "export", "sync-status"):
        args = app_commands(work, tmp_path / "out.pdf", meeting, str(tmp_path / "out.pdf"))[name]
        if name == "stats":
            args = ["--db", work, "stats"]
        if name == "sync-status":
            args = ["--db", work, "sync-status"]
        result = run(APP, *args)
        line = one_line(result)
        assert state(tmp_path) == before, (name, line)


def test_stats_into_a_reader_that_went_away(work: Path) -> None:
    """``stats --json | head -c 10``: no traceback when the pipe closes."""
    proc = subprocess.Popen([str(BIN / APP), "--db", str(work), "stats", "--json"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) != 0
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_two_demo_runs_racing_on_one_new_file(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    procs = [subprocess.Popen([str(BIN / APP), "--db", str(path), "demo", "--quiet"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read().decode()) for p in procs if p.stderr is not None]
    assert sorted(code == 0 for code, _ in results) in ([False, True], [True, True]), results
    for code, err in results:
        assert "Traceback" not in err, err
        if code != 0:
            assert len(err.strip().splitlines()) == 1, err
    assert run(APP, "--db", path, "check").returncode == 0


def test_the_server_joins_a_driver_message_of_two_lines(tmp_path: Path) -> None:
    """PostgreSQL's client says where it failed on one line and why on the next; SQLAlchemy adds a
    line pointing at its web site."""
    result = run(SERVER, "--db", "postgresql+psycopg://u:p@127.0.0.1:9/none?connect_timeout=3", "communities")
    line = one_line(result)
    assert "Background on this error" not in line
    assert "cannot open the database" in line
