"""Database files in folders whose names look like URL escapes (a%20b, 进度100%E4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.db.database import Database
from server.city import CityServer


@pytest.mark.parametrize("folder", ["a%20b", "进度%E4%BD%A0", "100%", "台账#1", "会议?"])
def test_the_ledger_is_the_file_in_the_folder_named(tmp_path: Path, folder: str) -> None:
    (tmp_path / folder).mkdir()
    (tmp_path / "a b").mkdir()  # what "a%20b" would have been read as
    db = Database.open(tmp_path / folder / "ledger.sqlite")
    db.close()
    Database.open(tmp_path / folder / "ledger.sqlite").close()  # read back, its revision checked
    assert (tmp_path / folder / "ledger.sqlite").is_file()
    assert not (tmp_path / "a b" / "ledger.sqlite").exists()


def test_the_city_server_file_is_the_one_named(tmp_path: Path) -> None:
    (tmp_path / "a%20b").mkdir()
    CityServer(str(tmp_path / "a%20b" / "city.sqlite")).close()
    assert (tmp_path / "a%20b" / "city.sqlite").is_file()
