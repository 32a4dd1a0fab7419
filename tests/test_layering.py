"""The domain side (models, db, services, sync, printing, the server) never depends on Qt or the UI."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_DIRS = ["app/models", "app/db", "app/services", "app/sync", "app/printing", "server"]
FORBIDDEN = ("PySide6", "shiboken6", "app.ui")
# Alembic's env.py runs migrations when imported, and revisions only make sense inside alembic.
NOT_IMPORTABLE = ("migrations",)


def domain_files() -> list[Path]:
    files: list[Path] = []
    for folder in DOMAIN_DIRS:
        files.extend(sorted((ROOT / folder).rglob("*.py")))
    return files


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def importable_modules() -> list[str]:
    return [module_name(p) for p in domain_files()
            if not any(part in NOT_IMPORTABLE for part in p.relative_to(ROOT).parts)]


def _forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def imported_names(path: Path) -> list[tuple[int, str]]:
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: list[str]) -> list[tuple[int, str]]:
    """Every module name ``source`` imports (relative ones resolved against ``package``)."""
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found.append((node.lineno, prefix))
            found.extend((node.lineno, f"{prefix}.{alias.name}") for alias in node.names)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name)
              and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__")
              and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value))
    return found


def test_domain_folders_exist() -> None:
    assert importable_modules(), "no domain modules found"
    assert "app.services.registry" in importable_modules()


def test_no_domain_module_imports_qt_or_the_ui() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: imports {name}"
        for path in domain_files()
        for line, name in imported_names(path)
        if _forbidden(name)
    ]
    assert not offenders, "the domain side must not import Qt or app.ui:\n" + "\n".join(offenders)


def test_importing_the_domain_loads_no_qt() -> None:
    modules = importable_modules()
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"forbidden = {FORBIDDEN!r}\n"
        "print(json.dumps(sorted(m for m in sys.modules\n"
        "                        if any(m == f or m.startswith(f + '.') for f in forbidden))))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == [], f"importing the domain side loaded {loaded}"


@pytest.mark.parametrize("source, expected", [
    ("import PySide6.QtCore\n", True),
    ("from PySide6 import QtCore\n", True),
    ("from app.ui import labels\n", True),
    ("from app import ui\n", True),
    ("from ..ui import labels\n", True),
    ("import importlib\nimportlib.import_module('PySide6.QtGui')\n", True),
    ("from app.services import registry\n", False),
    ("import app.uikit\n", False),
])
def test_scan_catches_qt_imports(source: str, expected: bool) -> None:
    names = [name for _, name in imports_in(source, ["app", "services"])]
    assert any(_forbidden(n) for n in names) is expected
