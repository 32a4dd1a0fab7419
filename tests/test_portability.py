"""The app runs on the secretaries' Windows PCs: nothing it loads may need a Unix-only module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Standard-library modules that exist only on Unix.
UNIX_ONLY = {"resource", "fcntl", "pwd", "grp", "termios", "tty", "pty", "posix", "crypt", "syslog"}


def module_level_imports(path: Path) -> list[tuple[int, str]]:
    """Imports a module runs when it is loaded (not those inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    nodes: list[ast.stmt] = list(tree.body)
    while nodes:
        node = nodes.pop()
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name.split(".")[0]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module.split(".")[0]))
        elif isinstance(node, ast.If | ast.Try | ast.With | ast.ClassDef):
            for field in ("body", "orelse", "finalbody", "handlers"):
                for child in getattr(node, field, []):
                    nodes.extend(child.body if isinstance(child, ast.ExceptHandler) else [child])
    return found


@pytest.mark.parametrize("folder", ["app", "server"])
def test_no_unix_only_module_is_imported_when_the_app_loads(folder: str) -> None:
    offenders = [f"{path.relative_to(ROOT)}:{line} imports {name}"
                 for path in sorted((ROOT / folder).rglob("*.py"))
                 for line, name in module_level_imports(path) if name in UNIX_ONLY]
    assert offenders == []


def test_the_check_finds_a_module_level_unix_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import json\nimport resource\n\ndef f():\n    import fcntl\n", encoding="utf-8")
    assert [name for _, name in module_level_imports(sample) if name in UNIX_ONLY] == ["resource"]
