"""Printed rosters and sign-in sheets list names in pinyin (phone-book) order, read back from the PDF."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from app.printing.base import PrintOptions
from app.printing.catalog import print_ledger
from app.printing.signin import print_meeting_signin
from app.services.identity import make_id_number
from app.services.meetings import MeetingService
from app.services.registry import RegistryService

from .pdfcheck import in_order, text

# Entered in an order that is neither the code-point order nor the pinyin one.
NAMES = ["张伟", "曾国藩", "王芳", "Anna", "李明", "单田芳"]
# 单 reads dan and 曾 ceng here, as pypinyin reads them; Latin names sort among the syllables.
PHONE_BOOK = ["Anna", "李明", "单田芳", "王芳", "曾国藩", "张伟"]  # 单 shan, 曾 zeng as surnames


@pytest.fixture
def members(registry: RegistryService) -> RegistryService:
    compound = registry.create("compound", {"name": "阳光小区"})
    for number in ["10号楼", "2号楼", "1号楼"]:
        registry.create("building", {"compound_id": compound, "number": number})
    group = registry.create("party_group", {"name": "第一党小组", "compound_id": compound})
    for i, name in enumerate(NAMES):
        born = date(1960 + i, 3, 10)
        registry.create("party_member", {
            "name": name, "gender": "male", "birth_date": born, "join_date": date(1990, 7, 1),
            "id_number": make_id_number("220802", born, 11 + 2 * i), "status": "full",
            "party_group_id": group,
        })
    return registry


def _flat(path: Path) -> str:
    return re.sub(r"\s+", "", text(path))


def test_member_roster_prints_names_in_pinyin_order(members: RegistryService, out: Path) -> None:
    print_ledger(members.db, "party_member", out, options=PrintOptions(print_date=date(2026, 11, 20)))
    flat = _flat(out)
    assert in_order(flat, PHONE_BOOK)
    assert not in_order(flat, sorted(NAMES))  # not code-point order


def test_building_ledger_prints_numbers_by_value(members: RegistryService, out: Path) -> None:
    print_ledger(members.db, "building", out, options=PrintOptions(print_date=date(2026, 11, 20)))
    assert in_order(_flat(out), ["1号楼", "2号楼", "10号楼"])


def test_sign_in_sheet_lists_members_in_pinyin_order(members: RegistryService, out: Path) -> None:
    svc = MeetingService(members.db)
    meeting = svc.create({"kind": "general_meeting", "topic": "学习会", "place": "会议室",
                          "starts_at": datetime(2026, 3, 5, 14, 30), "host": "孙立新", "recorder": "周海燕"})
    svc.add_members(meeting)
    print_meeting_signin(members.db, meeting, out)
    assert in_order(_flat(out), PHONE_BOOK)
