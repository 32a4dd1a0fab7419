"""Telling a network drive on Windows, where SQLite cannot keep the ledger safely."""

from __future__ import annotations

import pytest

from app.db.location import DRIVE_REMOTE, on_network_drive

# C: the system disk, E: a USB stick, Z: a mapped shared folder (GetDriveTypeW's answers).
TYPES = {"C:": 3, "E:": 2, "Z:": DRIVE_REMOTE}


def _drive_type(root: str) -> int:
    return TYPES[root]


@pytest.mark.parametrize(("folder", "network"), [
    ("C:\\Users\\书记\\AppData\\Local\\CommunityLedger", False),
    ("E:/台账", False),
    ("Z:\\社区\\台账", True),
    ("z:/社区", True),
    ("\\\\街道服务器\\共享\\台账", True),
    ("//街道服务器/共享/台账", True),
    ("台账", False),
])
def test_a_network_folder_is_told_on_windows(folder: str, network: bool) -> None:
    assert on_network_drive(folder, "win32", lambda root: _drive_type(root.upper())) is network


def test_elsewhere_no_folder_is_taken_for_a_network_drive() -> None:
    assert not on_network_drive("//server/share", "linux", _drive_type)


def test_a_drive_windows_cannot_answer_for_is_not_refused() -> None:
    def failing(root: str) -> int:
        raise OSError(root)

    assert not on_network_drive("Y:\\data", "win32", failing)
