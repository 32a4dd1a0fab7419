"""A ledger another program holds (on Windows: a backup tool, a second copy of the app, a file
copied from a disc and so read-only) is explained, not called damaged."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.bootstrap import open_database
from app.cli import main
from app.db.database import Database

from .helpers import answer_next_message_box


@contextmanager
def held_by_another_program(path: Path) -> Iterator[None]:
    """The ledger at ``path``, created, then locked by another connection until the block ends."""
    Database.open(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.gui
def test_a_locked_database_is_explained_and_left_as_it_was(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with held_by_another_program(path):
        seen = answer_next_message_box(QMessageBox.StandardButton.Ok)
        assert open_database(path) is None
    assert seen and "其他程序正在使用" in seen[0] and "不是社区党建台账的数据库" not in seen[0]
    Database.open(path).close()  # once released, it opens as before


def test_the_command_line_says_why_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ledger.sqlite"
    with held_by_another_program(path):
        code = main(["--db", str(path), "stats"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("community-ledger-cli: error: cannot open the database now (another program")
    assert "database is locked" in err and err.count("\n") == 1


@pytest.mark.gui
def test_a_ledger_on_a_network_drive_is_not_opened(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    Database.open(path).close()
    before = path.read_bytes()
    seen = answer_next_message_box(QMessageBox.StandardButton.Ok)
    assert open_database(path, network=lambda folder: folder == str(tmp_path)) is None
    assert seen and "网络驱动器" in seen[0] and str(path) in seen[0]
    assert path.read_bytes() == before
    local = open_database(path, network=lambda folder: False)  # on this computer's own disk
    assert local is not None
    local.close()
