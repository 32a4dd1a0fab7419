"""Shared fixtures.  Qt runs offscreen; every test gets its own database file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test reaches the keyring of the account running it: the keyring tests start their own.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app.db.database import Database  # noqa: E402
from app.services.registry import RegistryService  # noqa: E402

COMMUNITY = {
    "code": "220802001",
    "name": "幸福社区",
    "street": "明仁街道",
    "district": "洮北区",
    "city": "白城市",
    "org_kind": "committee",
}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database.open(db_path)
    yield database
    database.close()


@pytest.fixture
def registry(db: Database) -> RegistryService:
    svc = RegistryService(db)
    svc.create_community(dict(COMMUNITY))
    return svc
