"""Deterministic demo livelihood projects (民生实事), a builder of :data:`app.services.demo.LEDGER_BUILDERS`.

The city's ten projects of the year are written once, as records the city owns (as if they had
arrived from the city server).  Every community records its part of each: what it did, residents
who benefited, funds and progress by month, and links its resolved appeals and finished secretary
projects to the parts.  At ``city`` scale the problems solved add up exactly to the case's 1,900
over the 102 communities: where a community's own resolved appeals and finished projects of the year
fall short of its share, the rest are livelihood appeals it resolved in the two years before
(书记一号工程 counts them since it began), written with their trail and linked too.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from app.db.database import Database
from app.models import Community
from app.models.ledgers import Appeal, AppealEvent, SecretaryProject
from app.models.livelihood import LivelihoodLink, LivelihoodPart, LivelihoodProgress, LivelihoodProject
from app.models.scope import CITY_SCOPE, live_in
from app.services.appeals import RESOLVED_STATES
from app.services.demo_ledgers import share
from app.services.projects import FINISHED
from app.sync.changes import ChangeLog

Row = dict[str, Any]

CITY_PROBLEMS_SOLVED = 1900
COMMUNITY_PROBLEMS_SOLVED = 40
# The city's ten projects: title, what it is, the department that leads it.
PROJECTS = (
    ("老旧小区改造提升", "改造老旧小区，完成外墙保温、管网更新和道路硬化。", "市住房和城乡建设局"),
    ("城市公交线路优化", "新开和优化公交线路，增设候车亭。", "市交通运输局"),
    ("义务教育学位扩容", "新建、改扩建中小学，增加学位，缓解上学难。", "市教育局"),
    ("社区卫生服务提质", "社区卫生服务站标准化建设，家庭医生签约服务。", "市卫生健康委员会"),
    ("就业创业帮扶", "开发公益性岗位，开展技能培训，扶持创业。", "市人力资源和社会保障局"),
    ("保障性住房建设", "棚户区改造和公租房分配，解决住房困难。", "市住房和城乡建设局"),
    ("便民服务“一网通办”", "政务服务事项下沉社区，群众办事不出社区。", "市政务服务和数字化建设管理局"),
    ("城市管理精细化", "背街小巷整治、违建拆除和垃圾分类。", "市城市管理行政执法局"),
    ("居家养老服务", "建设社区养老服务站，为高龄老人提供助餐、助浴。", "市民政局"),
    ("冬季清冰雪和供热保障", "主次干道清冰雪，供热管网改造，保障室温达标。", "市城市管理行政执法局"),
)
WORK = ("组织党员志愿者入户宣传、摸排需求", "协调驻区单位共同推进，召开居民议事会", "建立问题台账，逐项销号",
        "配合牵头单位施工，做好居民沟通解释", "对接物业和业委会，落实日常维护")
LIVELIHOOD_APPEALS = ("楼道灯长期不亮", "小区道路破损积水", "冬季室温不达标", "老人就医不便",
                      "孩子就近入学咨询", "楼顶漏雨", "垃圾清运不及时", "公交站点太远")


class _Livelihood:
    def __init__(self, log: ChangeLog, community_id: str, rng: random.Random, scale: str, index: int,
                 today: date) -> None:
        self.log = log
        self.session = log.session
        self.cid = community_id
        self.rng = rng
        self.city = scale == "city"
        self.index = index
        self.today = today
        self.rows: dict[type[Any], list[Row]] = {
            m: [] for m in (Appeal, AppealEvent, LivelihoodPart, LivelihoodProgress, LivelihoodLink)}

    def id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, model: type[Any], **values: Any) -> Row:
        row = {**values, "id": self.id(), "community_id": self.cid}
        self.rows[model].append(row)
        return row

    def city_projects(self) -> list[str]:
        year = self.today.year
        s = self.session
        known = list(s.scalars(select(LivelihoodProject.id).where(
            live_in(LivelihoodProject, CITY_SCOPE), LivelihoodProject.year == year)
            .order_by(LivelihoodProject.number)))
        if known:
            return known
        published = datetime(year, 1, 15, 9, 0)
        rows = [{"id": self.id(), "community_id": CITY_SCOPE, "year": year, "number": n, "title": title,
                 "description": text, "lead_unit": unit, "published_at": published, "publisher": "市委组织部"}
                for n, (title, text, unit) in enumerate(PROJECTS, start=1)]
        self.log.bulk_created(LivelihoodProject, rows)
        return [str(r["id"]) for r in rows]

    def fill(self) -> int:
        projects = self.city_projects()
        s = self.session
        appeals = list(s.scalars(select(Appeal.id).where(live_in(Appeal, self.cid),
                                                        Appeal.state.in_(RESOLVED_STATES)).order_by(Appeal.id)))
        finished = list(s.scalars(select(SecretaryProject.id).where(
            live_in(SecretaryProject, self.cid), SecretaryProject.status.in_(FINISHED))
            .order_by(SecretaryProject.id)))
        target = share(CITY_PROBLEMS_SOLVED, self.index) if self.city else COMMUNITY_PROBLEMS_SOLVED
        linked: list[tuple[str | None, str | None]] = [(None, p) for p in finished[:target]]
        linked += [(a, None) for a in appeals[:target - len(linked)]]
        while len(linked) < target:
            linked.append((self.earlier_appeal(len(linked)), None))
        parts = []
        months = max(1, self.today.month - 1)
        for number, project_id in enumerate(projects, start=1):
            beneficiaries = self.rng.randint(50, 800)
            part = self.add(LivelihoodPart, project_id=project_id, work=self.rng.choice(WORK),
                            beneficiaries=beneficiaries, funds_fen=self.rng.randint(20, 500) * 100_000)
            parts.append(part["id"])
            for m in range(1, months + 1, 2):
                self.add(LivelihoodProgress, part_id=part["id"], month=f"{self.today.year:04d}-{m:02d}",
                         percent=min(100, round(100 * m / 12) + number), note="按计划推进")
        for n, (appeal_id, sp_id) in enumerate(linked):
            self.add(LivelihoodLink, part_id=parts[n % len(parts)], appeal_id=appeal_id,
                     secretary_project_id=sp_id)
        written = 0
        for model, rows in self.rows.items():
            if rows:
                written += self.log.bulk_created(model, rows)
        return written

    def earlier_appeal(self, n: int) -> str:
        """A livelihood appeal of the two years before, received, handled, closed and archived."""
        year = self.today.year - 1 - n % 2
        when = datetime(year, 1 + n % 12, 1 + n % 27, 9, 0)
        closed = when + timedelta(days=self.rng.randint(2, 10))
        archived = closed + timedelta(days=3)
        appeal = self.add(Appeal, number=f"{year}-L{self.index:03d}{n:03d}", channel="hotline",
                          received_at=when, category="help", content=self.rng.choice(LIVELIHOOD_APPEALS),
                          state="archived", assignee_name="社区居委会", closed_at=closed, closed_on_time=True,
                          reply="已结合民生实事解决", archived_at=archived, reminder_count=0, reopen_count=0,
                          resident_name="", resident_phone="", address="", urgency="normal",
                          return_reason="", extension_reason="")
        for at, step, state in ((when, "receive", "received"), (closed, "close", "closed"),
                                (archived, "archive", "archived")):
            self.add(AppealEvent, appeal_id=appeal["id"], at=at, actor="社区书记", step=step,
                     state_after=state, note="")
        return str(appeal["id"])


def fill(db: Database, log: ChangeLog, community_id: str, rng: random.Random, scale: str,
         today: date | None = None) -> int:
    """Write one community's part of the city's livelihood projects; returns the records written."""
    index = int(log.session.scalar(select(func.count()).select_from(Community)
                                   .where(Community.deleted_at.is_(None))) or 1) - 1
    return _Livelihood(log, community_id, rng, scale, index, today or date.today()).fill()
