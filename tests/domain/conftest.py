"""Domain tests run on real SQLite files.  Each test gets a copy of one migrated file, so the
migrations run once per session instead of once per test (the migration tests use their own
empty files)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.db.database import Database


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    Database.open(path).close()
    con = sqlite3.connect(path)
    with con:
        con.execute("DELETE FROM local_state")  # every copy gets its own node id
    con.close()
    return path


@pytest.fixture
def db_path(tmp_path: Path, migrated_template: Path) -> Path:
    path = tmp_path / "ledger.sqlite"
    shutil.copyfile(migrated_template, path)
    return path
