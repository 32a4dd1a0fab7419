"""The print preview dialog on real generated PDFs: pages, navigation, zoom, printing, saving."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.printing.signin import blank_signin
from app.services.errors import NotFoundError
from app.ui import labels
from app.ui.printing.documents import appeal_preview, ledger_preview, signin_preview
from app.ui.printing.preview import PrintPreviewDialog
from app.ui.tasks import Runner

from .pdfcheck import page_count, text
from .sample import Sample

pytestmark = pytest.mark.gui


def _make(rows: int) -> Callable[[Path], int]:
    return lambda path: blank_signin(path, "居民代表会议", rows=rows)


@pytest.fixture
def runner() -> Iterator[Runner]:
    r = Runner()
    yield r
    r.shutdown()


@pytest.fixture
def dialog(qtbot: QtBot, runner: Runner) -> PrintPreviewDialog:
    dlg = PrintPreviewDialog(None, runner, _make(60), "居民代表会议签到表")
    qtbot.addWidget(dlg)
    dlg.show()
    with qtbot.waitSignal(dlg.ready, timeout=20000) as blocker:
        pass
    assert blocker.args == [dlg.page_count]
    return dlg


def test_opens_on_the_generated_pdf_and_shows_the_page_count(dialog: PrintPreviewDialog) -> None:
    assert dialog.page_count == page_count(dialog.pdf_path) >= 3
    assert str(dialog.page_count) in dialog.page_count_label.text()
    assert dialog.page_box.value() == 1 and dialog.page_box.maximum() == dialog.page_count
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert not dialog.previous_button.isEnabled() and dialog.next_button.isEnabled()


def test_page_navigation_and_zoom(dialog: PrintPreviewDialog, qtbot: QtBot) -> None:
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.current_page == 1)
    assert dialog.page_box.value() == 2 and dialog.previous_button.isEnabled()
    dialog.page_box.setValue(dialog.page_count)
    qtbot.waitUntil(lambda: dialog.current_page == dialog.page_count - 1)
    assert not dialog.next_button.isEnabled()
    dialog.set_zoom(1.0)
    dialog.zoom_in_button.click()
    assert dialog.zoom == pytest.approx(1.25)
    assert dialog.zoom_label.text() == "125%"
    dialog.zoom_out_button.click()
    dialog.zoom_out_button.click()
    assert dialog.zoom == pytest.approx(0.8)


def test_save_as_pdf_copies_the_document(dialog: PrintPreviewDialog, tmp_path: Path) -> None:
    target = tmp_path / "签到表"
    assert dialog.save_to(target)
    saved = tmp_path / "签到表.pdf"
    assert saved.read_bytes() == dialog.pdf_path.read_bytes()
    assert str(saved) in dialog.message_label.text()
    assert not dialog.save_to(tmp_path / "missing" / "x.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["签到表.pdf"]


def test_printing_renders_every_page(dialog: PrintPreviewDialog, tmp_path: Path, qtbot: QtBot) -> None:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    with qtbot.waitSignal(dialog.printed, timeout=60000) as sent:
        dialog.print_to(printer)
    assert sent.args == [dialog.page_count]
    assert page_count(out) == dialog.page_count
    assert str(dialog.page_count) in dialog.message_label.text()


def test_a_refusal_is_shown_in_the_dialog_in_words(qtbot: QtBot, runner: Runner) -> None:
    def gone(path: Path) -> None:
        raise NotFoundError("meeting", "m1")

    dlg = PrintPreviewDialog(None, runner, gone, "x")
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.failed, timeout=10000):
        pass
    shown = dlg.status_label.text()
    assert labels.error_text("meeting", "not_found", {}) in shown and "not_found" not in shown
    assert not dlg.print_button.isEnabled()


def test_an_unexpected_failure_is_shown_and_goes_to_the_error_log(qtbot: QtBot, runner: Runner) -> None:
    logged: list[BaseException] = []
    runner.unexpected = logged.append

    def broken(path: Path) -> None:
        raise RuntimeError("no such meeting")

    dlg = PrintPreviewDialog(None, runner, broken, "x")
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.failed, timeout=10000):
        pass
    assert "no such meeting" not in dlg.status_label.text()  # the details go to the log, not the screen
    assert [str(e) for e in logged] == ["no such meeting"]


def test_closing_while_the_document_is_made_leaves_nothing(qtbot: QtBot, runner: Runner) -> None:
    dlg = PrintPreviewDialog(None, runner, _make(400), "x")
    qtbot.addWidget(dlg)
    folder = dlg.pdf_path.parent
    dlg.reject()
    qtbot.waitUntil(lambda: not dlg.running, timeout=20000)
    assert not folder.exists()


def test_the_pdf_text_is_what_was_made(dialog: PrintPreviewDialog) -> None:
    assert "居民代表会议签到表" in text(dialog.pdf_path).replace(" ", "")


def _flat(path: Path) -> str:
    return "".join(text(path).split())


def test_ledger_preview_offers_personal_data_in_full(pdb: Database, sample: Sample,
                                                     qtbot: QtBot, runner: Runner) -> None:
    dlg = ledger_preview(None, runner, pdb, "party_member")
    qtbot.addWidget(dlg)
    dlg.show()
    with qtbot.waitSignal(dlg.ready, timeout=30000):
        pass
    assert dlg.full_box.isVisibleTo(dlg) and not dlg.full_box.isChecked()
    masked = dlg.pdf_path
    assert sample.member_id_numbers[0] not in _flat(masked)
    with qtbot.waitSignal(dlg.ready, timeout=30000):
        dlg.full_box.setChecked(True)
    assert dlg.pdf_path != masked
    assert sample.member_id_numbers[0] in _flat(dlg.pdf_path)
    assert str(dlg.page_count) in dlg.page_count_label.text()


def test_signin_and_appeal_previews(pdb: Database, sample: Sample, qtbot: QtBot, runner: Runner) -> None:
    signin = signin_preview(None, runner, pdb, sample.meeting_id)
    qtbot.addWidget(signin)
    with qtbot.waitSignal(signin.ready, timeout=30000):
        pass
    assert not signin.full_box.isVisibleTo(signin)
    assert sample.attendee_names[0] in text(signin.pdf_path)
    appeal = appeal_preview(None, runner, pdb, sample.appeal_id)
    qtbot.addWidget(appeal)
    with qtbot.waitSignal(appeal.ready, timeout=30000):
        pass
    assert appeal.full_box.isVisibleTo(appeal)
    assert sample.appeal_number in text(appeal.pdf_path)
