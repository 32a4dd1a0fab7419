"""The shared printing base: embedded font, footer, QR code, wrapping, atomic writing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.platypus import Flowable

from app.printing.base import (
    LANDSCAPE,
    PORTRAIT,
    Column,
    DocInfo,
    fmt_decimal,
    fmt_fen,
    frame_width,
    grid_table,
    para,
    render,
    styles,
)
from app.printing.fonts import FONT

from .pdfcheck import fonts, page_count, page_texts, pdffonts, pdftotext, qr_texts, text

LONG = ("幸福家园小区三号楼二单元楼道照明长期损坏，居民多次反映，"
        "社区协调物业公司与驻区单位共同出资更换声控灯并建立定期巡查制度")


def _table_doc(path: Path, rows: int, qr: str = "test:1") -> int:
    columns = [Column("序号", 0.6, "CENTER"), Column("姓名", 1.2, "CENTER"), Column("情况说明", 4.0),
               Column("金额（元）", 1.2, "RIGHT")]
    data = [[str(i), f"张{i}", LONG if i % 7 == 0 else "正常", fmt_fen(i * 101)] for i in range(1, rows + 1)]
    story = [para("测试台账", styles().title),
             grid_table(columns, data, frame_width(LANDSCAPE), total_rows=[["合计", "", "", "x"]])]
    info = DocInfo(title="测试台账", qr_value=qr, orientation=LANDSCAPE, header="幸福社区 · 测试台账",
                   print_date=date(2026, 11, 20))
    return render(path, story, info)


def test_every_font_is_the_embedded_truetype_subset(tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    _table_doc(path, 5)
    found = fonts(path)
    assert found, "no fonts found"
    assert all(found.values()), found
    assert all(FONT in name for name in found), found
    rows = pdffonts(path)
    assert rows and all(r[1] == "TrueType" and r[-5] == "yes" for r in rows), rows


def test_footer_says_page_x_of_y_and_the_print_date(tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    pages = _table_doc(path, 120)
    assert pages == page_count(path) > 2
    texts = page_texts(path)
    for n, page in enumerate(texts, 1):
        assert f"第 {n} 页 / 共 {pages} 页" in page
        assert "打印日期：2026-11-20" in page


def test_header_row_repeats_and_long_text_wraps_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    _table_doc(path, 120)
    texts = page_texts(path)
    assert all("情况说明" in page for page in texts)
    # Wrapped into lines, every character is still there, in order.
    flat = text(path).replace("\n", "").replace(" ", "")
    assert LONG in flat
    assert "张120" in flat


def test_the_qr_code_carries_the_record_id_on_every_page(tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    pages = _table_doc(path, 60, qr="meeting:0b6f2c1e-8d7a-4c55-9e0b-1f2a3b4c5d6e")
    assert pages >= 2
    for page in (1, pages):
        assert qr_texts(path, page, tmp_path) == ["meeting:0b6f2c1e-8d7a-4c55-9e0b-1f2a3b4c5d6e"]


def test_text_extracts_as_chinese(tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    _table_doc(path, 3)
    assert "测试台账" in pdftotext(path)


class _Explodes(Flowable):
    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, 10

    def draw(self) -> None:
        raise RuntimeError("disk full")


def test_a_failure_leaves_no_file_and_keeps_an_old_one(tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    info = DocInfo(title="x", qr_value="x", orientation=PORTRAIT)
    with pytest.raises(RuntimeError):
        render(path, [para("前言", styles().body), _Explodes()], info)
    assert list(tmp_path.iterdir()) == []
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        render(path, [_Explodes()], info)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.pdf"]


def test_money_and_decimals_on_paper() -> None:
    assert fmt_fen(123456) == "1,234.56"
    assert fmt_fen(-5) == "-0.05"
    assert fmt_fen(0) == "0.00"
    assert fmt_decimal(Decimal("0.3000")) == "0.30"
    assert fmt_decimal(Decimal("0.1234")) == "0.1234"
    assert fmt_decimal(Decimal("8"), 1) == "8.0"
