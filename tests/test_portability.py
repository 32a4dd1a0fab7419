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


TEXT_IO_METHODS = {"read_text", "write_text"}


def text_io_without_encoding(path: Path) -> list[int]:
    """Lines that read or write a file as text without naming its encoding (GBK on Chinese Windows)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or any(k.arg == "encoding" for k in node.keywords):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in TEXT_IO_METHODS:
            found.append(node.lineno)
        elif isinstance(func, ast.Name | ast.Attribute) and (
                func.id if isinstance(func, ast.Name) else func.attr) == "open":
            # open(file, mode) or path.open(mode): a literal mode without "b" is text.
            args = node.args[1:2] if isinstance(func, ast.Name) else node.args[:1]
            mode = next((k.value for k in node.keywords if k.arg == "mode"), args[0] if args else None)
            literal = mode.value if isinstance(mode, ast.Constant) else None
            builtin_default = isinstance(func, ast.Name) and mode is None
            if builtin_default or (isinstance(literal, str) and "b" not in literal):
                found.append(node.lineno)
    return found


@pytest.mark.parametrize("folder", ["app", "server", "packaging"])
def test_text_files_are_read_and_written_as_utf8(folder: str) -> None:
    offenders = [f"{path.relative_to(ROOT)}:{line}" for path in sorted((ROOT / folder).rglob("*.py"))
                 for line in text_io_without_encoding(path)]
    assert offenders == []


def test_the_check_finds_text_io_without_an_encoding(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("p.read_text()\np.read_text(encoding='utf-8')\nopen(f)\nopen(f, 'rb')\n"
                      "p.open('w')\np.open('wb')\nopen(f, 'r', encoding='utf-8')\ndialog.open()\n",
                      encoding="utf-8")
    assert text_io_without_encoding(sample) == [1, 3, 5]
