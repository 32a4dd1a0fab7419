"""Sign-in sheets, minutes, the appeal form and the yearly book, read back from the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.db.collation import sort_key
from app.db.database import Database
from app.printing.appeal import print_appeal
from app.printing.base import CELL_PAD, MARGIN_BOTTOM, PrintOptions, column_widths
from app.printing.book import print_book
from app.printing.catalog import LEDGER_KINDS
from app.printing.minutes import print_minutes
from app.printing.signin import (
    SIGN_ROW_HEIGHT,
    Counts,
    SignInSheet,
    blank_signin,
    print_meeting_signin,
    print_signin,
)
from app.services.errors import NotFoundError

from .pdfcheck import fonts, in_order, page_count, page_texts, pdftotext, qr_texts, text, word_boxes
from .sample import LONG_UNIT, YEAR, Sample


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


# --- sign-in sheets ---------------------------------------------------------------------


def test_meeting_signin_lists_every_expected_attendee_in_order(
        pdb: Database, sample: Sample, options: PrintOptions, out: Path, tmp_path: Path) -> None:
    pages = print_meeting_signin(pdb, sample.meeting_id, out, blank_rows=4, options=options)
    assert pages == page_count(out) >= 2
    texts = page_texts(out)
    flat = _flat(text(out))
    assert "中共幸福社区委员会2026年3月支部党员大会签到表" in _flat(texts[0])
    assert in_order(flat, sample.attendee_names)
    for page in texts:
        headers = ("序号", "姓名", "党小组/楼栋/单位", "职务", "本人签名", "签到时间")
        assert all(h in _flat(page) for h in headers)
    assert "2026年3月5日14:30—16:00" in flat
    assert "社区党群服务中心二楼会议室" in flat and "主持人王建国" in flat and "记录人李秀英" in flat
    # A long unit name wraps inside its cell instead of being cut.
    assert LONG_UNIT in flat
    # Attendance has been recorded: the counts are filled in and the absentees listed.
    expected = len(sample.attendee_names)
    assert f"应到{expected}人实到{expected - 3}人缺席3人" in flat
    assert f"{sample.attendee_names[-3]}（外出务工）" in flat
    assert "请假：外出务工" in flat
    # Serial numbers run on through the blank rows.
    assert str(expected + 4) in _flat(texts[-1]) or str(expected + 4) in _flat(texts[-2])
    assert "主持人签字" in flat and "记录人签字" in flat and "（盖章）" in flat
    assert qr_texts(out, 1, tmp_path) == [f"meeting:{sample.meeting_id}"]
    assert all(fonts(out).values())


@pytest.mark.parametrize("blank_rows", [0, 4, 8, 12, 16, 20])
def test_the_signature_footer_never_stands_alone_on_a_page(
        blank_rows: int, pdb: Database, sample: Sample, options: PrintOptions, out: Path) -> None:
    print_meeting_signin(pdb, sample.meeting_id, out, blank_rows=blank_rows, options=options)
    last = _flat(page_texts(out)[-1])
    assert "主持人签字" in last and "本人签名" in last
    serials = [int(n) for n in re.findall(r"^\s*(\d+)\s*$", pdftotext(out, page_count(out)), flags=re.M)]
    assert max(serials) >= len(sample.attendee_names) + blank_rows
    assert_pages_full_but_the_last(out)


def assert_pages_full_but_the_last(out: Path) -> None:
    """Every page but the last is ruled down to its bottom: no page ends early because only the
    last rows and the signature block moved on to the next one."""
    for height, words in word_boxes(out)[:-1]:
        lowest = max(bottom for w, _top, bottom in words if w.isdigit() and bottom < height - MARGIN_BOTTOM)
        assert lowest > height - MARGIN_BOTTOM - 2 * SIGN_ROW_HEIGHT


@pytest.mark.parametrize("members", [12, 14, 16, 17, 20, 35])
def test_a_sheet_that_spills_over_keeps_its_pages_full(members: int, out: Path) -> None:
    rows: list[tuple[str, ...]] = [(f"张{i}伟", "第一党小组", "", "") for i in range(members)]
    sheet = SignInSheet(title="第一党小组2026年4月党小组会签到表", qr_value="x",
                        counts=Counts(members, None, None), rows=rows, blank_rows=3)
    pages = print_signin(sheet, out)
    assert pages == page_count(out)
    assert "主持人签字" in _flat(page_texts(out)[-1])
    assert_pages_full_but_the_last(out)


def test_blank_signin_fills_the_page_with_numbered_rows(pdb: Database, out: Path,
                                                        options: PrintOptions) -> None:
    assert blank_signin(out, "幸福社区2026年12月主题党日", db=pdb, options=options) == 1
    flat = _flat(text(out))
    assert "幸福社区2026年12月主题党日签到表" in flat
    assert "应到________人实到________人缺席________人" in flat
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\s*$", pdftotext(out), flags=re.M)]
    assert numbers[:3] == [1, 2, 3] and max(numbers) >= 12


def test_blank_signin_with_a_given_number_of_rows_and_no_database(out: Path, tmp_path: Path) -> None:
    pages = blank_signin(out, "楼栋长会议", rows=40)
    assert pages == 3
    flat = _flat(text(out))
    assert "楼栋长会议签到表" in flat and "40" in flat
    assert qr_texts(out, 1, tmp_path) == ["signin:blank"]


def test_workday_variant_has_its_own_columns(pdb: Database, sample: Sample, out: Path,
                                             options: PrintOptions) -> None:
    print_meeting_signin(pdb, sample.workday_meeting_id, out, options=options)
    flat = _flat(text(out))
    assert "社区工作日签到表" in flat
    assert in_order(flat, ["单位", "姓名", "到达时间", "离开时间", "服务内容", "社区确认"])
    assert "洮北区司法局钱文博" in flat
    assert "本人签名" not in flat
    # Not held yet: who came is left for hand-filling.
    assert "应到1人实到________人" in flat
    blank_signin(out, "2026年4月社区工作日", db=pdb, workday=True, options=options)
    assert "服务内容" in _flat(text(out))


def test_a_party_group_meeting_is_titled_with_its_group(pdb: Database, sample: Sample, out: Path,
                                                        options: PrintOptions) -> None:
    print_meeting_signin(pdb, sample.group_meeting_id, out, options=options)
    flat = _flat(text(out))
    assert "中共幸福社区委员会第一党小组2026年4月党小组会签到表" in flat
    assert in_order(flat, sorted(sample.member_names, key=sort_key)[:5])
    # Not held yet: how many are expected is known, who came is filled in by hand.
    assert f"应到{len(sample.member_names)}人实到________人缺席________人" in flat
    # The group's leader is named by post.
    assert "王建国第一党小组党小组长" in flat


def test_the_note_header_keeps_clear_of_its_cell_borders(out: Path) -> None:
    from app.printing.base import frame_width, styles
    from app.printing.signin import MEETING_COLUMNS

    widths = column_widths(MEETING_COLUMNS, frame_width("portrait"))
    head = styles().head
    for column, width in zip(MEETING_COLUMNS, widths, strict=True):
        text_width = stringWidth(column.header, head.fontName, head.fontSize)
        assert text_width + 2 * CELL_PAD + 4 <= width, column.header


def test_unknown_meeting_writes_nothing(pdb: Database, out: Path) -> None:
    with pytest.raises(NotFoundError):
        print_meeting_signin(pdb, "no-such-meeting", out)
    assert not out.exists()
    assert list(out.parent.iterdir()) == []


# --- minutes and appeal form ------------------------------------------------------------


def test_minutes_record(pdb: Database, sample: Sample, options: PrintOptions, out: Path,
                        tmp_path: Path) -> None:
    assert print_minutes(pdb, sample.meeting_id, out, options) == page_count(out)
    flat = _flat(text(out))
    assert "中共幸福社区委员会2026年3月支部党员大会会议记录" in flat
    assert in_order(flat, ["议题", "一、传达学习全会精神", "发言要点", "王建国：结合社区实际抓好落实",
                           "不同意见", "决定", "同意接收张志强为预备党员"])
    expected = len(sample.attendee_names)
    assert f"应到{expected}人，实到{expected - 3}人，缺席3人" in flat
    members = len(sample.member_names)
    assert f"正式党员{members}人，到会{expected - 3}人，过半数需{members // 2 + 1}人，符合规定" in flat
    assert qr_texts(out, 1, tmp_path) == [f"meeting:{sample.meeting_id}"]


def test_appeal_form_shows_the_whole_trail(pdb: Database, sample: Sample, options: PrintOptions,
                                           out: Path, tmp_path: Path) -> None:
    print_appeal(pdb, sample.appeal_id, out, options)
    flat = _flat(text(out))
    assert "民生诉求办理单" in flat and f"编号：{sample.appeal_number}" in flat and "已归档" in flat
    assert in_order(flat, ["受理", "派单", "签收", "办理", "办结", "回访", "归档"])
    assert "2026-03-0209:00" in flat and "满意：居民表示满意" in flat
    assert sample.appeal_phone not in flat and "139****2345" in flat
    assert in_order(flat, ["受理人签字", "承办人签字", "审核人签字", "社区书记签字"])
    assert qr_texts(out, 1, tmp_path) == [f"appeal:{sample.appeal_id}"]
    print_appeal(pdb, sample.appeal_id, out, PrintOptions(full_personal_data=True))
    assert sample.appeal_phone in _flat(text(out))


# --- the yearly book --------------------------------------------------------------------


def test_book_has_cover_contents_with_true_page_numbers_and_every_ledger(
        pdb: Database, sample: Sample, options: PrintOptions, out: Path, tmp_path: Path) -> None:
    seen: list[str] = []
    pages = print_book(pdb, YEAR, out, options, progress=lambda done, total, title: seen.append(title))
    assert pages == page_count(out)
    assert seen == [k.title for k in LEDGER_KINDS.values()]
    texts = [_flat(t) for t in page_texts(out)]
    assert "2026年度" in texts[0] and "党建工作台账汇编" in texts[0] and "中共幸福社区委员会" in texts[0]
    assert "目录" in texts[1]
    contents = pdftotext(out, 2, 2)
    entries = re.findall(r"^\s*(\S+?)\s*\.[ .]*\s(\d+)\s*$", contents, flags=re.M)
    titles = {title for title, _ in entries}
    for spec in LEDGER_KINDS.values():
        assert any(t.startswith(spec.title.split("（")[0]) for t in titles), spec.title
    for title, number in entries:
        page = texts[int(number) - 1]
        assert title in page, (title, number)
        assert f"第{number}页/共{pages}页" in page
    assert qr_texts(out, pages, tmp_path) == [f"book:{sample.community_id}:{YEAR}"]
