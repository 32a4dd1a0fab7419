"""Ledger reports of the registry lists and the ledgers, read back from the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.db.database import Database
from app.printing.base import PrintOptions, fmt_fen
from app.printing.catalog import LEDGER_KINDS, print_ledger
from app.services.errors import DomainError

from .pdfcheck import fonts, page_count, page_texts, qr_texts, text
from .sample import YEAR, Sample


def _flat(path: Path) -> str:
    return re.sub(r"\s+", "", text(path))


@pytest.mark.parametrize("kind", list(LEDGER_KINDS))
def test_every_ledger_prints_with_its_title_and_the_embedded_font(
        kind: str, pdb: Database, options: PrintOptions, out: Path) -> None:
    pages = print_ledger(pdb, kind, out, year=YEAR, options=options)
    assert pages == page_count(out) >= 1
    first = page_texts(out)[0]
    assert LEDGER_KINDS[kind].title in first.replace(" ", "")
    assert "填报单位：中共幸福社区委员会" in first
    assert all(fonts(out).values())


def test_compound_totals_add_up(pdb: Database, sample: Sample, options: PrintOptions, out: Path) -> None:
    print_ledger(pdb, "compound", out, options=options)
    flat = _flat(out)
    assert f"合计共3条{sample.households}{sample.building_count}" in flat
    assert "0.30" in flat and "86.50" in flat
    assert "截至2026年11月20日" in flat


def test_building_totals_add_up(pdb: Database, sample: Sample, options: PrintOptions, out: Path) -> None:
    print_ledger(pdb, "building", out, options=options)
    assert f"合计共6条12{sample.building_households}" in _flat(out)


def test_member_roster_repeats_its_header_and_masks_personal_data(
        pdb: Database, sample: Sample, options: PrintOptions, out: Path) -> None:
    pages = print_ledger(pdb, "party_member", out, options=options)
    assert pages >= 2
    texts = page_texts(out)
    for page in texts:
        assert "身份证号" in page and "联系电话" in page and "党小组" in page
    flat = _flat(out)
    for name in sample.member_names:
        assert name in flat
    assert f"共{len(sample.member_names)}条" in flat
    idn, phone = sample.member_id_numbers[0], sample.member_phones[0]
    assert idn not in flat and phone not in flat
    assert f"{idn[:4]}{'*' * 10}{idn[-4:]}" in flat
    assert f"{phone[:3]}****{phone[-4:]}" in flat


def test_member_roster_in_full_when_asked(pdb: Database, sample: Sample, out: Path) -> None:
    print_ledger(pdb, "party_member", out, options=PrintOptions(full_personal_data=True))
    flat = _flat(out)
    assert all(idn in flat for idn in sample.member_id_numbers)
    assert all(phone in flat for phone in sample.member_phones)


def test_meeting_ledger_counts_attendance(pdb: Database, sample: Sample, options: PrintOptions,
                                          out: Path) -> None:
    print_ledger(pdb, "meeting", out, year=YEAR, options=options)
    flat = _flat(out)
    # The general meeting's attendees, the work day's one cadre and the group meeting's members.
    expected = 2 * len(sample.attendee_names)
    present = len(sample.attendee_names) - 3
    absent = expected - present
    assert f"共{sample.meeting_count}次" in flat
    assert flat.index("合计") < flat.index(f"{expected}{present}{absent}", flat.index("合计"))
    assert "支部党员大会1次" in flat and "党课1次" in flat and "党小组会1次" in flat


def test_meeting_ledger_of_another_year_is_empty(pdb: Database, options: PrintOptions, out: Path) -> None:
    print_ledger(pdb, "meeting", out, year=YEAR - 3, options=options)
    flat = _flat(out)
    assert f"{YEAR - 3}年度" in flat and "共0次" in flat


def test_fund_ledger_carries_over_and_keeps_a_running_balance(
        pdb: Database, sample: Sample, options: PrintOptions, out: Path) -> None:
    print_ledger(pdb, "fund", out, year=YEAR, options=options)
    flat = _flat(out)
    assert f"上年结转{fmt_fen(600000)}" in flat
    assert (f"本年合计（3笔）{fmt_fen(sample.fund_income_fen)}{fmt_fen(sample.fund_expense_fen)}"
            f"{fmt_fen(sample.fund_closing_fen)}") in flat
    assert fmt_fen(600000 + 2000000 - 45050) in flat  # the balance after the first expense


def test_appeal_ledger_masks_the_phone_and_shows_rates(
        pdb: Database, sample: Sample, options: PrintOptions, out: Path) -> None:
    print_ledger(pdb, "appeal", out, year=YEAR, options=options)
    flat = _flat(out)
    assert sample.appeal_number in flat
    assert sample.appeal_phone not in flat and "139****2345" in flat
    assert "满意率100.0%" in flat and "共1件" in flat


def test_training_and_workday_totals(pdb: Database, sample: Sample, options: PrintOptions, out: Path) -> None:
    print_ledger(pdb, "training", out, year=YEAR, options=options)
    assert "2人次" in _flat(out) and f"{sample.training_hours:.1f}" in _flat(out)
    print_ledger(pdb, "workday", out, year=YEAR, options=options)
    flat = _flat(out)
    assert "洮北区司法局" in flat and "钱文博" in flat and "1,500.00" in flat
    assert "社区工作日分单位汇总" in flat


def test_guarantee_matrix(pdb: Database, options: PrintOptions, out: Path) -> None:
    print_ledger(pdb, "guarantee", out, options=options)
    flat = _flat(out)
    assert "周国庆" in flat and "已完成2026-04-01" in flat and "推进中" in flat
    assert "完成1" in flat


def test_the_qr_code_names_the_ledger(pdb: Database, sample: Sample, options: PrintOptions,
                                      out: Path, tmp_path: Path) -> None:
    print_ledger(pdb, "meeting", out, year=YEAR, options=options)
    assert qr_texts(out, 1, tmp_path) == [f"ledger:meeting:{sample.community_id}:{YEAR}"]


def test_unknown_kind_is_refused_and_writes_nothing(pdb: Database, out: Path) -> None:
    with pytest.raises(DomainError):
        print_ledger(pdb, "nope", out)
    assert not out.exists()
