"""A small hand-made ledger for the report-and-appraisal material, with the figures worked out by
hand beside it (not the demo: every number below can be checked with a pencil).

The material is made on 15 August 2025: January to July and the first two quarters are due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from app.db.database import Database
from app.models.ledgers import Cadre, Organ
from app.services.appeals import AppealService
from app.services.funds import FundService
from app.services.guarantees import TASKS, GuaranteeService
from app.services.meetings import MeetingService
from app.services.projects import ProjectService
from app.services.registry import RegistryService
from app.services.training import TrainingService
from app.services.workday import WorkdayService
from app.sync.changes import ChangeLog

YEAR = 2025
AS_OF = date(2025, 8, 15)
SECRETARY = "赵红梅"
COMMUNITY = {"code": "220802001", "name": "幸福社区", "street": "明仁街道", "district": "洮北区",
             "city": "白城市", "org_kind": "committee", "secretary_name": SECRETARY}


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class Built:
    registry: RegistryService
    clock: Clock


def _meeting(svc: MeetingService, kind: str, day: str, group: str | None = None) -> str:
    values = {"kind": kind, "topic": f"{kind} {day}", "starts_at": datetime.fromisoformat(f"{day}T09:00")}
    if group:
        values["party_group_id"] = group
    return svc.create(values)


def _organ(db: Database, community_id: str, name: str, cadres: list[str]) -> list[str]:
    with db.session() as session:
        log = ChangeLog(db, session)
        organ = Organ(name=name)
        organ.community_id = community_id
        log.created(organ)
        ids = []
        for cadre_name in cadres:
            cadre = Cadre(organ_id=organ.id, name=cadre_name, post="科员")
            cadre.community_id = community_id
            log.created(cadre)
            ids.append(cadre.id)
        return ids


def build(db: Database) -> Built:
    clock = Clock(datetime(2025, 8, 15, 9, 0))
    registry = RegistryService(db)
    registry.create_community(dict(COMMUNITY))
    one = registry.create("party_group", {"name": "第一党小组"})
    two = registry.create("party_group", {"name": "第二党小组"})

    # 三会一课 (and one themed day; one general meeting of the year before).
    meetings = MeetingService(db, clock)
    for day in ("2025-02-10", "2025-07-05", "2024-12-20"):
        _meeting(meetings, "general_meeting", day)
    for day in ("2025-03-01", "2025-05-20"):
        _meeting(meetings, "party_lesson", day)
    for month in (1, 2, 3, 5, 6, 7):  # no committee meeting in April
        _meeting(meetings, "committee_meeting", f"2025-{month:02d}-15")
    for month in range(1, 8):
        _meeting(meetings, "group_meeting", f"2025-{month:02d}-08", one)
    for month in (1, 2):  # the second group stopped meeting after February
        _meeting(meetings, "group_meeting", f"2025-{month:02d}-09", two)
    _meeting(meetings, "themed_day", "2025-04-01")

    # Secretary projects: one on track, one overdue.
    projects = ProjectService(db, clock)
    p1 = projects.create({"year": YEAR, "secretary_name": SECRETARY, "title": "老旧小区改造"})
    for m in projects.get(p1, AS_OF).milestones[:2]:
        projects.complete_milestone(m.id, m.due_date)
    projects.add_evaluation(p1, {"method": "on_site_check", "evaluated_on": date(2025, 7, 1),
                                 "satisfaction": Decimal("95.5"), "evaluator": "街道党工委",
                                 "notes": "按期推进"})
    projects.create({"year": YEAR, "secretary_name": SECRETARY, "title": "红色物业"})

    # Appeals: two closed and visited (satisfied, dissatisfied), one just received.
    appeals = AppealService(db, clock)
    ids = []
    for _ in range(3):
        ids.append(appeals.receive({"channel": "hotline", "resident_name": "王淑芬", "address": "3号楼",
                                    "category": "consultation", "urgency": "normal",
                                    "content": "楼道灯不亮"}, actor="接线员"))
    for aid, result in zip(ids[:2], ("satisfied", "dissatisfied"), strict=True):
        appeals.dispatch(aid, "property_company", "鑫源物业")
        appeals.accept(aid)
        appeals.close(aid, "已更换灯泡")
        appeals.return_visit(aid, result)

    # The community work day: two organs.
    jia, yi = _organ(db, registry.community_id, "市住建局", ["甲干部", "乙干部"])
    (bing,) = _organ(db, registry.community_id, "市民政局", ["丙干部"])
    work = WorkdayService(db, clock)
    work.record({"month": "2025-03", "cadre_id": jia, "party_lesson": True, "pairing_household": "困难户甲",
                 "goods_fen": 100000})
    work.record({"month": "2025-03", "cadre_id": yi, "service": "清理楼道"})
    work.record({"month": "2025-05", "cadre_id": bing, "appeal_id": ids[2], "goods_fen": 50050})
    work.record({"month": "2024-12", "cadre_id": jia, "goods_fen": 99999})

    # The five guarantees: one compound all done, one with its committee only.
    guarantees = GuaranteeService(db, clock)
    a = registry.create("compound", {"name": "阳光小区"})
    b = registry.create("compound", {"name": "和平小区"})
    ga = guarantees.create({"compound_id": a, "leader_name": "刘局长", "leader_unit": "住建局"})
    gb = guarantees.create({"compound_id": b, "leader_name": "刘局长", "leader_unit": "住建局"})
    for task in TASKS:
        guarantees.set_task(ga, task, "done", date(2025, 5, 1))
    guarantees.set_task(gb, "committee", "done", date(2025, 6, 1))
    guarantees.set_task(gb, "property_company", "in_progress")

    # Funds: 100.00 brought forward, 5,000.00 in, 1,234.56 out; a second fund untouched.
    funds = FundService(db, clock)
    party = funds.create_fund({"name": "党建工作经费", "kind": "party_building"})
    funds.create_fund({"name": "服务群众专项经费", "kind": "serving_residents", "opening_fen": 200000})
    funds.add_entry({"fund_id": party, "entry_date": date(2024, 12, 1), "direction": "income",
                     "amount_fen": 10000})
    funds.add_entry({"fund_id": party, "entry_date": date(2025, 3, 1), "direction": "income",
                     "amount_fen": 500000})
    funds.add_entry({"fund_id": party, "entry_date": date(2025, 4, 1), "direction": "expense",
                     "amount_fen": 123456, "purpose": "党员活动室设备"})

    # Training: three attendances of two people in two courses, 20.5 hours; one of the year before.
    training = TrainingService(db, clock)
    for name, course, hours, trained_on in (("张三", "社区书记培训班", "8", date(2025, 4, 10)),
                                            ("李四", "社区书记培训班", "8", date(2025, 4, 10)),
                                            ("张三", "两委成员轮训", "4.5", date(2025, 6, 1)),
                                            ("李四", "两委成员轮训", "4", date(2024, 6, 1))):
        training.record({"person_name": name, "course": course, "hours": hours, "trained_on": trained_on})
    return Built(registry, clock)
