"""Backups keep a year of ledgers safe: copies identical to the ledger, kept over a year as promised,
encrypted for a USB drive, restored with the current file kept aside, and never half made."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.db.backup import (
    BackupError,
    automatic_backup,
    backup_folder,
    backups,
    check_database,
    make_backup,
    read_encrypted,
    restore,
    to_keep,
    write_encrypted,
)
from app.db.database import Database
from app.db.lock import LedgerInUseError, LedgerLock
from app.services.registry import RegistryService

COMMUNITY = {"code": "220802001", "name": "幸福社区", "street": "明仁街道", "district": "洮北区",
             "city": "白城市", "org_kind": "committee"}
MEMBER = "欧阳秀兰"


def _ledger(path: Path, members: int = 30) -> Path:
    db = Database.open(path)
    reg = RegistryService(db)
    reg.create_community(dict(COMMUNITY))
    for i in range(members):
        reg.create("party_member", {"name": f"{MEMBER}{i}", "gender": "female", "join_date": "1990-07-01",
                                    "phone": f"1380436{i:04d}"})
    db.close()
    return path


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        con.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_is_the_ledger_row_for_row_and_private(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger.sqlite")
    copy = make_backup(ledger, tmp_path / "copy.sqlite")
    assert dump(copy) == dump(ledger)
    assert check_database(copy).ok
    assert (copy.stat().st_mode & 0o777) == 0o600


def test_the_backup_is_consistent_while_the_app_writes(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger.sqlite")
    db = Database.open(ledger)  # open in WAL mode, with changes not yet checkpointed
    RegistryService(db).create("compound", {"name": "阳光小区"})
    copy = make_backup(ledger, tmp_path / "copy.sqlite")
    names = [r[0] for r in sqlite3.connect(copy).execute("SELECT name FROM compound")]
    db.close()
    assert names == ["阳光小区"]


def test_a_year_of_daily_backups_keeps_thirty_days_and_twelve_months(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger.sqlite", members=1)
    folder = tmp_path / "backups"
    start = datetime(2026, 1, 1, 9, 0)
    for day in range(400):
        now = start + timedelta(days=day)
        automatic_backup(ledger, folder, now=now)
        automatic_backup(ledger, folder, now=now + timedelta(hours=3))  # a second start that day: no copy
    kept = [when for when, _ in backups(folder, ledger)]
    last = start + timedelta(days=399)
    daily = {(last - timedelta(days=d)).date() for d in range(30)}
    assert {w.date() for w in kept} >= daily
    months = sorted({(w.year, w.month) for w in kept}, reverse=True)
    assert len(months) == 12
    assert len(kept) == 30 + 12 - len({(d.year, d.month) for d in daily})
    assert all(w.hour == 9 for w in kept)  # the first backup of each day


def test_the_keep_rule_on_its_own() -> None:
    day = datetime(2026, 6, 30, 8)
    dated = [(day - timedelta(days=d), Path(f"b{d}")) for d in range(100)]
    keep = to_keep(dated)
    # The 30 days of June, then the newest of May (the 31st), of April and of March.
    assert {Path(f"b{d}") for d in range(30)} <= keep
    assert Path("b30") in keep and Path("b31") not in keep
    assert len(keep) == 30 + 3


def test_an_encrypted_backup_hides_every_name_and_refuses_a_wrong_passphrase(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger.sqlite")
    sealed = write_encrypted(ledger, tmp_path / "usb.clbackup", "正确的口令-2026")
    data = sealed.read_bytes()
    for secret in (MEMBER, COMMUNITY["name"], "13804360001"):
        assert secret.encode("utf-8") not in data
    assert b"SQLite format 3" not in data
    with pytest.raises(BackupError) as refused:
        read_encrypted(sealed, "错误的口令-2026", tmp_path / "out.sqlite")
    assert refused.value.code == "wrong_passphrase"
    assert not (tmp_path / "out.sqlite").exists()
    read_encrypted(sealed, "正确的口令-2026", tmp_path / "out.sqlite")
    assert dump(tmp_path / "out.sqlite") == dump(ledger)


def test_a_cut_off_or_altered_encrypted_backup_is_refused(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger.sqlite", members=300)
    sealed = write_encrypted(ledger, tmp_path / "usb.clbackup", "password-1")
    cut = tmp_path / "cut.clbackup"
    cut.write_bytes(sealed.read_bytes()[: len(sealed.read_bytes()) // 2])
    altered = tmp_path / "altered.clbackup"
    raw = bytearray(sealed.read_bytes())
    raw[-10] ^= 0xFF
    altered.write_bytes(bytes(raw))
    for bad in (cut, altered):
        with pytest.raises(BackupError) as refused:
            read_encrypted(bad, "password-1", tmp_path / "out.sqlite")
        assert refused.value.code == "damaged"
        assert not (tmp_path / "out.sqlite").exists()


def test_a_short_passphrase_is_refused(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger.sqlite", members=1)
    with pytest.raises(BackupError) as refused:
        write_encrypted(ledger, tmp_path / "usb.clbackup", "1234")
    assert refused.value.code == "passphrase_short"
    assert list(tmp_path.glob("*.clbackup")) == []


def _damage(path: Path) -> None:
    """Overwrite a page in the middle of the file, as a failing disk would."""
    with path.open("r+b") as fh:
        fh.seek(4096 * 3)
        fh.write(os.urandom(4096))


def test_a_damaged_ledger_is_found_and_the_newest_good_backup_restores_it(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger.sqlite", members=300)
    before = dump(ledger)
    folder = backup_folder(ledger)
    made = automatic_backup(ledger, folder)
    assert made is not None
    _damage(ledger)
    assert not check_database(ledger).ok
    aside = restore(ledger, made)
    assert aside is not None and aside.exists() and not check_database(aside).ok  # kept as it was
    assert check_database(ledger).ok and dump(ledger) == before
    Database.open(ledger).close()


def test_a_refused_restore_changes_nothing(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger.sqlite", members=5)
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(ledger.read_bytes())
    _damage(bad)
    before = digest(ledger)
    with pytest.raises(BackupError) as refused:
        restore(ledger, bad)
    assert refused.value.code == "unsound"
    assert digest(ledger) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.sqlite", "ledger.sqlite"]
    foreign = tmp_path / "notes.txt"
    foreign.write_text("不是备份", encoding="utf-8")
    with pytest.raises(BackupError):
        restore(ledger, foreign)
    assert digest(ledger) == before


KILL_SCRIPT = """
import sys
from pathlib import Path
from app.db.backup import make_backup
print("started", flush=True)
make_backup(Path(sys.argv[1]), Path(sys.argv[2]), progress=lambda done, total: print(done, total, flush=True))
"""


def test_killing_a_backup_midway_leaves_the_ledger_and_older_backups_intact(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger.sqlite", members=10)
    # A large ledger, so the backup takes several steps to kill it in.
    con = sqlite3.connect(ledger)
    with con:
        con.execute("CREATE TABLE padding (x BLOB)")
        con.executemany("INSERT INTO padding VALUES (?)", [(os.urandom(4000),) for _ in range(20000)])
    con.close()
    folder = tmp_path / "backups"
    folder.mkdir()
    older = make_backup(ledger, folder / "ledger-20261201-090000.sqlite")
    older_digest, ledger_digest = digest(older), digest(ledger)
    target = folder / "ledger-20261202-090000.sqlite"
    child = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(ledger), str(target)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "started"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        done, total = map(int, line.split())
        if 0 < done < total:
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert not target.exists()  # no half backup under a backup's name
    assert digest(older) == older_digest and digest(ledger) == ledger_digest
    assert check_database(ledger).ok
    assert [p for _, p in backups(folder, ledger)] == [older]


def test_the_lock_refuses_a_second_program(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "ledger.sqlite", members=1)
    script = ("import sys; from pathlib import Path; from app.db.lock import LedgerLock, LedgerInUseError\n"
              "try:\n    LedgerLock(Path(sys.argv[1])).acquire()\nexcept LedgerInUseError:\n"
              "    print('in use')\nelse:\n    print('free')\n")
    with LedgerLock(ledger):
        held = subprocess.run([sys.executable, "-c", script, str(ledger)], capture_output=True, text=True)
        with pytest.raises(LedgerInUseError):
            LedgerLock(ledger).acquire()
    freed = subprocess.run([sys.executable, "-c", script, str(ledger)], capture_output=True, text=True)
    assert (held.stdout.strip(), freed.stdout.strip()) == ("in use", "free")
