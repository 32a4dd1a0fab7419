"""The printed 阵地台账, read back with pdftotext: each centre room by room with its totals, area and
layout, then the shared and opened venues."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.db.database import Database
from app.printing.base import PrintOptions
from app.printing.catalog import print_ledger
from app.services.registry import RegistryService
from app.services.venues import VenueService

from .pdfcheck import fonts, pdftotext

ROOMS = (("党员活动室", "room", 100, 80), ("会议室", "room", 90, 60), ("多功能厅", "hall", 240, 200),
         ("爱心超市", "supermarket", 60, 15), ("志愿服务站", "station", 30, 10))


@pytest.fixture
def venues_db(db: Database, registry: RegistryService) -> Database:
    venues = VenueService(db)
    big = venues.create_venue({"name": "幸福社区党群服务中心", "kind": "centre", "area_m2": "1200",
                               "opening_hours": "周一至周日 8:30—20:00", "address": "幸福路18号"})
    for name, layout, area, capacity in ROOMS:
        venues.add_room({"venue_id": big, "name": name, "layout": layout, "function": f"{name}的活动",
                         "area_m2": str(area), "capacity": str(capacity),
                         "opening_hours": "周一至周五 8:30—17:00"})
    small = venues.create_venue({"name": "幸福社区第二活动站", "kind": "centre", "area_m2": "600"})
    venues.add_room({"venue_id": small, "name": "阅览室", "layout": "room", "area_m2": "50",
                     "capacity": "20"})
    compound = registry.create("compound", {"name": "幸福家园"})
    venues.create_venue({"name": "幸福家园党群议事厅", "kind": "shared", "setting": "compound",
                         "compound_id": compound, "owner": "德润物业", "area_m2": "120"})
    venues.create_venue({"name": "金辉大厦党员之家", "kind": "shared", "setting": "office_building",
                         "owner": "金辉大厦物业", "area_m2": "150", "opening_hours": "周一至周五 9:00—17:00"})
    venues.create_venue({"name": "第一中学图书室", "kind": "opened", "owner": "第一中学", "area_m2": "300",
                         "opening_hours": "周六、周日 9:00—17:00"})
    return db


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_venue_ledger_on_paper(venues_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "venues.pdf"
    pages = print_ledger(venues_db, "venue", out, options=PrintOptions(print_date=date(2026, 11, 20)))
    assert pages == 3
    assert all(fonts(out).values())
    first = pdftotext(out, 1, 1)
    lines = [line.split() for line in first.splitlines()]
    assert any(line[:1] == ["阵地台账：幸福社区党群服务中心"] for line in lines)
    assert "填报单位：中共幸福社区委员会" in flat(first) and "截至2026年11月20日" in flat(first)
    # Each room on its line: serial, name, part of the layout, function, area, capacity, hours.
    assert ["3", "多功能厅", "厅", "多功能厅的活动", "240", "200", "周一至周五", "8:30—17:00"] in lines
    assert ["合计", "5间", "520", "365"] in lines
    text = flat(first)
    assert "建筑面积1,200平方米，功能室合计520平方米；达到千平标准（1,000平方米以上）。" in text
    assert "功能布局（10室2厅1市1站）：室2/10，厅1/2，市1/1，站1/1。" in text
    assert "开放时间：周一至周日8:30—20:00；地址：幸福路18号" in text

    second = flat(pdftotext(out, 2, 2))
    assert "阵地台账：幸福社区第二活动站" in second
    assert "未达到千平标准（差400平方米）" in second

    third = pdftotext(out, 3, 3)
    rows = [line.split() for line in third.splitlines()]
    assert ["1", "金辉大厦党员之家", "共享阵地", "商务楼宇", "金辉大厦物业", "150", "周一至周五",
            "9:00—17:00"] in rows
    assert ["2", "幸福家园党群议事厅", "共享阵地", "居民小区", "德润物业", "幸福家园", "120"] in rows
    assert ["3", "第一中学图书室", "开放阵地", "第一中学", "300", "周六、周日", "9:00—17:00"] in rows
    assert ["合计", "共享", "2", "个，开放", "1", "个", "570"] in rows


def test_printed_from_the_command_line(venues_db: Database, tmp_path: Path) -> None:
    assert venues_db.path is not None
    out = tmp_path / "cli.pdf"
    result = subprocess.run([sys.executable, "-m", "app.cli", "--db", str(venues_db.path), "print",
                             "ledger", "--kind", "venue", "--out", str(out)], capture_output=True, text=True,
                            timeout=180)
    assert result.returncode == 0, result.stderr
    assert "阵地台账：共享阵地与开放阵地" in flat(pdftotext(out))
