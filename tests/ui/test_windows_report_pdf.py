"""The import report saved as PDF: whole or not at all, and a refusal is explained (on Windows, a
PDF a reader holds open cannot be replaced)."""

from __future__ import annotations

from pathlib import Path

import pytest
from denied import unwritable_folder
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from app.sync.report import ImportReport, Source
from app.ui.sync.dialogs import ImportReportDialog

ALREADY_APPLIED = ImportReport("already_applied", "p", "2026-11-26T08:00:00.000000Z",
                               Source("server", "city01", None, None, ""), 0)

pytestmark = pytest.mark.gui


def test_the_report_replaces_an_older_pdf_whole(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ImportReportDialog(ALREADY_APPLIED)
    qtbot.addWidget(dialog)
    target = tmp_path / "报告.pdf"
    target.write_bytes(b"an older report " * 1000)
    assert dialog.save_pdf(target) is None
    assert dialog.windowTitle() in "".join(page.extract_text() for page in PdfReader(str(target)).pages)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.pdf"]


def test_a_pdf_that_cannot_be_written_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ImportReportDialog(ALREADY_APPLIED)
    qtbot.addWidget(dialog)
    with unwritable_folder(tmp_path) as folder:  # refused as a file held open is on Windows
        target = folder / "报告.pdf"
        problem = dialog.save_pdf(target)
    assert problem is not None and str(target) in problem
    assert "open in another program" in problem or "其他程序" in problem
    assert list(folder.iterdir()) == []
