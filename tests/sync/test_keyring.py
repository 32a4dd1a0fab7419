"""The private sync keys live in the platform's keyring where there is one, not in the ledger file.

A real Secret Service (gnome-keyring on a private D-Bus) stands for a computer's keyring; each
"computer" below is a process with its own bus and keyring, or with none at all.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

Computer = dict[str, str]

_SETUP = """
import json, sys
from pathlib import Path
from app.db.database import Database
from app.services.registry import RegistryService
from app.sync.errors import SyncError
from app.sync.service import SyncService
from app.sync.status import KEYS_KEY
path = Path(sys.argv[1])
"""


def _python(computer: Computer, code: str, *args: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", _SETUP + code, *args], capture_output=True, text=True,
                         env=computer, timeout=60)
    assert out.returncode == 0, out.stderr
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _base_env(home: Path) -> Computer:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "PYTHON_KEYRING"))}
    for name in ("config", "data", "state", "cache"):
        (home / name).mkdir(parents=True, exist_ok=True)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"))
    return env


@pytest.fixture
def computer(tmp_path: Path) -> Iterator[Callable[[str], Computer]]:
    """``computer(name)``: the environment of a computer with its own running Secret Service."""
    if not (shutil.which("dbus-daemon") and shutil.which("gnome-keyring-daemon")):
        pytest.skip("no dbus-daemon and gnome-keyring-daemon (Debian: dbus, gnome-keyring)")
    running: list[subprocess.Popen[str]] = []

    def start(name: str) -> Computer:
        env = _base_env(tmp_path / name)
        bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        running.append(bus)
        assert bus.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        keyring = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock",
                                    "--components=secrets"], env=env, stdin=subprocess.PIPE,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
        running.append(keyring)
        assert keyring.stdin is not None
        keyring.stdin.write("login-password")
        keyring.stdin.close()
        probe = ("import keyring; keyring.set_password('probe', 'p', 'x'); "
                 "print(keyring.get_password('probe', 'p'))")
        deadline = time.monotonic() + 20
        while True:
            out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                                 timeout=30)
            if out.stdout.strip() == "x":
                return env
            assert time.monotonic() < deadline, out.stderr
            time.sleep(0.3)

    yield start
    for process in reversed(running):
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _without_keyring(home: Path) -> Computer:
    env = _base_env(home)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    return env


_NEW_LEDGER = """
db = Database.open(path)
RegistryService(db).create_community({"code": "220802001", "name": "幸福社区", "street": "明仁街道",
                                      "district": "洮北区", "city": "白城市", "org_kind": "committee"})
keys = SyncService(db).keys()
print(json.dumps({"fingerprint": keys.public.fingerprint, "stored": db.get_state(KEYS_KEY),
                  "private": json.loads(json.dumps(keys.private_json()))["sign"]}))
db.close()
"""

_KEYS = """
db = Database.open(path)
try:
    keys = SyncService(db).keys(renew_missing=len(sys.argv) > 2)
    print(json.dumps({"fingerprint": keys.public.fingerprint, "stored": db.get_state(KEYS_KEY)}))
except SyncError as error:
    print(json.dumps({"refused": error.code, "stored": db.get_state(KEYS_KEY)}))
db.close()
"""


def test_the_keyring_holds_the_private_keys_and_the_ledger_only_a_reference(
        computer: Callable[[str], Computer], tmp_path: Path) -> None:
    office = computer("office")
    ledger = tmp_path / "ledger.sqlite"
    made = _python(office, _NEW_LEDGER, str(ledger))
    assert json.loads(str(made["stored"]))["held_by"] == "keyring"
    raw = ledger.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("ledger.sqlite-*"))
    assert str(made["private"]).encode() not in raw
    again = _python(office, _KEYS, str(ledger))
    assert again["fingerprint"] == made["fingerprint"]


def test_a_ledger_copied_to_another_computer_is_told_to_restore_or_enrol_again(
        computer: Callable[[str], Computer], tmp_path: Path) -> None:
    office, other = computer("office"), computer("other")
    ledger = tmp_path / "ledger.sqlite"
    made = _python(office, _NEW_LEDGER, str(ledger))
    copied = _python(other, _KEYS, str(ledger))
    assert copied["refused"] == "keys_elsewhere"
    assert copied["stored"] == made["stored"]  # the refusal changed nothing
    renewed = _python(other, _KEYS, str(ledger), "renew")  # as a new enrolment does
    assert renewed["fingerprint"] != made["fingerprint"]


def test_an_encrypted_backup_carries_the_keys_to_another_computer(
        computer: Callable[[str], Computer], tmp_path: Path) -> None:
    office, other = computer("office"), computer("other")
    ledger = tmp_path / "ledger.sqlite"
    made = _python(office, _NEW_LEDGER, str(ledger))
    backup, restored = tmp_path / "stick" / "ledger.clbackup", tmp_path / "restored.sqlite"
    backup.parent.mkdir()
    _python(office, "from app.db.backup import write_encrypted\n"
                    "write_encrypted(path, Path(sys.argv[2]), 'a long passphrase')\n"
                    "print(json.dumps({}))", str(ledger), str(backup))
    assert str(made["private"]).encode() not in backup.read_bytes()  # encrypted, not in clear
    _python(other, "from app.db.backup import read_encrypted\n"
                   "read_encrypted(Path(sys.argv[2]), 'a long passphrase', path)\n"
                   "print(json.dumps({}))", str(restored), str(backup))
    there = _python(other, _KEYS, str(restored))
    assert there["fingerprint"] == made["fingerprint"]
    assert json.loads(str(there["stored"]))["held_by"] == "keyring"  # and moved into that keyring


def test_without_a_keyring_the_keys_stay_in_the_private_ledger_and_move_in_when_one_appears(
        computer: Callable[[str], Computer], tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    made = _python(_without_keyring(tmp_path / "bare"), _NEW_LEDGER, str(ledger))
    assert json.loads(str(made["stored"]))["sign"] == made["private"]
    if os.name == "posix":
        assert ledger.stat().st_mode & 0o077 == 0
    moved = _python(computer("desktop"), _KEYS, str(ledger))
    assert moved["fingerprint"] == made["fingerprint"]
    assert json.loads(str(moved["stored"]))["held_by"] == "keyring"
