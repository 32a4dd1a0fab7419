"""A small community with every kind of record, written through the services, for the printing tests.

The figures the tests check against (households, attendees in order, balances) are kept on
the returned :class:`Sample`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from app.db.database import Database
from app.models.ledgers import Cadre, Organ
from app.services.appeals import AppealService
from app.services.coconstruction import CoConstructionService
from app.services.funds import FundService
from app.services.guarantees import GuaranteeService
from app.services.identity import make_id_number
from app.services.meetings import MeetingService, Person
from app.services.projects import ProjectService
from app.services.registry import RegistryService
from app.services.training import TrainingService
from app.services.workday import WorkdayService
from app.sync.changes import ChangeLog

YEAR = 2026
COMMUNITY = {
    "code": "220802001",
    "name": "幸福社区",
    "street": "明仁街道",
    "district": "洮北区",
    "city": "白城市",
    "org_kind": "committee",
}

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ("建国", "秀英", "志强", "桂兰", "海燕", "立新", "玉珍", "国庆", "丽娟", "文博", "春梅", "德华")
LONG_UNIT = "白城市洮北区明仁街道幸福社区第一网格党支部暨幸福家园小区业主委员会联合党小组"


@dataclass
class Sample:
    community_id: str = ""
    households: int = 0
    building_count: int = 0
    building_households: int = 0
    member_ids: list[str] = field(default_factory=list)
    member_names: list[str] = field(default_factory=list)
    member_id_numbers: list[str] = field(default_factory=list)
    member_phones: list[str] = field(default_factory=list)
    meeting_id: str = ""
    attendee_names: list[str] = field(default_factory=list)
    workday_meeting_id: str = ""
    group_meeting_id: str = ""
    appeal_id: str = ""
    appeal_number: str = ""
    appeal_phone: str = ""
    fund_closing_fen: int = 0
    fund_income_fen: int = 0
    fund_expense_fen: int = 0
    meeting_count: int = 0
    training_hours: Decimal = Decimal(0)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def at(self, text: str) -> Clock:
        self.now = datetime.fromisoformat(text)
        return self


def build(db: Database, members: int = 60) -> Sample:
    s = Sample()
    reg = RegistryService(db)
    s.community_id = reg.create_community(dict(COMMUNITY))
    company = reg.create("property_company", {"name": "白城市鑫诚物业服务有限公司", "contact": "王经理",
                                              "phone": "13804361234", "address": "洮北区幸福路8号"})
    compounds = []
    for i, (name, households, count) in enumerate((("幸福家园", 120, 4), ("和谐小区", 250, 6),
                                                   ("阳光花园", 88, 2))):
        compounds.append(reg.create("compound", {
            "name": name, "address": f"洮北区幸福路{10 + i}号", "households": households,
            "building_count": count, "property_company_id": company, "fee_standard": "0.3",
            "fee_collection_rate": "86.5", "has_homeowner_committee": i != 2,
        }))
        s.households += households
        s.building_count += count
    buildings = []
    for i, cid in enumerate(compounds):
        for n in (1, 2):
            hh = 24 * n + i
            buildings.append(reg.create("building", {
                "compound_id": cid, "number": f"{n}号楼", "entrances": 2, "floors": 6, "households": hh,
                "leader_name": f"{SURNAMES[i]}楼长", "leader_phone": f"1390436{i}{n}00"}))
            s.building_households += hh
    group = reg.create("party_group", {"name": "第一党小组", "kind": "ordinary", "compound_id": compounds[0],
                                       "leader_name": "王建国"})
    reg.create("party_group", {"name": "幸福家园1号楼党小组", "kind": "building", "compound_id": compounds[0],
                               "building_ids": [buildings[0]], "leader_name": "李秀英"})
    for i in range(members):
        born = date(1950 + i % 40, 1 + i % 12, 1 + i % 27)
        gender = "male" if i % 2 == 0 else "female"
        # The sequence digit's parity carries the gender (odd for men).
        idn = make_id_number("220802", born, 101 + 2 * (i % 400) + (0 if gender == "male" else 1))
        phone = f"139{i:04d}{(i * 7) % 10000:04d}"
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]
        name += "" if i < len(SURNAMES) * len(GIVEN) else str(i)
        s.member_ids.append(reg.create("party_member", {
            "name": name, "gender": gender, "birth_date": born, "join_date": date(born.year + 25, 7, 1),
            "status": "full", "phone": phone, "id_number": idn, "party_group_id": group,
            "compound_id": compounds[i % 3], "in_service": i % 5 == 0,
            "employer": "白城市人力资源和社会保障局" if i % 5 == 0 else "",
        }))
        s.member_names.append(name)
        s.member_id_numbers.append(idn)
        s.member_phones.append(phone)
    committee = reg.create("homeowner_committee", {
        "compound_id": compounds[0], "founded_on": date(2020, 5, 1),
        "term_start": date(2023, 5, 1), "term_end": date(2028, 4, 30)})
    reg.create("homeowner_committee_member", {"committee_id": committee, "name": "赵德华", "role": "主任",
                                              "is_party_member": True, "phone": "13604361111"})
    reg.create("red_property_branch", {"name": "鑫诚物业红色物业服务党支部", "property_company_id": company,
                                       "compound_id": compounds[0], "secretary_name": "周海燕",
                                       "founded_on": date(2021, 7, 1), "member_count": 7})
    unit = reg.create("resident_unit", {"name": "白城市第一中学", "kind": "school", "contact": "孙老师",
                                        "phone": "04363221234", "party_org_name": "白城市第一中学党委"})
    reg.create("part_time_member", {"name": "孙立新", "resident_unit_id": unit, "post": "党委书记",
                                    "phone": "13904365555"})

    _meetings(db, s, group)
    _appeal(db, s)
    _ledgers(db, s, compounds[0], unit)
    return s


def _meetings(db: Database, s: Sample, group_id: str) -> None:
    clock = Clock(datetime(YEAR, 3, 5, 14, 20))
    svc = MeetingService(db, now=clock)
    s.meeting_id = svc.create({
        "kind": "general_meeting", "topic": "学习贯彻全会精神暨接收预备党员表决",
        "starts_at": datetime(YEAR, 3, 5, 14, 30), "ends_at": datetime(YEAR, 3, 5, 16, 0),
        "place": "社区党群服务中心二楼会议室", "host": "王建国", "recorder": "李秀英",
        "agenda": "一、传达学习全会精神；二、表决接收预备党员。",
        "key_points": "王建国：结合社区实际抓好落实。\n李秀英：建议分小组开展专题学习。",
        "dissent": "无", "decisions": "同意接收张志强为预备党员。",
    })
    svc.add_members(s.meeting_id)
    svc.add_attendees(s.meeting_id, [Person("typed", None, "孙立新", LONG_UNIT, "党委书记")])
    attendees = svc.attendees(s.meeting_id)
    s.attendee_names = [a.name for a in attendees]
    for a in attendees[:-3]:
        svc.mark(a.id, "present")
    svc.mark(attendees[-3].id, "leave", "外出务工")
    s.workday_meeting_id = svc.create({
        "kind": "work_day", "topic": "三月社区工作日", "starts_at": datetime(YEAR, 3, 20, 8, 30),
        "place": "社区党群服务中心", "host": "王建国", "recorder": "李秀英"})
    svc.add_attendees(s.workday_meeting_id, [Person("typed", None, "钱文博", "洮北区司法局", "科员")])
    svc.create({"kind": "party_lesson", "topic": "专题党课", "starts_at": datetime(YEAR, 4, 1, 9, 0),
                "place": "社区活动室", "host": "王建国", "recorder": "李秀英"})
    s.group_meeting_id = svc.create({
        "kind": "group_meeting", "topic": "学习党章", "starts_at": datetime(YEAR, 4, 8, 19, 0),
        "place": "幸福家园活动室", "host": "王建国", "recorder": "李秀英", "party_group_id": group_id})
    svc.add_members(s.group_meeting_id, party_group_id=group_id)
    s.meeting_count = 4


def _appeal(db: Database, s: Sample) -> None:
    clock = Clock(datetime(YEAR, 3, 2, 9, 0))
    svc = AppealService(db, now=clock)
    s.appeal_phone = "13943612345"
    s.appeal_id = svc.receive({
        "channel": "hotline", "resident_name": "刘大爷", "resident_phone": s.appeal_phone,
        "address": "幸福家园1号楼2单元302", "category": "complaint",
        "content": "楼道灯长期不亮，老人夜间出行不便，多次向物业反映未解决。", "received_at": clock.now,
    }, actor="李秀英")
    clock.at(f"{YEAR}-03-02T10:00")
    svc.dispatch(s.appeal_id, "property_company", "白城市鑫诚物业服务有限公司", actor="王建国")
    clock.at(f"{YEAR}-03-02T11:00")
    svc.accept(s.appeal_id, actor="物业张经理")
    clock.at(f"{YEAR}-03-03T15:00")
    svc.add_note(s.appeal_id, "已安排电工检修，更换声控灯12盏。", actor="物业张经理")
    clock.at(f"{YEAR}-03-04T16:00")
    svc.close(s.appeal_id, "已全部更换完毕，经现场查看正常使用。", actor="物业张经理")
    clock.at(f"{YEAR}-03-05T09:00")
    svc.return_visit(s.appeal_id, "satisfied", actor="李秀英", note="居民表示满意")
    clock.at(f"{YEAR}-03-06T09:00")
    svc.archive(s.appeal_id, actor="李秀英")
    s.appeal_number = svc.get(s.appeal_id).number


def _ledgers(db: Database, s: Sample, compound_id: str, unit_id: str) -> None:
    clock = Clock(datetime(YEAR, 6, 1, 9, 0))
    ProjectService(db, now=clock).create({
        "year": YEAR, "level": "community", "secretary_name": "王建国", "title": "老旧小区楼道亮化工程",
        "problem": "楼道照明损坏，居民夜间出行不便", "measures": "协调物业与驻区单位共同出资更换声控灯",
        "team": "社区两委、物业公司"})
    with db.session() as session:
        log = ChangeLog(db, session)
        organ = Organ(name="洮北区司法局", contact="钱科长", phone="04363333333")
        organ.community_id = s.community_id
        log.created(organ)
        cadre = Cadre(organ_id=organ.id, name="钱文博", post="科员", phone="13700000001",
                      is_party_member=True)
        cadre.community_id = s.community_id
        log.created(cadre)
        cadre_id = cadre.id
    guarantees = GuaranteeService(db, now=clock)
    gid = guarantees.create({"compound_id": compound_id, "leader_name": "周国庆", "leader_post": "副局长",
                             "leader_unit": "洮北区住房和城乡建设局"})
    guarantees.set_task(gid, "committee", "done", date(YEAR, 4, 1))
    guarantees.set_task(gid, "property_company", "in_progress")
    visit = WorkdayService(db, now=clock).record({
        "month": f"{YEAR}-03", "cadre_id": cadre_id, "service": "法律咨询进社区", "party_lesson": True,
        "pairing_household": "幸福家园1号楼101户", "goods_fen": 150000,
        "arrived_at": datetime(YEAR, 3, 20, 8, 30), "left_at": datetime(YEAR, 3, 20, 11, 30)})
    WorkdayService(db, now=clock).confirm(visit, "李秀英")
    CoConstructionService(db, now=clock).create({
        "list_kind": "needs", "year": YEAR, "title": "青少年课后托管",
        "detail": "双职工家庭子女放学后无人看护",
        "status": "in_progress", "owner": "李秀英", "due_date": date(YEAR, 9, 1)}, [unit_id])
    funds = FundService(db, now=clock)
    fund = funds.create_fund({"name": "党建工作经费", "kind": "party_building", "opening_fen": 500000})
    entries = [(date(YEAR - 1, 12, 1), "income", 100000, "上年拨付"),
               (date(YEAR, 1, 10), "income", 2000000, "街道拨付党建经费"),
               (date(YEAR, 3, 5), "expense", 45050, "购买党员学习资料"),
               (date(YEAR, 7, 1), "expense", 120000, "七一主题党日活动")]
    for n, (day, direction, amount, purpose) in enumerate(entries, 1):
        funds.add_entry({"fund_id": fund, "entry_date": day, "voucher_no": f"记-{n:03d}",
                         "direction": direction, "amount_fen": amount, "purpose": purpose,
                         "handler": "李秀英"})
    this_year = [e for e in entries if e[0].year == YEAR]
    s.fund_income_fen = sum(a for _, d, a, _ in this_year if d == "income")
    s.fund_expense_fen = sum(a for _, d, a, _ in this_year if d == "expense")
    s.fund_closing_fen = 500000 + 100000 + s.fund_income_fen - s.fund_expense_fen
    training = TrainingService(db, now=clock)
    for name, hours in (("王建国", "8"), ("李秀英", "4.5")):
        training.record({"person_name": name, "post": "社区党委书记", "course": "社区党组织书记示范培训班",
                         "hours": hours, "trained_on": date(YEAR, 5, 20), "organiser": "白城市委组织部",
                         "place": "白城市委党校"})
        s.training_hours += Decimal(hours)
