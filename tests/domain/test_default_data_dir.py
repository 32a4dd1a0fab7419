"""The ledger is proposed where a secretary sees it and backs it up, not in a hidden folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from app.settings import DATA_FOLDER_NAME, default_data_dir


def test_the_proposed_data_folder_is_a_visible_folder_in_documents() -> None:
    folder = default_data_dir()
    assert folder == Path(platformdirs.user_documents_dir()) / DATA_FOLDER_NAME
    assert folder.name == "社区党建台账"
    assert not any(part.startswith(".") for part in folder.parts)
    assert "AppData" not in folder.parts and ".local" not in folder.parts
