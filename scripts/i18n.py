"""Qt Linguist tasks for the app's translations.

    python scripts/i18n.py update   # collect tr() strings from app/ into resources/i18n/zh_CN.ts
    python scripts/i18n.py build    # compile zh_CN.ts to zh_CN.qm (git-ignored), which the app loads

``update`` keeps every existing translation and drops strings that are no longer in the
code.  Translate new strings in the .ts file (Qt Linguist: ``pyside6-linguist``, or any
editor: fill the ``<translation>`` element and remove ``type="unfinished"``), then build.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_DIR = ROOT / "app"
I18N_DIR = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)
SKIP_DIRS = ("migrations",)

# A module takes part when it calls tr() / translate() or marks strings with the no-op macros.
_TRANSLATABLE = re.compile(r"\b(tr|translate|QT_TR_NOOP|QT_TRANSLATE_NOOP|QT_TRANSLATE_NOOP3)\s*\(")


def ts_path(language: str) -> Path:
    return I18N_DIR / f"{language}.ts"


def qm_path(language: str) -> Path:
    return I18N_DIR / f"{language}.qm"


def tool(name: str) -> str:
    """The PySide6 tool ``name`` of the running interpreter's environment, else the one on PATH."""
    bindir = Path(sys.executable).parent
    for candidate in (bindir / name, bindir / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"i18n: {name} not found (install the dev dependencies: bash dev.sh setup)")
    return found


def source_files(app_dir: Path = APP_DIR) -> list[Path]:
    """Python modules under ``app_dir`` that contain translatable strings, in a stable order."""
    files = []
    for path in sorted(app_dir.rglob("*.py")):
        if any(part in SKIP_DIRS for part in path.relative_to(app_dir).parts):
            continue
        if _TRANSLATABLE.search(path.read_text(encoding="utf-8")):
            files.append(path)
    return files


def _run(cmd: Sequence[str], quiet: bool) -> None:
    result = subprocess.run(list(cmd), capture_output=True, encoding="utf-8", errors="replace")
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"i18n: {Path(cmd[0]).name} failed with exit code {result.returncode}")
    if not quiet:
        sys.stdout.write(result.stdout)


def lupdate(target: Path, sources: Sequence[Path] | None = None, quiet: bool = False) -> None:
    """Merge the strings of ``sources`` into ``target`` (created when missing), dropping vanished ones."""
    files = list(sources) if sources is not None else source_files()
    target.parent.mkdir(parents=True, exist_ok=True)
    cmd = [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none"]
    if not target.exists():
        cmd += ["-target-language", target.stem]
    cmd += [str(f) for f in files]
    cmd += ["-ts", str(target)]
    if not files:
        if not target.exists():
            target.write_text(empty_ts(target.stem), encoding="utf-8")
        return
    _run(cmd, quiet)


def lrelease(source: Path, target: Path, quiet: bool = False) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    _run([tool("pyside6-lrelease"), str(source), "-qm", str(target)], quiet)


def empty_ts(language: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        "<!DOCTYPE TS>\n"
        f'<TS version="2.1" language="{language}">\n'
        "</TS>\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="i18n.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="collect source strings into resources/i18n/*.ts")
    build = sub.add_parser("build", help="compile resources/i18n/*.ts to .qm")
    build.add_argument("--out-dir", type=Path, default=I18N_DIR, help="where to write the .qm files")
    args = parser.parse_args(argv)

    if args.command == "update":
        files = source_files()
        for language in LANGUAGES:
            lupdate(ts_path(language), files, args.quiet)
            if not args.quiet:
                print(f"i18n: {ts_path(language).relative_to(ROOT)} updated from {len(files)} modules")
    else:
        for language in LANGUAGES:
            target = args.out_dir / f"{language}.qm"
            lrelease(ts_path(language), target, quiet=True)
            if not args.quiet:
                print(f"i18n: built {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
