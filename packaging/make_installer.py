"""Compile the Windows installer (packaging/installer.nsi) with NSIS's makensis.

    python packaging/make_installer.py [--bundle dist/community-ledger] [--out-dir dist]

Writes ``community-ledger-VERSION-setup.exe``; the version comes from pyproject.toml. makensis runs
on Windows (NSIS) and on Linux (Debian's ``nsis``), so the script is checked here on every test run
with a stand-in folder where the Windows bundle would be (tests/test_installer.py).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "packaging" / "installer.nsi"
ICON = ROOT / "resources" / "icons" / "community-ledger.ico"
PROGRAM_FOLDERS = (("PROGRAMFILES(X86)", r"C:\Program Files (x86)"), ("PROGRAMFILES", r"C:\Program Files"))
WINDOWS_NSIS = tuple(Path(os.environ.get(var, fallback), "NSIS", "makensis.exe")
                     for var, fallback in PROGRAM_FOLDERS)


def project_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def four_part(version: str) -> str:
    """Windows wants a version of four numbers: 0.1.0 -> 0.1.0.0, 1.2.0rc1 -> 1.2.0.0."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])][:3]
    return ".".join(str(n) for n in [*numbers, 0, 0, 0][:3]) + ".0"


def makensis() -> str:
    found = shutil.which("makensis")
    if found:
        return found
    for candidate in WINDOWS_NSIS:
        if candidate.exists():
            return str(candidate)
    raise SystemExit("makensis not found: install NSIS "
                     "(Debian: apt-get install nsis; Windows: choco install nsis)")


def build(bundle: Path, out_dir: Path) -> Path:
    for exe in ("community-ledger.exe", "community-ledger-cli.exe"):
        if not (bundle / exe).is_file():
            raise SystemExit(f"{bundle / exe} is missing: build the Windows bundle first")
    version = project_version()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"community-ledger-{version}-setup.exe"
    defines = {"VERSION": version, "VERSION4": four_part(version), "SOURCE": bundle.resolve(),
               "OUTFILE": target.resolve(), "ICON": ICON}
    cmd = [makensis(), "-V2", "-WX", "-INPUTCHARSET", "UTF8",
           *(f"-D{key}={value}" for key, value in defines.items()), str(SCRIPT)]
    result = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"makensis failed with exit code {result.returncode}")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "community-ledger")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    target = build(args.bundle, args.out_dir)
    print(f"installer: {target} ({target.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
