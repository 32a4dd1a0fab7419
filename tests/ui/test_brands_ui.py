"""The community's brand as the secretary sees it: on the overview page, in Chinese words."""

from __future__ import annotations

from ledgers.test_brands import BRAND
from pytestqt.qtbot import QtBot

from app.services.registry import RegistryService
from app.ui import labels
from app.ui.controllers.records import RecordController
from app.ui.views.overview import OverviewPage


def test_the_brands_words_are_chinese() -> None:
    assert labels.error_text("community_brand", "recognised_before_founded", {}) == \
        "认定年份不能早于品牌创建年份。"
    assert labels.choice_label("city", "community_brand") == "市级"
    assert labels.choice_label("city", "notice") != "市级"  # the notices' own word stays theirs
    assert labels.field_label("community_brand", "founded_year") == "创建年份"
    assert labels.kind_title("community_brand") == "社区品牌"


def test_the_overview_shows_the_brand_and_follows_an_edit(qtbot: QtBot, registry: RegistryService,
                                                          controller: RecordController) -> None:
    page = OverviewPage(controller)
    qtbot.addWidget(page)
    assert "还没有登记社区品牌" in page.brands_text.text()
    brand = controller.create("community_brand", dict(BRAND))
    shown = page.brands_text.text()
    assert "<b>红色管家</b>（2018年创建，市级，2020年认定，市委组织部" in shown
    assert "收集诉求" in shown
    controller.update("community_brand", brand, {**BRAND, "name": "红色大管家"})
    assert "红色大管家" in page.brands_text.text()
    assert page.brands_box.title() == "社区品牌（一区一品一特色）"
