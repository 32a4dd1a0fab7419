"""Fixtures of the printing tests: one sample database built once, a fixed print date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.db.database import Database
from app.printing.base import PrintOptions

from .sample import Sample, build


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Sample]]:
    path = tmp_path_factory.mktemp("printing") / "sample.sqlite"
    db = Database.open(path)
    sample = build(db)
    yield db, sample
    db.close()


@pytest.fixture
def pdb(sample_db: tuple[Database, Sample]) -> Database:
    return sample_db[0]


@pytest.fixture
def sample(sample_db: tuple[Database, Sample]) -> Sample:
    return sample_db[1]


@pytest.fixture
def options() -> PrintOptions:
    return PrintOptions(print_date=date(2026, 11, 20))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "out.pdf"
