"""The command lines with output redirected on Chinese Windows, whose code page (GBK) lacks some
characters of names and paths.  PYTHONIOENCODING=gbk gives Python the same streams here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
NOT_IN_GBK = "䶮𠮷•"


def _run(program: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONIOENCODING="gbk")
    return subprocess.run([str(BIN / program), *args], capture_output=True, env=env, timeout=120)


def test_a_printed_path_outside_the_code_page_does_not_fail_the_command(tmp_path: Path) -> None:
    out = tmp_path / f"{NOT_IN_GBK}签到表.pdf"
    result = _run("community-ledger-cli", "print", "signin", "--blank", "--title", "居民代表会议",
                  "--out", str(out))
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    stdout = result.stdout.decode("gbk")
    assert "签到表.pdf" in stdout and "pages)" in stdout and out.exists()


def test_the_server_lists_a_community_name_outside_the_code_page_as_valid_json(tmp_path: Path) -> None:
    db = str(tmp_path / "city.sqlite")
    added = _run("community-ledger-server", "--db", db, "add-community", "220802009", f"{NOT_IN_GBK}家社区",
                 "--district", "洮北区", "--street", "明仁街道")
    assert added.returncode == 0, added.stderr.decode("gbk", "replace")
    listed = _run("community-ledger-server", "--db", db, "communities")
    assert listed.returncode == 0, listed.stderr.decode("gbk", "replace")
    assert [c["name"] for c in json.loads(listed.stdout.decode("gbk"))] == [f"{NOT_IN_GBK}家社区"]
