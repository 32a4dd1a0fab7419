"""Saving a print preview as PDF the way it goes on the secretaries' Windows PCs."""

from __future__ import annotations

from pathlib import Path

import pytest
from denied import unwritable_folder
from PySide6.QtCore import QStandardPaths
from pytestqt.qtbot import QtBot

from app.cli import main
from app.printing.signin import blank_signin
from app.ui.printing.preview import PrintPreviewDialog
from app.ui.tasks import Runner

pytestmark = pytest.mark.gui


def _dialog(qtbot: QtBot, title: str) -> PrintPreviewDialog:
    runner = Runner()
    make = lambda path: blank_signin(path, "支部委员会", rows=3)  # noqa: E731
    dlg = PrintPreviewDialog(None, runner, make, title)
    dlg.finished.connect(lambda _r: runner.shutdown())
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.ready, timeout=20000):
        dlg.show()
    return dlg


def test_the_offered_name_is_one_windows_accepts(qtbot: QtBot) -> None:
    dlg = _dialog(qtbot, "2024/05/12 主题:学习")
    suggested = dlg.suggested_path()
    assert suggested.name == "2024_05_12 主题_学习.pdf"
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert suggested.parent == Path(documents or Path.home())


def test_a_file_that_cannot_be_replaced_is_explained_and_left_alone(qtbot: QtBot, tmp_path: Path) -> None:
    """Windows refuses to replace a PDF a reader holds open with a PermissionError; a folder the
    user may not write to gives the same."""
    dlg = _dialog(qtbot, "支部委员会")
    with unwritable_folder(tmp_path) as folder:
        target = folder / "支部委员会.pdf"
        assert not dlg.save_to(target)
    message = dlg.message_label.text()
    # In English, or in Chinese once the UI tests have installed the translations.
    assert str(target) in message and ("open in another program" in message or "其他程序" in message)
    assert list(folder.iterdir()) == []


def test_the_command_line_names_the_likely_cause(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with unwritable_folder(tmp_path) as folder:
        out = folder / "签到表.pdf"
        code = main(["print", "signin", "--blank", "--title", "支部委员会", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"community-ledger-cli: error: cannot write {out}: ")
    assert "open in another program" in err
    assert list(folder.iterdir()) == []
