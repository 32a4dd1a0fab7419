"""述职评议考核 in the window: pick the year, write the secretary's report (saved by itself, undone
with the window's undo, never lost on a change of year), export the PDF and the Word file."""

from __future__ import annotations

from pathlib import Path

import pytest
from appraisal_sample import YEAR, build
from docx import Document
from printing.pdfcheck import pdftotext
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.services.appraisal import AppraisalService
from app.services.registry import RegistryService
from app.ui.ledgers import install
from app.ui.ledgers.appraisal import AppraisalPage
from app.ui.main_window import MainWindow

from .helpers import present, type_text


@pytest.fixture
def registry(db: Database) -> RegistryService:
    return build(db).registry


@pytest.fixture
def page(window: MainWindow, db: Database) -> AppraisalPage:
    install(window, db)
    opened = window.open_page("appraisal")
    assert isinstance(opened, AppraisalPage)
    opened.year.setValue(YEAR)
    return opened


def test_the_page_is_in_the_ledgers_and_speaks_chinese(window: MainWindow, page: AppraisalPage) -> None:
    nav = window.nav
    sections = [present(nav.topLevelItem(i)) for i in range(nav.topLevelItemCount())]
    names = [present(s.child(j)).text(0) for s in sections for j in range(s.childCount())]
    assert "述职评议考核" in names
    assert (page.pdf_button.text(), page.docx_button.text(), page.save_button.text()) == (
        "导出PDF…", "导出Word…", "保存")
    assert page.state.text() == "本年度尚未撰写"
    assert "三会一课" in " ".join(w.text() for w in page.findChildren(type(page.state)))


def test_the_report_is_saved_by_itself_kept_across_years_and_undone(
        qtbot: QtBot, window: MainWindow, page: AppraisalPage, db: Database) -> None:
    service = AppraisalService(db)
    page.editor.setFocus()
    type_text(qtbot, page.editor, "一年来，社区党委坚持党建引领。")
    assert page.state.text() == "尚未保存…"
    qtbot.waitUntil(lambda: service.section(YEAR).body == "一年来，社区党委坚持党建引领。", timeout=5000)
    assert page.state.text() == "已保存"
    # More typing, then straight to another year: what was typed is saved first, nothing lost.
    qtbot.keyClick(page.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, page.editor, "二是抓实书记项目。")
    page.year.setValue(YEAR + 1)
    assert service.section(YEAR).body == "一年来，社区党委坚持党建引领。二是抓实书记项目。"
    assert page.editor.toPlainText() == "" and page.state.text() == "本年度尚未撰写"
    page.year.setValue(YEAR)
    assert page.editor.toPlainText() == "一年来，社区党委坚持党建引领。二是抓实书记项目。"
    # 编辑 → 撤销 takes the last save back, in the ledger and on the page; 重做 brings it again.
    assert window.action_undo.text().endswith(f"修改{YEAR}年度书记述职报告")
    window.action_undo.trigger()
    assert service.section(YEAR).body == "一年来，社区党委坚持党建引领。"
    assert page.editor.toPlainText() == "一年来，社区党委坚持党建引领。"
    window.action_redo.trigger()
    assert page.editor.toPlainText() == "一年来，社区党委坚持党建引领。二是抓实书记项目。"
    # Leaving the page saves too.
    type_text(qtbot, page.editor, "三是。")
    window.open_page("dashboard")
    assert "三是。" in service.section(YEAR).body


def test_exports_say_where_the_file_went(page: AppraisalPage, tmp_path: Path) -> None:
    page.editor.setPlainText("一年来，社区党委坚持党建引领。")
    pdf = tmp_path / "述职材料"
    page.export_to(pdf, "pdf")
    written = tmp_path / "述职材料.pdf"
    text = pdftotext(written)
    pages = text.count("\f")
    assert page.message.text() == f"已保存到 {written}（共 {pages} 页）"
    assert "一年来，社区党委坚持党建引领。" in text and "第二党小组" in text
    docx = tmp_path / "述职材料.docx"
    page.export_to(docx, "docx")
    assert page.message.text() == f"已保存到 {docx}"
    assert "一年来，社区党委坚持党建引领。" in [p.text for p in Document(str(docx)).paragraphs]
    page.export_to(tmp_path / "missing" / "x.docx", "docx")
    assert page.message.text().startswith(f"无法写入“{tmp_path / 'missing' / 'x.docx'}”")
    assert not (tmp_path / "missing").exists()


def test_a_report_too_long_is_refused_and_kept_on_screen(page: AppraisalPage, db: Database) -> None:
    page.editor.setPlainText("长" * 50_001)
    assert not page.save()
    assert page.state.text() == "内容过长：最多 50000 个字。"
    assert page.editor.toPlainText() == "长" * 50_001
    assert not AppraisalService(db).section(YEAR).saved
    # The year stays where the text belongs until it can be saved.
    page.year.setValue(YEAR + 1)
    assert page.year.value() == YEAR


def test_ctrl_p_offers_the_material_with_what_was_just_typed(qtbot: QtBot, window: MainWindow,
                                                             page: AppraisalPage, db: Database) -> None:
    from app.ui.ledgers.print_menu import print_choices

    type_text(qtbot, page.editor, "刚写的一句。")
    choices = print_choices(window, window.controller.runner, db, "appraisal", page)
    assert [text for text, _make in choices] == [f"{YEAR}年度述职评议考核材料"]
    assert AppraisalService(db).section(YEAR).body == "刚写的一句。"


def test_closing_the_window_saves_what_was_typed(qtbot: QtBot, window: MainWindow, page: AppraisalPage,
                                                 db: Database) -> None:
    type_text(qtbot, page.editor, "关窗前刚写的。")
    window.close()
    assert AppraisalService(db).section(YEAR).body == "关窗前刚写的。"
