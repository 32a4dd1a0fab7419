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
