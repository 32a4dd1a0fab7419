"""The app paints its main window on a real X server: the other tests draw offscreen, which needs
fewer of Qt's system libraries than a desktop does (xcb and its helpers)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.services.registry import RegistryService

pytestmark = pytest.mark.gui


def test_the_main_window_is_painted_on_an_x11_display(registry: RegistryService, db_path: Path,
                                                      tmp_path: Path) -> None:
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None or shutil.which("xauth") is None:
        pytest.skip("xvfb-run (Debian: xvfb, xauth) is not installed")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "DISPLAY", "WAYLAND"))}
    env.update(QT_QPA_PLATFORM="xcb", COMMUNITY_LEDGER_CONFIG_DIR=str(tmp_path / "config"))
    result = subprocess.run([xvfb_run, "-a", sys.executable, "-m", "app", "--db", str(db_path), "--smoke"],
                            env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["window_ms"] > 0 and figures["members_list_ms"] > 0
