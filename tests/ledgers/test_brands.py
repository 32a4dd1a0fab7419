"""The community's brand (一区一品一特色): kept with its checks, counted, printed in its own ledger and
in the yearly book."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from printing.pdfcheck import text

from app.printing.base import PrintOptions
from app.printing.book import print_book
from app.printing.catalog import print_ledger
from app.services.errors import ValidationError
from app.services.registry import RegistryService
from app.services.stats import collect_stats

BRAND = {"name": "红色管家", "description": "党员骨干担任楼栋“红色管家”，收集诉求、调解纠纷。",
         "founded_year": "2018", "level": "city", "recognition": "市委组织部“一区一品一特色”示范社区",
         "recognised_year": "2020"}


def _refusal(registry: RegistryService, values: dict[str, str]) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        registry.create("community_brand", values)
    return [(e.field, e.code) for e in caught.value.errors]


def test_a_brand_is_kept_and_bad_input_is_refused(registry: RegistryService) -> None:
    brand = registry.create("community_brand", dict(BRAND))
    stored = registry.get("community_brand", brand)
    assert (stored["name"], stored["founded_year"], stored["level"], stored["recognised_year"]) == (
        "红色管家", 2018, "city", 2020)
    assert _refusal(registry, {**BRAND, "name": "邻里守望", "founded_year": "1800"}) == [
        ("founded_year", "too_small")]
    assert _refusal(registry, {**BRAND, "name": "邻里守望", "recognised_year": "2016"}) == [
        ("recognised_year", "recognised_before_founded")]
    assert _refusal(registry, {**BRAND, "name": "邻里守望", "recognised_year": ""}) == [
        ("recognised_year", "recognition_year_needed")]
    assert _refusal(registry, dict(BRAND))[0][1] == "duplicate"
    # An unrecognised brand needs no year of recognition.
    registry.create("community_brand", {"name": "邻里守望", "founded_year": "2021", "level": "none"})


def test_the_figures_count_brands_and_the_communities_that_have_one(registry: RegistryService) -> None:
    assert collect_stats(registry.db, registry.community_id)["brand_communities"] == 0
    registry.create("community_brand", dict(BRAND))
    registry.create("community_brand", {"name": "邻里守望", "founded_year": "2021", "level": "none"})
    figures = collect_stats(registry.db, registry.community_id)
    assert (figures["community_brands"], figures["brand_communities"]) == (2, 1)


def test_the_brand_ledger_and_the_years_book_print_the_brands_begun_by_then(
        registry: RegistryService, tmp_path: Path) -> None:
    registry.create("community_brand", dict(BRAND))
    registry.create("community_brand", {"name": "四点半课堂", "founded_year": "2023", "level": "none",
                                        "description": "放学后看护和作业辅导。"})
    options = PrintOptions(print_date=date(2024, 3, 1))
    ledger = tmp_path / "brands.pdf"
    print_ledger(registry.db, "brand", ledger, options=options)
    flat = re.sub(r"\s+", "", text(ledger))
    assert "社区品牌（一区一品一特色）台账" in flat
    assert "红色管家2018" in flat and "市级" in flat and "尚未认定" in flat
    assert "合计2个" in flat and "已认定1个" in flat
    book = tmp_path / "book.pdf"
    print_book(registry.db, 2022, book, options)
    in_book = re.sub(r"\s+", "", text(book))
    assert "社区品牌（一区一品一特色）台账" in in_book and "红色管家" in in_book
    assert "四点半课堂" not in in_book  # begun in 2023, after the book's year
