"""阵地台账: each activity centre room by room with its layout and area against the 1,000 m² mark,
then the venues shared in office buildings, markets and compounds and those opened to residents.

The figures (rooms' total, the layout's parts, whether a centre is large) come from
:class:`app.services.venues.VenueService`, so paper and screen agree.
"""

from __future__ import annotations

from app.db.database import Database
from app.printing.base import Column, PrintOptions
from app.printing.labels import SERIAL
from app.printing.ledgers import LedgerKind, LedgerTable, snapshot_period
from app.printing.work_reports import _serial, _total

VENUE_KIND_WORDS = {"centre": "党群服务中心", "shared": "共享阵地", "opened": "开放阵地"}
SETTING_WORDS = {"office_building": "商务楼宇", "market": "商圈市场", "compound": "居民小区", "other": "其他"}
LAYOUT_WORDS = {"room": "室", "hall": "厅", "supermarket": "市", "station": "站"}

ROOM_COLUMNS = [
    Column(SERIAL, 0.5, "CENTER"),
    Column("功能室名称", 1.8),
    Column("类别", 0.6, "CENTER"),
    Column("主要功能", 3.4),
    Column("面积（m²）", 1.0, "RIGHT"),
    Column("容纳人数", 0.9, "RIGHT"),
    Column("开放时间", 2.2),
]

OTHER_COLUMNS = [
    Column(SERIAL, 0.5, "CENTER"),
    Column("阵地名称", 2.4),
    Column("类型", 0.9, "CENTER"),
    Column("所在场所", 0.9, "CENTER"),
    Column("产权（管理）单位", 2.2),
    Column("地址", 1.8),
    Column("面积（m²）", 0.9, "RIGHT"),
    Column("开放时间", 1.9),
]


def _m2(value: int) -> str:
    return f"{value:,}"


def venue_tables(db: Database, year: int | None, options: PrintOptions) -> list[LedgerTable]:
    from app.services.venues import LARGE_CENTRE_M2, STANDARD_LAYOUT, VenueService

    venues = VenueService(db).venues()
    period = snapshot_period(options)
    tables: list[LedgerTable] = []
    for centre in (v for v in venues if v.kind == "centre"):
        rows = [[r.name, LAYOUT_WORDS.get(r.layout, r.layout), r.function, _m2(r.area_m2), str(r.capacity),
                 r.opening_hours] for r in centre.rooms]
        total = _total(ROOM_COLUMNS, f"{len(centre.rooms)} 间", **{
            "面积（m²）": _m2(centre.rooms_area_m2), "容纳人数": str(centre.capacity)})
        counts = centre.layout_counts()
        layout = "，".join(f"{LAYOUT_WORDS[part]} {counts[part]}/{wanted}"
                          for part, wanted in STANDARD_LAYOUT.items())
        verdict = (f"达到千平标准（{_m2(LARGE_CENTRE_M2)} 平方米以上）" if centre.large
                   else f"未达到千平标准（差 {_m2(LARGE_CENTRE_M2 - centre.area_m2)} 平方米）")
        notes = [
            f"建筑面积 {_m2(centre.area_m2)} 平方米，功能室合计 {_m2(centre.rooms_area_m2)} 平方米；"
            f"{verdict}。",
            f"功能布局（10室2厅1市1站）：{layout}" + ("，布局齐全。" if centre.layout_complete() else "。"),
        ]
        where = [f"开放时间：{centre.opening_hours}" if centre.opening_hours else "",
                 f"地址：{centre.address}" if centre.address else ""]
        if any(where):
            notes.append("；".join(t for t in where if t))
        tables.append(LedgerTable(f"阵地台账：{centre.name}", ROOM_COLUMNS, _serial(rows), period,
                                  totals=[total], notes=notes))
    others = [v for v in venues if v.kind != "centre"]
    rows = [[v.name, VENUE_KIND_WORDS.get(v.kind, v.kind), SETTING_WORDS.get(v.setting, ""),
             v.owner, v.compound_name or v.address, _m2(v.area_m2), v.opening_hours] for v in others]
    shared = sum(1 for v in others if v.kind == "shared")
    total = _total(OTHER_COLUMNS, f"共享 {shared} 个，开放 {len(others) - shared} 个",
                   **{"面积（m²）": _m2(sum(v.area_m2 for v in others))})
    tables.append(LedgerTable("阵地台账：共享阵地与开放阵地", OTHER_COLUMNS, _serial(rows), period,
                              totals=[total] if others else []))
    if not any(v.kind == "centre" for v in venues):
        tables[-1].notes.append("尚未登记党群服务中心。")
    return tables


VENUE_REPORTS: list[LedgerKind] = [LedgerKind("venue", "阵地台账", venue_tables)]
