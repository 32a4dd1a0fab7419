"""Deterministic demo data for the ledgers, called by :mod:`app.services.demo` once per community.

``community`` scale: what one community's ledgers hold after a year of work.  ``city`` scale: each
of the city's communities gets its share of the case's totals (GLOSSARY, last section): 474
secretary projects, about 1,200 appeals, 303 compounds under guarantee led by 70 leaders, 667
organs with 14,000 cadres on the monthly work day (280 party lessons, 3,000 pairings, 1,100 appeals
solved, 2.4 million yuan of goods), 739 training attendances.

Everything random comes from the ``rng`` handed in, ids included, so the same seed gives the same
records.  Dates are laid out before ``today`` (the demo's reference day).  Records are written with
:meth:`ChangeLog.bulk_created` so they reach the outbox like any other change.
"""

from __future__ import annotations

import random
import uuid
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import Any

from sqlalchemy import func, select

from app.db.database import Database
from app.models import (
    Community,
    Compound,
    PartTimeMember,
    PartyGroup,
    PartyMember,
    PropertyCompany,
    ResidentUnit,
    SyncedRecord,
)
from app.models.ledgers import (
    Appeal,
    AppealEvent,
    Cadre,
    CalendarDay,
    CoBuildItem,
    CoBuildUnit,
    CommunityBrand,
    CompoundGuarantee,
    Fund,
    FundEntry,
    GuaranteeTask,
    Meeting,
    MeetingAttendee,
    Organ,
    ProjectEvaluation,
    ProjectMilestone,
    SecretaryProject,
    TrainingRecord,
    WorkdayVisit,
)
from app.models.scope import live_in
from app.services import demo_names as names
from app.services.appeals import AppealRules
from app.services.projects import DEFAULT_MILESTONES
from app.services.workdays import WorkCalendar, preset_days, preset_years
from app.sync.changes import ChangeLog

Row = dict[str, Any]

CITY_COMMUNITIES = 102

# The case's city-wide totals, shared out over the communities.
CITY_TOTALS = {
    "projects": 474,
    "appeals": 1200,
    "guarantees": 303,
    "organs": 667,
    "cadres": 14000,
    "workday_lessons": 280,
    "pairings": 3000,
    "workday_appeals": 1100,
    "goods_fen": 240_000_000,
    "training": 739,
}
GUARANTEE_LEADERS = 70
# "打造特色品牌社区85个": the first 85 communities of the city have a brand.
BRAND_COMMUNITIES = 85
BRANDS = (
    ("红色管家", "党员骨干担任楼栋“红色管家”，收集诉求、调解纠纷、帮办代办。"),
    ("邻里守望", "以党小组为单元结对空巢、独居老人，每周上门探访。"),
    ("幸福驿站", "在小区设立服务驿站，提供理发、维修、政策咨询等便民服务。"),
    ("银发课堂", "组织退休党员开设书法、健康、智能手机使用等课程。"),
    ("红心物业", "红色物业服务党支部牵头，物业、业委会、居民共商小区事务。"),
    ("四点半课堂", "为双职工家庭的孩子提供放学后的看护和作业辅导。"),
)
BRAND_RECOGNITION = (("none", ""), ("street", "街道党工委“一区一品”示范点"),
                     ("district", "区委组织部“特色品牌社区”"), ("city", "市委组织部“一区一品一特色”示范社区"))

# One community on its own, over a year.
COMMUNITY_SIZES = {
    "appeals": 150,
    "guarantees": 12,
    "organs": 7,
    "cadres": 140,
    "workday_lessons": 6,
    "pairings": 30,
    "workday_appeals": 11,
    "goods_fen": 2_350_000,
    "training": 36,
}


def share(total: int, index: int, parts: int = CITY_COMMUNITIES) -> int:
    """Community ``index``'s share of ``total``, the shares adding up exactly to ``total``."""
    return total // parts + (1 if index < total % parts else 0)


# --- words -------------------------------------------------------------------------------------

ORGAN_STEMS = (
    "发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "民族宗教事务局", "公安局", "民政局",
    "司法局", "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局",
    "交通运输局", "水利局", "农业农村局", "商务局", "文化广播电视和旅游局", "卫生健康委员会",
    "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "林业和草原局",
    "城市管理行政执法局", "信访局", "政务服务和数字化建设管理局", "机关事务管理局", "总工会", "团委",
    "妇女联合会", "残疾人联合会", "科学技术协会", "税务局", "供电公司", "自来水公司", "热力公司",
    "人民检察院", "人民法院", "档案馆", "图书馆", "疾病预防控制中心", "住房公积金管理中心",
)
ORGAN_LEVELS = ("白城市", "洮北区", "洮南市", "大安市", "镇赉县", "通榆县", "经济开发区", "洮北区人民政府")
CADRE_POSTS = ("科员", "副科长", "科长", "主任科员", "副主任", "干事", "四级主任科员", "一级科员")
LEADER_POSTS = ("局长", "副局长", "主任", "副主任", "党组书记", "副区长", "部长")

APPEAL_TEXTS = {
    "consultation": ("咨询低保申请条件", "咨询老年证办理流程", "咨询医保异地备案", "咨询居住证办理",
                     "咨询独生子女补贴", "咨询暖气费缴纳时间", "咨询新生儿落户手续"),
    "help": ("楼道灯不亮请求维修", "下水道堵塞请求疏通", "独居老人需要上门照料", "单元门禁损坏",
             "楼顶漏水请求维修", "冬季供暖温度不达标", "小区路面结冰请求清理", "困难家庭申请临时救助"),
    "complaint": ("夜间施工噪音扰民", "小区垃圾清运不及时", "物业服务态度差", "楼下饭店油烟扰民",
                  "车辆乱停占用消防通道", "私搭乱建影响通行", "宠物扰民"),
    "suggestion": ("建议增设健身器材", "建议增加小区停车位", "建议开设老年食堂", "建议加装电梯",
                   "建议安装电动车充电桩"),
}
REPLIES = ("已派人处理完毕并电话告知居民", "已协调相关单位解决", "已按政策答复居民",
           "已现场查看并完成维修", "已联系物业公司整改到位")
VISIT_NOTES = ("居民表示满意", "问题已解决", "居民认可处理结果", "")
DEPARTMENTS = ("城市管理行政执法局", "住房和城乡建设局", "民政局", "热力公司", "供电公司", "自来水公司")

PROJECT_TITLES = (
    "老旧小区加装电梯", "楼道环境整治", "红色物业全覆盖", "社区老年食堂", "“一刻钟”便民服务圈",
    "无物业小区托管", "小区停车秩序整治", "困难群众结对帮扶", "社区志愿服务积分超市", "四点半课堂",
    "居家养老上门服务", "背街小巷路灯亮化", "小区绿化提升", "垃圾分类示范楼栋", "平安小区创建",
    "在职党员进社区", "邻里议事会", "业委会规范运行", "冬季清雪保畅通", "社区党群服务阵地提升",
)
PROBLEMS = ("居民反映强烈，长期未得到解决", "群众办事不便", "小区管理缺位", "服务资源不足")
MEASURES = ("成立专班，明确责任人和时间表", "联合驻区单位共同推进", "发动党员志愿者参与",
            "争取上级资金支持")

COBUILD_TITLES = {
    "needs": ("老年人助餐服务", "青少年课后托管", "小区路面修补", "健康义诊", "法律咨询进社区"),
    "resources": ("学校操场周末开放", "医院专家义诊", "企业捐赠物资", "单位会议室共享", "党员志愿服务队"),
    "projects": ("共建文明楼道", "共建口袋公园", "共建平安小区", "共建书香社区", "共建便民服务站"),
    "responsibilities": ("包保小区环境卫生", "结对帮扶困难家庭", "协助疫情防控", "参与冬季清雪",
                         "开展政策宣讲"),
}
COURSES = ("社区党组织书记示范培训班", "基层党建业务培训", "党的二十大精神专题培训", "社区治理能力提升培训",
           "物业管理政策培训", "网格化管理培训", "信访工作业务培训")
ORGANISERS = ("市委组织部", "区委组织部", "市委党校", "街道党工委", "市民政局")
LEAVE_REASONS = ("外出务工", "生病住院", "照顾家人", "单位值班", "异地居住")

MEETING_TOPICS = {
    "general_meeting": ("学习贯彻上级会议精神", "讨论发展党员事宜", "民主评议党员", "审议年度工作报告"),
    "committee_meeting": ("研究本月重点工作", "讨论民生实事推进", "研究党员发展计划", "部署主题党日活动"),
    "group_meeting": ("学习党的创新理论", "收集楼栋居民诉求", "开展批评与自我批评"),
    "party_lesson": ("书记讲党课：践行初心使命", "党史学习教育专题党课", "加强党性修养专题党课"),
    "themed_day": ("重温入党誓词", "走访慰问困难党员", "志愿服务进楼栋", "参观红色教育基地",
                   "学习先进典型", "环境卫生大扫除"),
    "joint_meeting": ("党建联席会议：共建项目推进", "党建联席会议：需求资源对接"),
    "training": ("党员冬训", "入党积极分子培训"),
}


class _Words:
    """Chinese names and phone numbers from the run's random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._surnames = [s for s, _ in names.SURNAMES]
        self._cum = list(accumulate(w for _, w in names.SURNAMES))

    def person(self, cohort: int = 1) -> str:
        surname = self._surnames[bisect(self._cum, self.rng.random() * self._cum[-1])]
        gender = "male" if self.rng.random() < 0.5 else "female"
        return surname + self.rng.choice(names.GIVEN_NAMES[(gender, cohort)])

    def mobile(self) -> str:
        return self.rng.choice(names.MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"


@dataclass(frozen=True)
class _Registry:
    """What the ledgers refer to, read back from the registry just written."""

    community_name: str
    secretary: str
    compounds: list[tuple[str, str]]
    groups: list[tuple[str, str, str]]  # id, name, leader
    members: list[tuple[str, str, str, str | None]]  # id, name, status, party group
    units: list[tuple[str, str, str, str]]  # id, name, contact, party org name
    part_time: list[tuple[str, str, str | None, str]]  # id, name, unit, post
    companies: list[tuple[str, str]]


class _Filler:
    def __init__(self, log: ChangeLog, community_id: str, rng: random.Random, scale: str,
                 today: date, index: int) -> None:
        self.log = log
        self.session = log.session
        self.cid = community_id
        self.rng = rng
        self.scale = scale
        self.city = scale == "city"
        self.index = index
        self.today = today
        self.now = datetime.combine(today, time(18, 0))
        self.start = today - timedelta(days=365)
        self.words = _Words(rng)
        self.rows: dict[type[SyncedRecord], list[Row]] = {}
        years = [y for y in preset_years() if self.start.year <= y <= today.year]
        days = [d for y in years for d in preset_days(y)]
        self.calendar_days = days
        self.cal = WorkCalendar([d for d, k, _ in days if k == "holiday"],
                                [d for d, k, _ in days if k == "workday"])
        self.reg = self._read_registry()

    # --- plumbing -------------------------------------------------------------------------

    def id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, model: type[SyncedRecord], **values: Any) -> Row:
        values.setdefault("id", self.id())
        values["community_id"] = self.cid
        self.rows.setdefault(model, []).append(values)
        return values

    def size(self, key: str) -> int:
        if self.city:
            return share(CITY_TOTALS[key], self.index)
        return COMMUNITY_SIZES[key]

    def write(self) -> int:
        order: Sequence[type[SyncedRecord]] = (
            CalendarDay, Organ, Cadre, Appeal, AppealEvent, Meeting, MeetingAttendee, SecretaryProject,
            ProjectMilestone, ProjectEvaluation, CompoundGuarantee, GuaranteeTask, WorkdayVisit,
            CoBuildItem, CoBuildUnit, Fund, FundEntry, TrainingRecord, CommunityBrand)
        written = 0
        for model in order:
            rows = self.rows.get(model)
            if not rows:
                continue
            # One executemany needs the same keys in every row.
            keys = set().union(*rows)
            for row in rows:
                for key in keys - row.keys():
                    row[key] = None
            written += self.log.bulk_created(model, rows)
        return written

    def day_between(self, first: date, last: date) -> date:
        span = (last - first).days
        return first + timedelta(days=self.rng.randint(0, max(span, 0)))

    def at(self, day: date, hour_from: int = 8, hour_to: int = 17) -> datetime:
        hour = self.rng.randint(hour_from, hour_to - 1)
        return datetime.combine(day, time(hour, self.rng.choice((0, 15, 30, 45))))

    def _read_registry(self) -> _Registry:
        s, cid = self.session, self.cid
        community = s.get(Community, cid)

        def live(m: Any) -> Any:
            return live_in(m, cid)

        return _Registry(
            community.name if community else "",
            community.secretary_name if community else "",
            [(r[0], r[1]) for r in s.execute(select(Compound.id, Compound.name).where(live(Compound))
                                              .order_by(Compound.id))],
            [(r[0], r[1], r[2]) for r in s.execute(
                select(PartyGroup.id, PartyGroup.name, PartyGroup.leader_name)
                                                   .where(live(PartyGroup)).order_by(PartyGroup.id))],
            [(r[0], r[1], r[2], r[3]) for r in s.execute(
                select(PartyMember.id, PartyMember.name, PartyMember.status, PartyMember.party_group_id)
                .where(live(PartyMember)).order_by(PartyMember.id))],
            [(r[0], r[1], r[2], r[3]) for r in s.execute(
                select(ResidentUnit.id, ResidentUnit.name, ResidentUnit.contact, ResidentUnit.party_org_name)
                .where(live(ResidentUnit)).order_by(ResidentUnit.id))],
            [(r[0], r[1], r[2], r[3]) for r in s.execute(
                select(PartTimeMember.id, PartTimeMember.name, PartTimeMember.resident_unit_id,
                       PartTimeMember.post).where(live(PartTimeMember)).order_by(PartTimeMember.id))],
            [(r[0], r[1]) for r in s.execute(select(PropertyCompany.id, PropertyCompany.name)
                                              .where(live(PropertyCompany)).order_by(PropertyCompany.id))],
        )

    # --- the ledgers ----------------------------------------------------------------------

    def fill(self) -> int:
        for day, kind, name in self.calendar_days:
            self.add(CalendarDay, day=day, kind=kind, name=name)
        cadres = self.organs_and_cadres()
        appeals = self.appeals()
        self.meetings()
        self.projects()
        self.guarantees()
        self.workday(cadres, appeals)
        self.cobuild()
        self.funds()
        self.training()
        self.brand()
        return self.write()

    def organs_and_cadres(self) -> list[tuple[str, str]]:
        organs = self.size("organs")
        cadres = self.size("cadres")
        # Organ names: every (level, stem) pair once per community, in a shuffled order.
        pairs = [(lv, st) for lv in ORGAN_LEVELS for st in ORGAN_STEMS]
        self.rng.shuffle(pairs)
        organ_ids = []
        for level, stem in pairs[:organs]:
            row = self.add(Organ, name=level + stem, contact=self.words.person(), phone=self.words.mobile(),
                           address=f"{level}{self.rng.choice(names.ROADS_CITY)}{self.rng.randint(1, 300)}号")
            organ_ids.append(row["id"])
        result: list[tuple[str, str]] = []
        for i in range(cadres):
            organ = organ_ids[i % len(organ_ids)] if organ_ids else ""
            if not organ:
                break
            row = self.add(Cadre, organ_id=organ, name=self.words.person(), post=self.rng.choice(CADRE_POSTS),
                           phone=self.words.mobile() if self.rng.random() < 0.7 else "",
                           is_party_member=self.rng.random() < 0.85)
            result.append((row["id"], organ))
        return result

    def appeals(self) -> list[str]:
        """Appeals at every stage of the workflow; returns the ids of the resolved ones."""
        rules = AppealRules()
        count = self.size("appeals")
        categories = ("consultation", "help", "complaint", "suggestion")
        received = sorted(self.at(self.day_between(self.start, self.today), 7, 20) for _ in range(count))
        received = [r for r in received if r <= self.now]
        seq: dict[int, int] = {}
        resolved: list[str] = []
        for when in received:
            category = self.rng.choices(categories, (30, 35, 25, 10))[0]
            urgency = "emergency" if self.rng.random() < 0.05 else "normal"
            seq[when.year] = seq.get(when.year, 0) + 1
            appeal: Row = {
                "id": self.id(), "number": f"{when.year}-{seq[when.year]:05d}",
                "channel": self.rng.choices(("hotline", "app", "visit", "grid_worker", "other"),
                                            (45, 25, 15, 12, 3))[0],
                "received_at": when, "resident_name": self.words.person(self.rng.choice((0, 1, 2))),
                "resident_phone": self.words.mobile(), "category": category, "urgency": urgency,
                "content": self.rng.choice(APPEAL_TEXTS[category]), "state": "received",
                "reminder_count": 0, "reopen_count": 0, "assignee_name": "", "reply": "",
                "return_reason": "", "extension_reason": "",
            }
            if self.reg.compounds:
                cid, cname = self.rng.choice(self.reg.compounds)
                appeal.update(compound_id=cid, address=f"{cname}{self.rng.randint(1, 12)}号楼")
            events: list[tuple[datetime, str, str, str]] = [(when, "receive", "received", "")]
            self._run_appeal(appeal, events, rules)
            self.add(Appeal, **appeal)
            for at, step, state, note in events:
                self.add(AppealEvent, appeal_id=appeal["id"], at=at, actor=self._actor(step), step=step,
                         state_after=state, note=note)
            if appeal["state"] in ("closed", "visited", "archived"):
                resolved.append(appeal["id"])
        return resolved

    def _actor(self, step: str) -> str:
        return {"receive": "接线员", "dispatch": "社区书记", "visit": "回访员", "reopen": "回访员",
                "archive": "社区书记", "remind": "社区书记", "escalate": "街道党工委"}.get(step, "承办人")

    def _assignee(self) -> tuple[str, str | None, str]:
        roll = self.rng.random()
        if roll < 0.35 and self.reg.groups:
            gid, name, _ = self.rng.choice(self.reg.groups)
            return "party_group", gid, name
        if roll < 0.65 and self.reg.companies:
            pid, name = self.rng.choice(self.reg.companies)
            return "property_company", pid, name
        if roll < 0.8 and self.reg.units:
            uid, name, _, _ = self.rng.choice(self.reg.units)
            return "resident_unit", uid, name
        return "department", None, self.rng.choice(DEPARTMENTS)

    def _run_appeal(self, a: Row, events: list[tuple[datetime, str, str, str]], rules: AppealRules) -> None:
        """Walk one appeal through the workflow up to ``now``, recording each step."""
        rng, now = self.rng, self.now
        days = rules.deadline_days(a["category"], a["urgency"])

        def deadline(start: date) -> date:
            return start if days == 0 else self.cal.add_workdays(start, days)

        t = a["received_at"] + timedelta(minutes=rng.randint(10, 240))
        if t > now:
            return
        kind, aid, name = self._assignee()
        a.update(state="dispatched", assignee_kind=kind, assignee_id=aid, assignee_name=name,
                 dispatched_at=t, deadline=deadline(a["received_at"].date()))
        events.append((t, "dispatch", "dispatched", name))
        if rng.random() < 0.05:
            t += timedelta(hours=rng.randint(2, 20))
            if t > now:
                return
            reason = rng.choice(("非本单位职能", "不属于本辖区"))
            a.update(state="returned", return_reason=reason)
            events.append((t, "return", "returned", reason))
            t += timedelta(hours=rng.randint(1, 6))
            if t > now:
                return
            kind, aid, name = "department", None, rng.choice(DEPARTMENTS)
            a.update(state="dispatched", assignee_kind=kind, assignee_id=aid, assignee_name=name,
                     dispatched_at=t, deadline=deadline(t.date()), return_reason="")
            events.append((t, "dispatch", "dispatched", name))
        t += timedelta(hours=rng.randint(1, 20) if a["urgency"] == "normal" else 1)
        if t > now:
            return
        a.update(state="handling", accepted_at=t)
        events.append((t, "accept", "handling", ""))
        self._handle(a, events, t, deadline)

    def _handle(self, a: Row, events: list[tuple[datetime, str, str, str]], t: datetime,
                deadline: Any) -> None:
        rng, now = self.rng, self.now
        late = rng.random() < 0.08
        limit = a["deadline"]
        work_days = rng.randint(0, max(self.cal.workdays_between(t.date(), limit), 0))
        close_day = self.cal.add_workdays(t.date(), work_days)
        if late:
            close_day = self.cal.add_workdays(limit, rng.randint(1, 8))
        close_at = self.at(close_day, 9, 18)
        if close_at <= t:
            close_at = t + timedelta(hours=2)
        if rng.random() < 0.4:
            note_at = t + (close_at - t) * rng.uniform(0.2, 0.8)
            if note_at <= now:
                note = rng.choice(("已联系居民", "已现场查看", "正在协调"))
                events.append((note_at.replace(microsecond=0), "note", "handling", note))
        if close_at > now:
            # Still open: remind, and escalate when overdue for long enough.
            if limit < self.today:
                remind_at = self.at(self.cal.next_workday(limit))
                if remind_at <= now:
                    a["reminder_count"] = 1
                    events.append((remind_at, "remind", "handling", "逾期催办"))
                if self.cal.workdays_between(limit, self.today) >= AppealRules().escalate_after_days:
                    esc = self.at(self.cal.add_workdays(limit, AppealRules().escalate_after_days))
                    a["escalated_at"] = esc
                    events.append((esc, "escalate", "handling", "逾期未办结，书面通报"))
            return
        reply = rng.choice(REPLIES)
        a.update(state="closed", closed_at=close_at, closed_on_time=close_at.date() <= limit, reply=reply)
        events.append((close_at, "close", "closed", reply))
        visit_at = self.at(close_day + timedelta(days=1), 9, 17)
        if visit_at > now:
            return
        weights = (80, 13, 7) if a["reopen_count"] == 0 else (60, 20, 20)
        result = rng.choices(("satisfied", "mostly", "dissatisfied"), weights)[0]
        a.update(visit_result=result, visited_at=visit_at)
        if result == "dissatisfied" and a["reopen_count"] == 0:
            a.update(state="handling", reopen_count=1, closed_at=None, closed_on_time=None,
                     deadline=deadline(visit_at.date()))
            events.append((visit_at, "reopen", "handling", "dissatisfied 问题未彻底解决"))
            self._handle(a, events, visit_at, deadline)
            return
        a["state"] = "visited"
        events.append((visit_at, "visit", "visited", f"{result} {rng.choice(VISIT_NOTES)}".strip()))
        archive_at = visit_at + timedelta(days=rng.randint(1, 10))
        if archive_at <= now:
            a.update(state="archived", archived_at=archive_at)
            events.append((archive_at, "archive", "archived", ""))

    def meetings(self) -> None:
        today, rng = self.today, self.rng
        members = self.reg.members
        months = self._months()
        current_q = (today.month - 1) // 3
        general_rows: list[tuple[Row, list[tuple[str, str, str, str | None]]]] = []
        for year, month in months:
            first = date(year, month, 1)
            last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
            quarter_current = year == today.year and (month - 1) // 3 == current_q
            self._meeting("committee_meeting", first + timedelta(days=rng.randint(1, 6)), self._committee())
            self._meeting("themed_day", first + timedelta(days=rng.randint(0, 9)),
                          self._sample_members(20 if self.city else 45))
            if month % 3 == 2 and not quarter_current:
                self._meeting("party_lesson", first + timedelta(days=rng.randint(5, 20)),
                              self._sample_members(30 if self.city else 80))
            if month % 3 == 0:
                day = date(year, month, 20)
                if day < today:
                    row = self._meeting("general_meeting", day, [])
                    general_rows.append((row, members))
                groups = self.reg.groups if not self.city else self.reg.groups[:3]
                for gid, _name, _leader in groups:
                    group_day = self.day_between(first, min(last, today - timedelta(days=1)))
                    if group_day < first:
                        continue
                    self._meeting("group_meeting", group_day, [m for m in members if m[3] == gid],
                                  party_group_id=gid)
            if month in (4, 10):
                self._meeting("joint_meeting", date(year, month, 15), self._unit_reps())
            if month in (1, 7):
                self._meeting("training", date(year, month, 10),
                              self._sample_members(15 if self.city else 40))
        # The general meetings' attendance (every member): in a city run, of the first community only.
        for row, people in general_rows:
            if self.city and self.index > 0:
                continue
            self._attend(row, people)

    def _months(self) -> list[tuple[int, int]]:
        result = []
        y, m = self.start.year, self.start.month
        while (y, m) <= (self.today.year, self.today.month):
            if date(y, m, 1) < self.today:
                result.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return result

    def _meeting(self, kind: str, day: date, people: list[Any], party_group_id: str | None = None) -> Row:
        if day >= self.today:
            day = self.today - timedelta(days=1)
        starts = self.at(day, 8, 16)
        topic = self.rng.choice(MEETING_TOPICS[kind])
        host = self.reg.secretary or "社区书记"
        row = self.add(Meeting, kind=kind, topic=topic, starts_at=starts, ends_at=starts + timedelta(hours=2),
                       place=self.rng.choice(("社区党群服务中心", "社区会议室", "党员活动室", "小区议事厅")),
                       host=host, recorder=self.words.person(), party_group_id=party_group_id,
                       agenda=f"一、{topic}\n二、通报近期工作\n三、讨论下一步安排",
                       key_points="与会人员结合工作实际进行了发言，一致表示要抓好落实。",
                       dissent="", decisions="会议议定事项由社区党委负责督促落实。", note="")
        if people:
            self._attend(row, people)
        return row

    def _attend(self, meeting: Row, people: list[Any]) -> None:
        starts: datetime = meeting["starts_at"]
        for order, person in enumerate(people, start=1):
            roll = self.rng.random()
            status = "present" if roll < 0.86 else "leave" if roll < 0.94 else "absent"
            row: Row = {"meeting_id": meeting["id"], "status": status, "sort_order": order,
                        "leave_reason": self.rng.choice(LEAVE_REASONS) if status == "leave" else "",
                        "signed_at": starts - timedelta(minutes=self.rng.randint(0, 25))
                        if status == "present" else None}
            if isinstance(person, tuple) and len(person) == 4 and person[2] in ("full", "probationary"):
                row.update(person_kind="member", member_id=person[0], name=person[1], org="", post="")
            else:
                row.update(person)
            self.add(MeetingAttendee, **row)

    def _sample_members(self, n: int) -> list[tuple[str, str, str, str | None]]:
        members = self.reg.members
        return self.rng.sample(members, min(n, len(members)))

    def _committee(self) -> list[Row]:
        people: list[Row] = [{"person_kind": "typed", "name": self.reg.secretary or "社区书记",
                              "org": self.reg.community_name, "post": "书记"}]
        for pid, name, unit, post in self.reg.part_time[:6]:
            people.append({"person_kind": "part_time_member", "part_time_member_id": pid, "name": name,
                           "resident_unit_id": unit, "org": "", "post": post[:50]})
        return people

    def _unit_reps(self) -> list[Row]:
        return [{"person_kind": "unit_rep", "resident_unit_id": uid, "name": (contact or "联络员")[:50],
                 "org": name[:100], "post": "联络员"} for uid, name, contact, _ in self.reg.units[:12]]

    def projects(self) -> None:
        rng, year, today = self.rng, self.today.year, self.today
        expected: list[tuple[str, str | None, str | None, str]] = [
            ("community", None, None, self.reg.secretary or "社区书记")]
        expected += [("resident_unit", None, uid, contact or "支部书记")
                     for uid, _n, contact, org in self.reg.units if org]
        groups = [("party_group", gid, None, leader or "党小组长") for gid, _n, leader in self.reg.groups]
        if self.city:
            count = share(CITY_TOTALS["projects"], self.index)
            pool = expected + rng.sample(groups, min(len(groups), max(count - len(expected), 0)))
            # A small community's secretaries claim a second project to make up its share.
            chosen = [pool[i % len(pool)] for i in range(count)]
        else:
            # Every expected secretary but one claims a project (the check has someone to show),
            # and a few party groups claim one of their own.
            chosen = expected[:-1] + rng.sample(groups, min(len(groups), 6))
        for level, gid, uid, secretary in chosen:
            title = rng.choice(PROJECT_TITLES)
            project = self.add(SecretaryProject, year=year, level=level, secretary_name=secretary[:50],
                               party_group_id=gid, resident_unit_id=uid, title=title,
                               problem=rng.choice(PROBLEMS), measures=rng.choice(MEASURES),
                               team=f"{secretary}等{rng.randint(3, 8)}人", status="claimed", outcome="",
                               feedback="")
            done_all = True
            any_done = False
            for order, (stage, name, month, day) in enumerate(DEFAULT_MILESTONES, start=1):
                due = date(year, month, day)
                done_on = None
                if due < today and rng.random() < 0.9:
                    done_on = due - timedelta(days=rng.randint(0, 20))
                elif due >= today and rng.random() < 0.1:
                    done_on = today - timedelta(days=rng.randint(1, 10))
                done_all = done_all and done_on is not None
                any_done = any_done or done_on is not None
                self.add(ProjectMilestone, project_id=project["id"], stage=stage, title=name, due_date=due,
                         done_on=done_on, note="", sort_order=order)
            project["status"] = "done" if done_all else "in_progress" if any_done else "claimed"
            if date(year, 6, 30) < today:
                self.add(ProjectEvaluation, project_id=project["id"], method="dispatch_review",
                         evaluated_on=date(year, 7, rng.randint(1, 20)), notes="按计划推进",
                         satisfaction=Decimal(rng.randint(880, 1000)).scaleb(-1), evaluator="街道党工委")
            if rng.random() < 0.3 and date(year, 9, 30) < today:
                self.add(ProjectEvaluation, project_id=project["id"], method="on_site_check",
                         evaluated_on=date(year, 10, rng.randint(1, 28)), notes="现场查看，成效明显",
                         satisfaction=Decimal(rng.randint(900, 1000)).scaleb(-1), evaluator="区委组织部")

    def guarantees(self) -> None:
        rng = self.rng
        count = min(self.size("guarantees"), len(self.reg.compounds))
        leaders = _leader_pool()
        base = (self.index * 3) % len(leaders)
        for i, (compound_id, _name) in enumerate(rng.sample(self.reg.compounds, count)):
            name, post, unit = leaders[(base + i // 2) % len(leaders)]
            g = self.add(CompoundGuarantee, compound_id=compound_id, leader_name=name, leader_post=post,
                         leader_unit=unit, organ_id=None, since=date(self.today.year, 3, 1), note="")
            progress = rng.random()
            for k, task in enumerate(("committee", "property_company", "fee_standard", "fee_collection",
                                      "routine_operation")):
                done = progress > 0.15 * (k + 1)
                status = "done" if done else "in_progress" if progress > 0.15 * k else "not_started"
                self.add(GuaranteeTask, guarantee_id=g["id"], task=task, status=status,
                         done_on=self.day_between(self.start, self.today) if done else None, note="")

    def workday(self, cadres: list[tuple[str, str]], appeals: list[str]) -> None:
        if not cadres:
            return
        rng, today = self.rng, self.today
        # The last three work days (the third Friday of each month) before today.
        months = [(y, m) for y, m in self._months() if self._third_friday(y, m) < today][-3:]
        visits: list[Row] = []
        for year, month in months:
            day = self._third_friday(year, month)
            for cadre_id, organ_id in cadres:
                if rng.random() < 0.1:
                    continue
                arrived = datetime.combine(day, time(8, rng.choice((0, 15, 30))))
                visits.append(self.add(WorkdayVisit, month=f"{year}-{month:02d}", organ_id=organ_id,
                                       cadre_id=cadre_id, arrived_at=arrived,
                                       left_at=arrived + timedelta(hours=rng.randint(3, 8)),
                                       service=rng.choice(("走访困难群众", "政策宣讲", "环境整治", "帮办代办",
                                                           "义诊", "清雪")),
                                       party_lesson=False, pairing_household="", appeal_id=None, goods_fen=0,
                                       confirmed=(year, month) != (today.year, today.month),
                                       confirmed_by=self.reg.secretary[:50] if (year, month) != (
                                           today.year, today.month) else ""))
        for v in rng.sample(visits, min(self.size("workday_lessons"), len(visits))):
            v["party_lesson"] = True
        for v in rng.sample(visits, min(self.size("pairings"), len(visits))):
            v["pairing_household"] = f"{self.words.person(0)}家"
        solved = rng.sample(appeals, min(self.size("workday_appeals"), len(appeals)))
        for v, appeal_id in zip(rng.sample(visits, len(solved)), solved, strict=True):
            v["appeal_id"] = appeal_id
        goods = self.size("goods_fen")
        donors = rng.sample(visits, min(max(len(visits) // 4, 1), len(visits)))
        # Whole yuan per donation, adding up exactly to the community's share.
        yuan = goods // 100
        cuts = sorted(rng.randint(0, yuan) for _ in range(len(donors) - 1))
        for v, (lo, hi) in zip(donors, zip([0, *cuts], [*cuts, yuan], strict=True), strict=True):
            v["goods_fen"] = (hi - lo) * 100
        donors[0]["goods_fen"] += goods % 100

    @staticmethod
    def _third_friday(year: int, month: int) -> date:
        first = date(year, month, 1)
        return first + timedelta(days=(4 - first.weekday()) % 7 + 14)

    def cobuild(self) -> None:
        per_list = 2 if self.city else 5
        for kind, titles in COBUILD_TITLES.items():
            for title in self.rng.sample(titles, per_list):
                item = self.add(CoBuildItem, list_kind=kind, year=self.today.year, title=title,
                                detail=f"{self.reg.community_name}与驻区单位共同推进{title}。",
                                status=self.rng.choices(("open", "in_progress", "done", "closed"),
                                                        (2, 4, 3, 1))[0],
                                owner=self.words.person(), due_date=date(self.today.year, 12, 31))
                for uid, _n, _c, _o in self.rng.sample(self.reg.units, min(len(self.reg.units),
                                                                           self.rng.randint(1, 3))):
                    self.add(CoBuildUnit, item_id=item["id"], resident_unit_id=uid)

    def funds(self) -> None:
        rng = self.rng
        for name, kind, grant in (("党建经费", "party_building", 2_000_000),
                                  ("服务群众专项经费", "serving_residents", 10_000_000)):
            opening = rng.randint(0, 500) * 1000
            fund = self.add(Fund, name=name, kind=kind, opening_fen=opening, note="")
            balance = opening
            entries: list[tuple[date, str, int, str]] = []
            for year, month in self._months():
                day = date(year, month, 1)
                if month in (1, 7):
                    income_day = day + timedelta(days=rng.randint(3, 10))
                    if income_day < self.today:
                        entries.append((income_day, "income", grant // 2, "上级拨付"))
                        balance += grant // 2
                for _ in range(rng.randint(1, 3)):
                    spend_day = day + timedelta(days=rng.randint(12, 27))
                    amount = min(rng.randint(50, 3000) * 100 + rng.randint(0, 99), balance)
                    if amount <= 0 or spend_day >= self.today:
                        continue
                    entries.append((spend_day, "expense", amount,
                                    rng.choice(("购买学习资料", "主题党日活动", "慰问困难党员", "阵地维护",
                                                "志愿服务物资", "办公用品"))))
                    balance -= amount
            for n, (day, direction, amount, purpose) in enumerate(entries, start=1):
                self.add(FundEntry, fund_id=fund["id"], entry_date=day, voucher_no=f"记-{n:03d}",
                         direction=direction, amount_fen=amount, purpose=purpose, handler="社区会计")

    def training(self) -> None:
        rng = self.rng
        people: list[tuple[str, str | None, str]] = [(self.reg.secretary or "社区书记", None, "社区党委书记")]
        people += [(name, None, "兼职委员") for _pid, name, _u, _p in self.reg.part_time[:6]]
        people += [(m[1], m[0], "党员") for m in self._sample_members(10)]
        for _ in range(self.size("training")):
            name, member_id, post = rng.choice(people)
            self.add(TrainingRecord, person_name=name[:50], member_id=member_id, post=post,
                     course=rng.choice(COURSES), hours=Decimal(rng.choice((20, 35, 40, 80, 160))).scaleb(-1),
                     trained_on=self.day_between(self.start, self.today - timedelta(days=1)),
                     organiser=rng.choice(ORGANISERS), place="市委党校")

    def brand(self) -> None:
        if self.city and self.index >= BRAND_COMMUNITIES:
            return
        name, description = BRANDS[self.index % len(BRANDS)]
        founded = self.today.year - self.rng.randint(1, 6)
        level, recognition = BRAND_RECOGNITION[self.rng.randrange(len(BRAND_RECOGNITION))]
        if not self.city:  # the one community of the demo shows a recognised brand
            level, recognition = BRAND_RECOGNITION[-1]
        recognised = min(founded + self.rng.randint(1, 2), self.today.year) if level != "none" else None
        self.add(CommunityBrand, name=name, description=description, founded_year=founded, level=level,
                 recognition=recognition, recognised_year=recognised)


_LEADERS: list[tuple[str, str, str]] = []


def _leader_pool() -> list[tuple[str, str, str]]:
    """The city's 70 guarantee leaders (the same in every community of a run)."""
    if not _LEADERS:
        rng = random.Random(70)
        words = _Words(rng)
        for _ in range(GUARANTEE_LEADERS):
            unit = rng.choice(ORGAN_LEVELS[:2]) + rng.choice(ORGAN_STEMS)
            _LEADERS.append((words.person(), rng.choice(LEADER_POSTS), unit))
    return _LEADERS


def fill(db: Database, log: ChangeLog, community_id: str, rng: random.Random, scale: str,
         today: date | None = None) -> int:
    """Write one community's ledgers; returns the number of records written.

    ``today`` is the demo's reference day (default: the first of this month, as the registry's
    demo data uses).
    """
    reference = today or date.today().replace(day=1)
    index = int(log.session.scalar(select(func.count()).select_from(Community)
                                   .where(Community.deleted_at.is_(None))) or 1) - 1
    return _Filler(log, community_id, rng, scale, reference, index).fill()
