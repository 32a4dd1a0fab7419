"""Deterministic demo venues, a builder of :data:`app.services.demo.LEDGER_BUILDERS`.

Every community gets its activity centre (党群服务中心) with its rooms.  At ``city`` scale the case's
figures come out exactly: 22 of the 102 communities have a centre of 1,000 m² or more (21.6%),
and the city has 32 venues shared in office buildings, markets and compounds and 47 venues of
other owners opened to members and residents.  A ``community`` run is one large centre with the
whole 10室2厅1市1站 layout, 3 shared and 5 opened venues.
"""

from __future__ import annotations

import random
import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, select

from app.db.database import Database
from app.models import Community, Compound, PropertyCompany, ResidentUnit
from app.models.scope import live_in
from app.models.venues import RoomLayout, Venue, VenueKind, VenueRoom, VenueSetting
from app.services.demo_ledgers import CITY_COMMUNITIES, share
from app.sync.changes import ChangeLog

Row = dict[str, Any]

CITY_VENUES = {"large_centres": 22, "shared": 32, "opened": 47}
COMMUNITY_VENUES = {"shared": 3, "opened": 5}

# The rooms of a full centre: name, part of the layout, function, relative size, people per m².
FULL_LAYOUT: tuple[tuple[str, str, str, int, float], ...] = (
    ("党员活动室", "room", "组织生活、主题党日、党员学习", 8, 0.8),
    ("会议室", "room", "三会一课、党建联席会议", 7, 0.9),
    ("阅览室", "room", "图书借阅、报刊阅览", 6, 0.4),
    ("调解室", "room", "矛盾纠纷调解、法律咨询", 3, 0.4),
    ("党建展览室", "room", "党建成果展示、红色教育", 6, 0.5),
    ("老年活动室", "room", "老年人文体娱乐", 6, 0.6),
    ("儿童之家", "room", "四点半课堂、儿童托管", 5, 0.5),
    ("心理咨询室", "room", "心理疏导、家庭教育指导", 2, 0.3),
    ("文体活动室", "room", "排练、健身、书画", 7, 0.6),
    ("网格管理室", "room", "网格员值守、智慧民生平台受理", 3, 0.3),
    ("多功能厅", "hall", "大型会议、党课、文艺演出", 16, 1.0),
    ("服务大厅", "hall", "一站式办理民生事项", 14, 0.5),
    ("爱心超市", "supermarket", "志愿服务积分兑换、困难群众帮扶", 5, 0.3),
    ("志愿服务站", "station", "志愿者招募、服务登记", 3, 0.4),
)
CENTRE_HOURS = "周一至周日 8:30—20:00"
ROOM_HOURS = ("周一至周五 8:30—17:00", "周一至周日 8:30—20:00", "周一至周六 9:00—18:00")
SHARED_SETTINGS = (VenueSetting.OFFICE_BUILDING.value, VenueSetting.MARKET.value, VenueSetting.COMPOUND.value)
SHARED_NAMES = {
    VenueSetting.OFFICE_BUILDING.value: (("万达广场写字楼", "党建活动室"), ("金辉大厦", "楼宇党群服务站"),
                                         ("创业大厦", "党员之家")),
    VenueSetting.MARKET.value: (("欧亚购物中心", "商圈党群服务站"), ("农贸综合市场", "党员示范岗服务点"),
                                ("海明商业街", "商户党建活动室")),
}
OPENED_ROOMS = ("图书室", "党员活动室", "体育场", "会议室", "报告厅", "文化活动室")
OPENED_HOURS = ("周六、周日 9:00—17:00", "周一至周五 17:30—20:30", "寒暑假 8:00—17:00",
                "周一至周日 6:00—21:00")


def is_large(index: int, parts: int = CITY_COMMUNITIES, large: int = CITY_VENUES["large_centres"]) -> bool:
    """Whether community ``index`` of a city run has a centre of 1,000 m² (exactly ``large`` do)."""
    return (index * large) % parts < large


class _Venues:
    def __init__(self, log: ChangeLog, community_id: str, rng: random.Random, scale: str, index: int) -> None:
        self.log = log
        self.session = log.session
        self.cid = community_id
        self.rng = rng
        self.city = scale == "city"
        self.index = index
        self.rows: dict[type[Any], list[Row]] = {Venue: [], VenueRoom: []}

    def id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, model: type[Any], **values: Any) -> Row:
        defaults: Row = {"setting": "", "address": "", "owner": "", "compound_id": None, "contact": "",
                         "note": "", "opening_hours": ""} if model is Venue else {"opening_hours": ""}
        row = {**defaults, **values, "id": self.id(), "community_id": self.cid}
        self.rows[model].append(row)
        return row

    def fill(self) -> int:
        s = self.session

        def names(stmt: Any) -> list[Any]:
            return list(s.execute(stmt).all())

        community = s.get(Community, self.cid)
        name = community.name if community else "社区"
        compounds = names(select(Compound.id, Compound.name).where(live_in(Compound, self.cid))
                          .order_by(Compound.id))
        units = [r[0] for r in names(select(ResidentUnit.name).where(live_in(ResidentUnit, self.cid))
                                     .order_by(ResidentUnit.id))]
        companies = [r[0] for r in names(select(PropertyCompany.name).where(
            live_in(PropertyCompany, self.cid)).order_by(PropertyCompany.id))]
        self.centre(name, is_large(self.index) if self.city else True)
        shared = share(CITY_VENUES["shared"], self.index) if self.city else COMMUNITY_VENUES["shared"]
        opened = share(CITY_VENUES["opened"], self.index) if self.city else COMMUNITY_VENUES["opened"]
        for n in range(shared):
            self.shared(n, compounds, companies, units)
        for n in range(opened):
            self.opened(n, units)
        written = 0
        for model in (Venue, VenueRoom):
            if self.rows[model]:
                written += self.log.bulk_created(model, self.rows[model])
        return written

    def centre(self, community_name: str, large: bool) -> None:
        rng = self.rng
        area = rng.randint(1000, 1600) if large else rng.randint(320, 960)
        if large:
            layout = list(FULL_LAYOUT)
        else:
            rooms = [r for r in FULL_LAYOUT if r[1] == RoomLayout.ROOM.value]
            others = [r for r in FULL_LAYOUT if r[1] != RoomLayout.ROOM.value]
            layout = rooms[:rng.randint(4, 8)] + [r for r in others if r[0] in ("多功能厅", "服务大厅")
                                                  or rng.random() < 0.5]
        venue = self.add(Venue, name=f"{community_name}党群服务中心", kind=VenueKind.CENTRE.value,
                         area_m2=area, owner=f"{community_name}居民委员会", opening_hours=CENTRE_HOURS,
                         address=f"{community_name}服务中心楼", contact="社区党委书记",
                         note="按照“10室2厅1市1站”功能布局建设" if large else "")
        # The rooms take about three quarters of the floor area; corridors and stairs the rest.
        usable = area * rng.randint(66, 80) // 100
        weight = sum(r[3] for r in layout)
        for order, (room, part, function, size, density) in enumerate(layout, start=1):
            room_area = max(12, usable * size // weight)
            self.add(VenueRoom, venue_id=venue["id"], name=room, layout=part, function=function,
                     area_m2=room_area, capacity=max(4, int(room_area * density)),
                     opening_hours=rng.choice(ROOM_HOURS), sort_order=order)

    def shared(self, n: int, compounds: list[Any], companies: list[str], units: list[str]) -> None:
        rng = self.rng
        setting = SHARED_SETTINGS[(self.index + n) % len(SHARED_SETTINGS)]
        if setting == VenueSetting.COMPOUND.value and compounds:
            compound_id, compound = compounds[(self.index + n) % len(compounds)]
            owner = companies[n % len(companies)] if companies else f"{compound}物业服务中心"
            self.add(Venue, name=f"{compound}党群议事厅", kind=VenueKind.SHARED.value, setting=setting,
                     compound_id=compound_id, owner=owner, area_m2=rng.randint(60, 180),
                     opening_hours="周一至周日 8:00—20:00", address=compound)
            return
        if setting == VenueSetting.COMPOUND.value:
            setting = VenueSetting.OFFICE_BUILDING.value
        place, room = SHARED_NAMES[setting][(self.index + n) % len(SHARED_NAMES[setting])]
        owner = units[n % len(units)] if units else f"{place}管理处"
        self.add(Venue, name=f"{place}{room}", kind=VenueKind.SHARED.value, setting=setting, owner=owner,
                 area_m2=rng.randint(80, 300), opening_hours="周一至周五 9:00—17:00", address=place)

    def opened(self, n: int, units: list[str]) -> None:
        rng = self.rng
        owner = units[(self.index + n) % len(units)] if units else "驻区单位"
        room = OPENED_ROOMS[(self.index + n) % len(OPENED_ROOMS)]
        self.add(Venue, name=f"{owner}{room}", kind=VenueKind.OPENED.value, owner=owner,
                 area_m2=rng.randint(80, 600), opening_hours=rng.choice(OPENED_HOURS),
                 note="向党员群众开放")


def fill(db: Database, log: ChangeLog, community_id: str, rng: random.Random, scale: str,
         today: date | None = None) -> int:
    """Write one community's venues; returns the number of records written."""
    index = int(log.session.scalar(select(func.count()).select_from(Community)
                                   .where(Community.deleted_at.is_(None))) or 1) - 1
    return _Venues(log, community_id, rng, scale, index).fill()
