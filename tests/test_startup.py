"""Start-up stays light: an up-to-date database opens without loading alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.db.database import Database
from app.db.migrate import head_revision, newest_revision_file, stored_revision


def test_newest_migration_file_is_alembics_head() -> None:
    assert newest_revision_file() == head_revision()


def test_opening_a_current_database_does_not_import_alembic(db_path: Path) -> None:
    Database.open(db_path).close()
    assert stored_revision(db_path) == head_revision()
    code = (
        "import sys; from app.db.database import Database; "
        f"Database.open({str(db_path)!r}).close(); "
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_new_database_is_migrated_to_head(db_path: Path) -> None:
    db = Database.open(db_path)
    assert db.migration.from_revision is None and db.migration.to_revision == head_revision()
    db.close()


def test_the_window_needs_neither_the_database_stack_nor_printing_sync_or_charts() -> None:
    """What the window paints first is built from Qt and the app's words alone: SQLAlchemy, the
    models, printing, sync packages and QtCharts load after it is on screen."""
    code = (
        "import os, sys, json; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from app.bootstrap import MainWindow\n"
        "from app.settings import Settings\n"
        "w = MainWindow(None, Settings(), lambda s: None); w.show(); app.processEvents()\n"
        "heavy = ('sqlalchemy', 'app.models', 'app.services.registry', 'reportlab', 'app.printing',\n"
        "         'app.sync.package', 'cryptography', 'jsonschema', 'PySide6.QtCharts', 'alembic')\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_smoke_run_paints_the_window_before_the_home_figures(db_path: Path) -> None:
    import json
    import os

    from app.services.registry import RegistryService

    db = Database.open(db_path)
    RegistryService(db).create_community({"code": "220802001", "name": "幸福社区", "street": "明仁街道",
                                          "district": "洮北区", "city": "白城市", "org_kind": "committee"})
    db.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COMMUNITY_LEDGER_CONFIG_DIR": str(db_path.parent)}
    out = subprocess.run([sys.executable, "-m", "app", "--db", str(db_path), "--smoke"], capture_output=True,
                         text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    assert 0 < figures["window_ms"] < figures["home_ms"]
    assert figures["members_list_ms"] > 0
