"""The first-run wizard on Windows refuses a data folder on a network drive."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.db.location import DRIVE_REMOTE, on_network_drive
from app.ui.dialogs.first_run import DataFolderPage

pytestmark = pytest.mark.gui


def test_a_folder_on_a_network_drive_is_refused_with_the_reason(qtbot: QtBot, tmp_path: Path) -> None:
    def network(text: str) -> bool:
        return on_network_drive(text, "win32", lambda root: DRIVE_REMOTE if root == "Z:" else 3)

    page = DataFolderPage(tmp_path, network=network)
    qtbot.addWidget(page)
    page.show()
    page.folder.setText("Z:\\社区台账")
    assert page.validatePage() is False
    assert "网络驱动器" in page.error.text() and page.error.isVisible()
    page.folder.setText(str(tmp_path / "ledger-data"))
    assert page.validatePage() is True and not page.error.isVisible()
