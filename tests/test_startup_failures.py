"""The desktop app on a file that is not a ledger, or with an error nobody expected at start-up: one
line on standard error, a non-zero exit, the error log holding the details, and the file untouched.
Under ``--smoke`` nothing waits for an answer that will not come."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.db.database import Database
from app.services.registry import RegistryService


def _run(args: list[str], home: Path, *,
         code: str | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
           "XDG_STATE_HOME": str(home / "state"), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache"), "LANG": "C.UTF-8"}
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "app", *args]
    started = time.monotonic()
    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=90)
    return out, time.monotonic() - started


def _said(out: subprocess.CompletedProcess[str]) -> list[str]:
    """What the program itself said (Qt's offscreen platform adds lines of its own)."""
    assert "Traceback" not in out.stderr, out.stderr
    return [line for line in out.stderr.splitlines() if line.startswith("community-ledger:")]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.endswith(".lock")}


def _ledger(path: Path) -> None:
    db = Database.open(path)
    registry = RegistryService(db)
    registry.create_community({"code": "220802001", "name": "幸福社区", "street": "明仁街道",
                               "district": "洮北区", "city": "白城市", "org_kind": "committee"})
    for i in range(200):
        registry.create("compound", {"name": f"阳光小区{i}", "address": "幸福路" * 20})
    db.close()


def test_random_bytes_are_refused_at_once_under_smoke(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "ledger.sqlite").write_bytes(os.urandom(64 * 1024))
    before = _files(folder)
    out, seconds = _run(["--db", str(folder / "ledger.sqlite"), "--smoke", "--lang", "zh_CN"], tmp_path)
    assert out.returncode == 1
    assert seconds < 30
    said = _said(out)
    assert len(said) == 1 and "不是社区党建台账的数据库" in said[0]
    assert _files(folder) == before  # no -wal, no -shm, not a byte changed


def test_a_ledger_with_a_damaged_page_is_refused_under_smoke(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "ledger.sqlite"
    _ledger(path)
    with sqlite3.connect(path) as con:
        size, pages = (con.execute(f"pragma {p}").fetchone()[0] for p in ("page_size", "page_count"))
    data = bytearray(path.read_bytes())
    for page in range(pages // 2, pages // 2 + 3):
        data[page * size:(page + 1) * size] = b"\xff" * size
    path.write_bytes(bytes(data))
    before = _files(folder)
    out, seconds = _run(["--db", str(path), "--smoke", "--lang", "zh_CN"], tmp_path)
    assert out.returncode == 1
    assert seconds < 30
    said = _said(out)
    assert len(said) == 1 and "已损坏" in said[0]
    assert _files(folder) == before


_BROKEN_WINDOW = """
import sys
import app.bootstrap
class Broken(Exception):
    pass
def refuse(*_args, **_kwargs):
    raise Broken("the window could not be built")
app.bootstrap.{target} = refuse
from app.__main__ import main
raise SystemExit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(("target", "when"), [("MainWindow", "before the window"),
                                               ("install_ledgers", "once the ledger is open")])
def test_an_unexpected_error_at_start_up_is_logged_and_ends_the_smoke_run(
        tmp_path: Path, target: str, when: str) -> None:
    path = tmp_path / "ledger.sqlite"
    _ledger(path)
    out, seconds = _run(["--db", str(path), "--smoke", "--lang", "zh_CN"], tmp_path,
                        code=_BROKEN_WINDOW.format(target=target))
    assert out.returncode == 1, (when, out.stderr)
    assert seconds < 30, when  # not the smoke run's 20-second give-up
    said = _said(out)
    assert len(said) == 1 and "意外错误" in said[0], said
    logs = list((tmp_path / "state").rglob("errors.log"))
    assert len(logs) == 1 and logs[0].as_posix() in said[0]
    text = logs[0].read_text(encoding="utf-8")
    assert "Broken: the window could not be built" in text and "Traceback" in text
