"""The wheel is complete: built from the committed sources, installed into a fresh virtual
environment and run from there, it prints with its own embedded font and opens in Chinese, and the
desktop app does not bring the city server's PostgreSQL driver."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from printing.pdfcheck import pdffonts, pdftotext

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.environ.get("COMMUNITY_LEDGER_SLOW_TESTS"),
                       reason="builds and installs the wheel (~1 min); set COMMUNITY_LEDGER_SLOW_TESTS=1"),
]

# Run inside the fresh environment: the app's own entry point with --smoke, then what the main
# window showed (read when the app quits) and where the package found its files.
WINDOW_PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication, QMainWindow
qt = QApplication(sys.argv[:1])
seen = {}
def look():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow):
            seen["title"] = widget.windowTitle()
            seen["menus"] = [action.text() for action in widget.menuBar().actions()]
qt.aboutToQuit.connect(look)
from app.__main__ import main
code = main(["--db", sys.argv[1], "--smoke", "--lang", "zh_CN"])
from app.resources import resources_dir
seen["assets"] = str(resources_dir())
print(json.dumps(seen, ensure_ascii=False))
sys.exit(code)
"""


def _source_tree(target: Path) -> Path:
    """The files git would commit (tracked and new, not ignored): no compiled .qm, no .venv."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed (the wheel is built from the files git would commit)")
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], check=True, capture_output=True).stdout
    for name in sorted(set(listed.decode("utf-8").split("\0")) - {""}):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _run(cmd: list[str | Path], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _clean_env(home: Path) -> dict[str, str]:
    """The environment without this checkout or its venv on the path, and with a home of its own."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"} and not k.startswith("COMMUNITY_LEDGER")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"),
               QT_QPA_PLATFORM="offscreen")
    # uv keeps its download cache where the developer's is, so the install takes seconds.
    env.setdefault("UV_CACHE_DIR", os.environ.get("UV_CACHE_DIR")
                   or str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "uv"))
    return env


def test_the_wheel_prints_and_opens_in_chinese_from_a_fresh_environment(tmp_path: Path) -> None:
    uv = [sys.executable, "-m", "uv"]
    env = _clean_env(tmp_path / "home")
    source = _source_tree(tmp_path / "src")
    assert not list(source.rglob("*.qm")), "the build must compile the translations itself"

    # sdist first, then the wheel from the sdist (uv's default): both must carry what is needed.
    _run([*uv, "build", "--quiet", "--out-dir", tmp_path / "dist", source], tmp_path, env)
    wheel = next((tmp_path / "dist").glob("community_ledger-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        metadata = Parser().parsestr(zf.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
                                     .decode("utf-8"))
    assert {"app/assets/fonts/wqy-microhei.ttc", "app/assets/i18n/zh_CN.qm", "app/assets/help/attendees.png",
            "app/assets/help/signin.png", "app/assets/help/sync.png"} <= names
    assert not [n for n in names if n.startswith(("resources/", "tests/")) or n.endswith(".ts")]
    requires = metadata.get_all("Requires-Dist") or []
    assert [r for r in requires if r.startswith("psycopg")] == ['psycopg[binary]>=3.1; extra == "server"']

    venv = tmp_path / "venv"
    _run([*uv, "venv", "--quiet", "--python", sys.executable, venv], tmp_path, env)
    python = venv / "bin" / "python"
    _run([*uv, "pip", "install", "--quiet", "--python", python, wheel], tmp_path, env)
    work = tmp_path / "work"
    work.mkdir()
    assert subprocess.run([python, "-c", "import psycopg"], cwd=work, env=env,
                          capture_output=True).returncode != 0, "the desktop app must not bring psycopg"

    # A sign-in sheet printed by the installed command line embeds the font from the wheel.
    cli = venv / "bin" / "community-ledger-cli"
    _run([cli, "print", "signin", "--blank", "--title", "支部委员会", "--out", "sheet.pdf"], work, env)
    fonts = pdffonts(work / "sheet.pdf")
    assert fonts and all("+WenQuanYiMicroHei" in row[0] and row[-5] == "yes" for row in fonts), fonts
    assert "支部委员会" in pdftotext(work / "sheet.pdf")

    # Both schemas migrate from the wheel's own alembic folders (the server on SQLite, no driver).
    server = venv / "bin" / "community-ledger-server"
    _run([server, "--db", "city.sqlite", "communities"], work, env)

    # The window opens in Chinese, with the translation compiled into the wheel.
    _run([cli, "--db", "ledger.sqlite", "init", "--code", "220802001", "--name", "幸福社区",
          "--street", "明仁街道", "--district", "洮北区", "--city", "白城市"], work, env)
    out = _run([python, "-c", WINDOW_PROBE, "ledger.sqlite"], work, env)
    smoke, seen = (json.loads(line) for line in out.strip().splitlines()[-2:])
    assert smoke["window_ms"] > 0
    assert seen["title"] == "社区党建台账 — 幸福社区"
    assert seen["menus"][:2] == ["文件(&F)", "编辑(&E)"], seen["menus"]
    assert Path(seen["assets"]).is_relative_to(venv), seen["assets"]
