"""``backup``, ``restore`` and ``check`` as an administrator runs them, in a real process."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from app.db.lock import LedgerLock

SCRIPT = Path(sysconfig.get_path("scripts")) / "community-ledger-cli"


def cli(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "app.cli"]
    return subprocess.run([*command, *map(str, args)], capture_output=True, text=True, timeout=120,
                          input=stdin, env={**os.environ, "PYTHONWARNINGS": "ignore"})


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "ledger.sqlite"
    assert cli("--db", path, "demo", "--seed", "3").returncode == 0
    return path


def test_check_says_ok_and_a_damaged_ledger_fails(ledger: Path, tmp_path: Path) -> None:
    ok = cli("--db", ledger, "check")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["status"] == "ok"
    damaged = tmp_path / "damaged.sqlite"
    shutil.copyfile(ledger, damaged)
    with damaged.open("r+b") as fh:
        fh.seek(4096 * 5)
        fh.write(os.urandom(4096 * 4))
    assert "damaged" in one_line(cli("--db", damaged, "check"))


def test_a_plain_and_an_encrypted_backup_restore_the_ledger(ledger: Path, tmp_path: Path) -> None:
    work = tmp_path / "ledger.sqlite"
    shutil.copyfile(ledger, work)
    plain = cli("--db", work, "backup", "--out", tmp_path)
    sealed = cli("--db", work, "backup", "--out", tmp_path, "--passphrase-stdin", stdin="街道的口令2026\n")
    assert plain.returncode == 0 and sealed.returncode == 0, plain.stderr + sealed.stderr
    plain_file, sealed_file = Path(json.loads(plain.stdout)["file"]), Path(json.loads(sealed.stdout)["file"])
    assert json.loads(sealed.stdout)["encrypted"] is True and "幸福".encode() not in sealed_file.read_bytes()
    before = digest(work)
    wrong = cli("--db", work, "restore", sealed_file, "--passphrase-stdin", stdin="不对的口令2026\n")
    assert "passphrase" in one_line(wrong)
    assert digest(work) == before
    no_passphrase = cli("--db", work, "restore", sealed_file)
    assert "--passphrase-stdin" in one_line(no_passphrase)
    restored = cli("--db", work, "restore", sealed_file, "--passphrase-stdin", stdin="街道的口令2026\n")
    assert restored.returncode == 0, restored.stderr
    kept = Path(json.loads(restored.stdout)["previous_kept_as"])
    assert kept.exists() and digest(kept) == before
    assert cli("--db", work, "check").returncode == 0
    again = cli("--db", work, "restore", plain_file)
    assert again.returncode == 0, again.stderr
    stats_before = json.loads(cli("--db", ledger, "stats", "--json").stdout)
    assert json.loads(cli("--db", work, "stats", "--json").stdout) == stats_before


def test_restore_refuses_a_ledger_open_in_the_app(ledger: Path, tmp_path: Path) -> None:
    work = tmp_path / "ledger.sqlite"
    shutil.copyfile(ledger, work)
    backup = json.loads(cli("--db", work, "backup", "--out", tmp_path).stdout)["file"]
    before = digest(work)
    with LedgerLock(work):
        assert "open in the app" in one_line(cli("--db", work, "restore", backup))
    assert digest(work) == before


def test_bad_arguments_are_one_line(tmp_path: Path, ledger: Path) -> None:
    assert "not found" in one_line(cli("--db", tmp_path / "missing.sqlite", "check"))
    assert "does not exist" in one_line(cli("--db", ledger, "backup", "--out", tmp_path / "nowhere"))
    assert "no passphrase" in one_line(cli("--db", ledger, "backup", "--out", tmp_path, "--passphrase-stdin",
                                           stdin=""))
    short = cli("--db", ledger, "backup", "--out", tmp_path, "--passphrase-stdin", stdin="1234\n")
    assert "8 characters" in one_line(short)
    assert list(tmp_path.iterdir()) == []
