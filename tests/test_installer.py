"""The Windows installer script compiles (makensis, as on the Windows build machine) around a
stand-in folder where the Windows bundle would be: no Windows Python can be had here to build one."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_installer_compiles_into_a_64_bit_windows_program(tmp_path: Path) -> None:
    if shutil.which("makensis") is None:
        pytest.skip("makensis (Debian: nsis) is not installed")
    bundle = tmp_path / "community-ledger"
    (bundle / "_internal" / "app" / "assets").mkdir(parents=True)
    for name in ("community-ledger.exe", "community-ledger-cli.exe"):
        (bundle / name).write_bytes(b"MZ stand-in for " + name.encode())
    (bundle / "_internal" / "app" / "assets" / "__init__.py").write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "make_installer.py"), "--bundle",
                             str(bundle), "--out-dir", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    [installer] = (tmp_path / "out").glob("community-ledger-*-setup.exe")
    assert result.stdout.startswith(f"installer: {installer} ")
    data = installer.read_bytes()
    assert data[:2] == b"MZ"
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    assert data[pe:pe + 4] == b"PE\0\0"
    assert struct.unpack_from("<H", data, pe + 4)[0] == 0x8664  # x64: Windows 10/11 x64 only


def test_a_missing_bundle_is_named(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "make_installer.py"), "--bundle",
                             str(tmp_path / "nothing")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "community-ledger.exe is missing: build the Windows bundle first" in result.stderr
