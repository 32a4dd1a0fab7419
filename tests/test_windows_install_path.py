"""The app installed in a folder the user named, such as D:\\软件\\台账100%."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_migrations_run_from_an_install_folder_with_a_percent_sign(tmp_path: Path) -> None:
    install = tmp_path / "台账100%"
    for package in ("app", "server"):
        shutil.copytree(ROOT / package, install / package, ignore=shutil.ignore_patterns("__pycache__"))
    script = ("from app.db.database import Database\n"
              "from server.city import CityServer\n"
              f"Database.open({str(tmp_path / 'ledger.sqlite')!r}).close()\n"
              f"CityServer({str(tmp_path / 'city.sqlite')!r}).close()\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=install, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "ledger.sqlite").is_file() and (tmp_path / "city.sqlite").is_file()
