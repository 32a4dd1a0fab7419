"""The layers, lowest first: models -> db -> sync -> services -> printing -> ui (and the command line
beside the UI); the server may use all but the UI.  The domain side never depends on Qt or the UI,
no import points up, no package imports another in a circle, the UI never talks to the database,
and importing a module changes no other module's state."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_DIRS = ["app/models", "app/db", "app/services", "app/sync", "app/printing", "server"]
# Each package's rank: a module may import from its own package and from packages of lower rank.
# ``app`` stands for the modules at the top of the app package (version, file names, settings,
# the error log ...), which everything may use; ``app.bootstrap`` and ``app.__main__`` compose it all.
LAYERS = {
    "app": 0,
    "app.models": 1,
    "app.db": 2,
    "app.sync": 3,
    "app.services": 4,
    "app.printing": 5,
    "app.ui": 6,
    "app.cli": 6,
    "server": 6,
    "app.bootstrap": 7,
    "app.__main__": 8,
}
ENTRY_MODULES = ("app.bootstrap", "app.__main__")
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


# --- layers -----------------------------------------------------------------------------------------


def layer_of(module: str) -> str | None:
    """The node of the package graph ``module`` belongs to (None: not ours)."""
    parts = module.split(".")
    if parts[0] == "server":
        return "server"
    if parts[0] != "app":
        return None
    if len(parts) == 1:
        return "app"
    head = "app." + parts[1]
    if head in LAYERS:
        return head
    return "app"  # a module at the top of the package (app.settings, app.filenames, ...)


def source_files() -> list[Path]:
    return sorted(p for folder in ("app", "server") for p in (ROOT / folder).rglob("*.py")
                  if "migrations" not in p.relative_to(ROOT).parts)


def our_module(name: str) -> str | None:
    """The module (or package) of ours that an imported name refers to."""
    parts = name.split(".")
    while parts:
        candidate = ROOT.joinpath(*parts)
        if candidate.with_suffix(".py").is_file() or (candidate / "__init__.py").is_file():
            return ".".join(parts)
        parts.pop()
    return None


def package_graph() -> dict[tuple[str, str], list[str]]:
    """(importing node, imported node) -> where, for every import between two different nodes."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in source_files():
        here = layer_of(module_name(path))
        for line, name in imported_names(path):
            target = our_module(name)
            there = layer_of(target) if target else None
            if here is None or there is None or here == there:
                continue
            edges.setdefault((here, there), []).append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    return edges


def test_every_package_has_a_layer() -> None:
    nodes = {layer_of(module_name(p)) for p in source_files()}
    assert nodes <= set(LAYERS), nodes - set(LAYERS)
    assert {"app.models", "app.db", "app.sync", "app.services", "app.printing", "app.ui", "app.cli",
            "server"} <= nodes


def test_no_import_points_up_or_sideways() -> None:
    """An import reaches only lower layers: never up, never to a sibling of the same rank
    (the UI and the command line do not use each other; neither uses the server, nor it them)."""
    offenders = [f"{here} -> {there}: {where[0]}" + (f" (+{len(where) - 1} more)" if len(where) > 1 else "")
                 for (here, there), where in sorted(package_graph().items())
                 if LAYERS[there] >= LAYERS[here]]
    assert not offenders, "imports that point up the layers:\n" + "\n".join(offenders)


def strongly_connected(nodes: set[str], edges: set[tuple[str, str]]) -> list[set[str]]:
    """Tarjan's algorithm: the cycles of the graph, as sets of nodes (only those of two or more)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for a, b in edges:
            if a != v:
                continue
            if b not in index:
                visit(b)
                low[v] = min(low[v], low[b])
            elif b in stack:
                low[v] = min(low[v], index[b])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return found


def test_no_two_packages_import_each_other_in_a_circle() -> None:
    edges = set(package_graph())
    nodes = {n for e in edges for n in e}
    assert strongly_connected(nodes, edges) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")}
    assert strongly_connected({"a", "b", "c", "d"}, edges) == [{"a", "b", "c"}]
    assert strongly_connected({"a", "b"}, {("a", "b")}) == []


def test_the_layer_check_sees_an_upward_import(tmp_path: Path) -> None:
    source = "from app.ui import labels\nfrom app.sync.changes import ChangeLog\n"
    names = [name for _, name in imports_in(source, ["app", "db"])]
    ups = [n for n in names if (t := our_module(n)) and LAYERS[layer_of(t) or "app"] > LAYERS["app.db"]]
    assert ups == ["app.ui", "app.ui.labels", "app.sync.changes", "app.sync.changes.ChangeLog"]


# --- the UI asks services ----------------------------------------------------------------------------

DATABASE_CALLS = ("session", "select", "execute", "scalar", "scalars")


def database_use(source: str) -> list[tuple[int, str]]:
    """Imports of SQLAlchemy and calls that talk to the database directly, in ``source``."""
    found = [(line, name) for line, name in imports_in(source, ["app", "ui"])
             if name == "sqlalchemy" or name.startswith("sqlalchemy.")]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = (func.attr if isinstance(func, ast.Attribute)
                    else func.id if isinstance(func, ast.Name) else "")
            owner = func.value if isinstance(func, ast.Attribute) else None
            # ``something.session()`` or a bare ``select(...)``; a widget's own ``select`` method
            # (``self.select(...)``, a selection model's) is not SQL.
            if name == "session" and not node.args:
                found.append((node.lineno, "session()"))
            elif name in ("select", "execute", "scalar", "scalars") and owner is None:
                found.append((node.lineno, f"{name}()"))
            elif (name in ("execute", "scalar", "scalars") and isinstance(owner, ast.Name)
                  and owner.id == "session"):
                found.append((node.lineno, f"session.{name}()"))
    return found


def test_the_ui_asks_services_never_the_database() -> None:
    offenders = [f"{path.relative_to(ROOT)}:{line}: {what}"
                 for path in sorted((ROOT / "app" / "ui").rglob("*.py"))
                 for line, what in database_use(path.read_text(encoding="utf-8"))]
    assert not offenders, "the UI talks to the database directly:\n" + "\n".join(offenders)


@pytest.mark.parametrize("source, expected", [
    ("from sqlalchemy import select\n", True),
    ("with db.session() as s:\n    pass\n", True),
    ("rows = session.execute(stmt)\n", True),
    ("self.table.selectionModel().select(index, flags)\n", False),
    ("self.select(record_id)\n", False),
    ("rows = self.service.members()\n", False),
])
def test_database_use_is_seen(source: str, expected: bool) -> None:
    assert bool(database_use(source)) is expected


# --- nothing happens at import time ------------------------------------------------------------------

_SIDE_EFFECT_SCRIPT = r"""
import importlib, json, logging, sys, threading, types

def ours(name):
    return name == "app" or name.startswith(("app.", "server"))

def state(module):
    # What a module holds that another could change by importing: its global names, the
    # contents of its containers, and those of its classes' own containers.
    seen = {}
    for key, value in list(vars(module).items()):
        # A package gains its submodules as names when they are imported: that is Python's doing.
        if key.startswith("__") or isinstance(value, types.ModuleType):
            continue
        seen[key] = ("id", id(value))
        if isinstance(value, (dict, list, set)):
            seen[key + "[]"] = ("items", repr(sorted(map(repr, value))) if isinstance(value, set)
                                else repr(value))
        elif isinstance(value, type) and value.__module__ == module.__name__:
            for attr, inner in list(vars(value).items()):
                if isinstance(inner, (dict, list, set)) and not attr.startswith("__"):
                    seen[f"{key}.{attr}[]"] = ("items", repr(inner))
    return seen

def world():
    from sqlalchemy.orm import Session
    return {"excepthook": id(sys.excepthook), "threading.excepthook": id(threading.excepthook),
            "logging": repr(sorted((n, len(l.handlers)) for n, l in logging.root.manager.loggerDict.items()
                                   if isinstance(l, logging.Logger) and l.handlers)
                            + [("", len(logging.root.handlers))]),
            "Session events": sum(len(getattr(Session.dispatch, e)._clslevel.get(Session, ()))
                                  for e in ("before_flush", "after_flush", "before_commit", "after_commit"))}

order = json.loads(sys.argv[1])
problems = []
for name in order:
    before = {m: state(mod) for m, mod in list(sys.modules.items()) if ours(m) and mod is not None}
    outside = world()
    loaded = set(sys.modules)
    importlib.import_module(name)
    for m, snapshot in before.items():
        after = state(sys.modules[m])
        changed = sorted(k for k in set(snapshot) | set(after) if snapshot.get(k) != after.get(k))
        if changed:
            problems.append(f"importing {name} changed {m}: {', '.join(changed)}")
    if world() != outside:
        problems.append(f"importing {name} changed {[k for k, v in world().items() if outside[k] != v]}")
print(json.dumps(problems))
"""


def import_order() -> list[str]:
    """Every module, each after the modules of ours it imports (where the graph allows it), so that
    importing one loads nothing but itself and a change it makes is its own."""
    modules = [module_name(p) for p in source_files()
               if not any(part in ("__main__.py",) for part in p.parts)
               and module_name(p) not in ENTRY_MODULES]
    deps: dict[str, set[str]] = {}
    for path in source_files():
        name = module_name(path)
        deps[name] = {t for _, n in imported_names(path) if (t := our_module(n)) and t != name}
    ordered: list[str] = []
    done: set[str] = set()

    def add(name: str, path: tuple[str, ...] = ()) -> None:
        if name in done or name in path:
            return
        for dep in sorted(deps.get(name, ())):
            add(dep, (*path, name))
        if name not in done:
            done.add(name)
            ordered.append(name)

    for name in sorted(modules):
        add(name)
    return [m for m in ordered if m in modules]


def test_importing_a_module_changes_no_other_modules_state() -> None:
    """Modules are imported one by one, each after what it imports, in a fresh interpreter; before
    and after each, every loaded module of ours is compared (its names, the contents of its tables
    and of its classes' tables), and so are the process-wide hooks an import could set."""
    order = import_order()
    assert "app.ui.labels" in order and "app.services.kinds" in order
    result = subprocess.run([sys.executable, "-c", _SIDE_EFFECT_SCRIPT, json.dumps(order)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr[-3000:]
    problems = json.loads(result.stdout.strip().splitlines()[-1])
    assert problems == [], "\n".join(problems)


def test_the_side_effect_check_sees_a_registration(tmp_path: Path) -> None:
    pkg = tmp_path / "app"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "table.py").write_text("KINDS = {}\n", encoding="utf-8")
    (pkg / "adder.py").write_text("from app import table\ntable.KINDS['x'] = 1\n", encoding="utf-8")
    (pkg / "clean.py").write_text("from app import table\nMINE = dict(table.KINDS)\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", _SIDE_EFFECT_SCRIPT,
                             json.dumps(["app.table", "app.clean", "app.adder"])],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        "importing app.adder changed app.table: KINDS[]"]


# --- the desktop app carries no web server ------------------------------------------------------------

WEB_ONLY = ("fastapi", "starlette", "uvicorn", "jinja2", "pydantic_settings", "multipart")


def test_the_app_imports_nothing_of_the_web_service() -> None:
    """The server's web dependencies (the ``server`` extra) are never needed by the desktop app."""
    offenders = [f"{path.relative_to(ROOT)}:{line}: imports {name}"
                 for path in sorted((ROOT / "app").rglob("*.py"))
                 for line, name in imported_names(path)
                 if name.split(".")[0] in WEB_ONLY]
    assert not offenders, "\n".join(offenders)
