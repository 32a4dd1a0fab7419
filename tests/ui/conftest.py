"""GUI fixtures: the app's font and Chinese translations, a main window on a real database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.services.registry import RegistryService
from app.settings import CONFIG_ENV, Settings
from app.ui.controllers.records import RecordController
from app.ui.look import install_font, install_translators
from app.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture(scope="session", autouse=True)
def chinese_ui(qapp: QApplication) -> None:
    """The UI as a secretary sees it: bundled font, zh_CN translations (built by scripts/i18n.py)."""
    qm = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "zh_CN.qm"
    if not qm.exists():
        import subprocess
        import sys

        subprocess.run([sys.executable, "scripts/i18n.py", "build"], check=True,
                       cwd=Path(__file__).resolve().parents[2])
    assert install_font(qapp)
    assert len(install_translators(qapp, "zh_CN")) == 2


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_ENV, str(folder))
    return folder


@pytest.fixture
def controller(registry: RegistryService) -> RecordController:
    return RecordController(registry)


@pytest.fixture
def window(qtbot: QtBot, controller: RecordController) -> Iterator[MainWindow]:
    settings = Settings()
    win = MainWindow(controller, settings, lambda s: s.save())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
