"""Names of files made from the user's words are names Windows accepts."""

from __future__ import annotations

import pytest

from app.filenames import safe_file_name

WINDOWS_FORBIDDEN = set('<>:"/\\|?*')


@pytest.mark.parametrize(("text", "expected"), [
    ("2024年度党员名册", "2024年度党员名册"),
    ("幸福社区/二组", "幸福社区_二组"),
    ('主题: "三会一课" <第1次>?', '主题_ _三会一课_ _第1次__'),
    ("10:30 支部会议", "10_30 支部会议"),
    ("a\\b|c*d", "a_b_c_d"),
    ("会议纪要. . ", "会议纪要"),
    ("  名册  ", "名册"),
    ("CON", "CON_"),
    ("nul.txt", "nul_.txt"),
    ("Com1", "Com1_"),
    ("LPT9.pdf", "LPT9_.pdf"),
    ("CONSOLE", "CONSOLE"),
    ("", "file"),
    ("...", "file"),
    ("///", "file"),
    ("第一\n第二\t", "第一_第二"),
])
def test_a_name_from_user_text_is_one_windows_accepts(text: str, expected: str) -> None:
    assert safe_file_name(text) == expected


def test_a_long_title_keeps_room_for_a_suffix() -> None:
    name = safe_file_name("很长的标题" * 100)
    assert len(name) <= 120 and not set(name) & WINDOWS_FORBIDDEN


def test_a_long_name_keeps_its_extension() -> None:
    name = safe_file_name("会议现场照片" * 40 + ".jpeg")
    assert name.endswith(".jpeg") and name.startswith("会议现场照片") and len(name) == 120
    assert safe_file_name("照片" * 100 + ".not-an-extension-at-all") == ("照片" * 100)[:120]


def test_the_fallback_is_used_when_nothing_is_left() -> None:
    assert safe_file_name("?:*", "ledger") == "ledger"
