"""Ledger reports of the work: meetings, secretary projects, appeals, the five guarantees,
the community work day, the co-construction lists, funds and training.

Derived figures (attendance counts, project status and progress, running balances, the
guarantee matrix, work-day summaries, appeal rates) come from the ledger services, so paper
and screen always agree; the free texts they do not carry are read from the records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from app.db.collation import by_pinyin, sort_key
from app.db.database import Database
from app.models.scope import live_in
from app.printing.base import Column, PrintOptions, fmt_date, fmt_decimal, fmt_fen, fmt_phone
from app.printing.labels import (
    APPEAL_CATEGORIES,
    APPEAL_CHANNELS,
    APPEAL_STATES,
    COBUILD_LISTS,
    COBUILD_STATUS,
    FUND_KINDS,
    GUARANTEE_TASKS,
    MEETING_KINDS,
    MILESTONE_STAGES,
    PROJECT_STATUS,
    SECRETARY_LEVELS,
    SERIAL,
    TASK_STATUS,
    TOTAL,
    VISIT_RESULTS,
)
from app.printing.ledgers import LedgerKind, LedgerTable, snapshot_period, year_period


def _community_id(db: Database) -> str:
    from app.services.errors import DomainError

    cid = db.community_id
    if cid is None:
        raise DomainError("no_community")
    return cid


def _year(year: int | None, options: PrintOptions) -> int:
    return year or options.date.year


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _serial(rows: Iterable[list[str]]) -> list[list[str]]:
    return [[str(n)] + row for n, row in enumerate(rows, 1)]


def _total(columns: list[Column], first: str, **cells: str) -> list[str]:
    """A totals row: 合计 under 序号, ``first`` in the next column, then cells by column header."""
    row = [TOTAL, first] + [""] * (len(columns) - 2)
    headers = [c.header for c in columns]
    for header, value in cells.items():
        row[headers.index(header)] = value
    return row


# --- meetings ---------------------------------------------------------------------------

MEETING_COLUMNS = [
    Column(SERIAL, 0.6, "CENTER"),
    Column("时间", 1.6, "CENTER"),
    Column("类型", 1.4, "CENTER"),
    Column("主题", 3.6),
    Column("地点", 2.2),
    Column("主持人", 1.0, "CENTER"),
    Column("记录人", 1.0, "CENTER"),
    Column("应到", 0.7, "RIGHT"),
    Column("实到", 0.7, "RIGHT"),
    Column("缺席", 0.7, "RIGHT"),
]


def meetings_table(db: Database, year: int | None, options: PrintOptions) -> list[LedgerTable]:
    from app.models.ledgers import Meeting
    from app.services.ledger_common import year_bounds
    from app.services.meetings import MeetingService

    y = _year(year, options)
    start, end = year_bounds(y)
    cid = _community_id(db)
    with db.session() as session:
        meetings = session.scalars(select(Meeting).where(
            live_in(Meeting, cid), Meeting.starts_at >= start, Meeting.starts_at < end)
            .order_by(Meeting.starts_at, by_pinyin(Meeting.topic))).all()
    counts = MeetingService(db).counts_many([m.id for m in meetings]) if meetings else {}
    rows: list[list[str]] = []
    sums = [0, 0, 0]
    for m in meetings:
        c = counts.get(m.id)
        figures = (c.expected, c.present, c.absent) if c else (0, 0, 0)
        sums = [a + b for a, b in zip(sums, figures, strict=True)]
        rows.append([fmt_date(m.starts_at), MEETING_KINDS.get(m.kind, m.kind), m.topic, m.place, m.host,
                     m.recorder] + [str(f) for f in figures])
    by_kind = Counter(m.kind for m in meetings)
    note = "其中：" + "，".join(f"{MEETING_KINDS.get(k, k)} {by_kind[k]} 次"
                               for k in MEETING_KINDS if by_kind[k]) if meetings else ""
    total = _total(MEETING_COLUMNS, f"共 {len(meetings)} 次", 应到=str(sums[0]), 实到=str(sums[1]),
                   缺席=str(sums[2]))
    return [LedgerTable("会议活动台账（三会一课）", MEETING_COLUMNS, _serial(rows), year_period(y),
                        totals=[total], notes=[note] if note else [])]


# --- secretary projects -----------------------------------------------------------------

PROJECT_COLUMNS = [
    Column(SERIAL, 0.5, "CENTER"),
    Column("项目名称", 2.0),
    Column("领办书记", 1.1, "CENTER"),
    Column("拟解决问题", 2.3),
    Column("措施", 2.5),
    Column("成员", 1.3),
    Column("节点", 2.2, "CENTER"),
    Column("进展", 0.7, "CENTER"),
    Column("状态", 0.8, "CENTER"),
    Column("反馈/销号", 1.5),
    Column("成效", 1.7),
]


def projects_table(db: Database, year: int | None, options: PrintOptions) -> list[LedgerTable]:
    from app.models.ledgers import SecretaryProject
    from app.services.projects import ProjectService

    y = _year(year, options)
    views = ProjectService(db).projects(y, today=options.date)
    with db.session() as session:
        texts = {p.id: p for p in session.scalars(select(SecretaryProject).where(
            SecretaryProject.id.in_([v.id for v in views])))} if views else {}
    rows: list[list[str]] = []
    for v in views:
        p = texts.get(v.id)
        stages = "\n".join(
            f"{MILESTONE_STAGES.get(ms.stage, '节点') if ms.stage != 'other' else ms.title} "
            f"{ms.due_date:%m-%d} " + ("已完成" if ms.done_on else "逾期" if ms.overdue else "未完成")
            for ms in v.milestones)
        level = SECRETARY_LEVELS.get(v.level, "")
        rows.append([
            v.title, f"{v.secretary_name}（{level}）" if level else v.secretary_name,
            p.problem if p else "", p.measures if p else "", p.team if p else "", stages,
            f"{v.progress}%", PROJECT_STATUS.get(v.status, v.status),
            p.feedback if p else "", p.outcome if p else "",
        ])
    status = Counter(v.status for v in views)
    summary = "，".join(f"{PROJECT_STATUS[s]} {status[s]}" for s in PROJECT_STATUS if status[s])
    total = _total(PROJECT_COLUMNS, f"共 {len(views)} 项", 状态=summary)
    return [LedgerTable("书记项目台账", PROJECT_COLUMNS, _serial(rows), year_period(y), totals=[total])]


# --- appeals ----------------------------------------------------------------------------

APPEAL_COLUMNS = [
    Column(SERIAL, 0.5, "CENTER"),
    Column("编号", 1.1, "CENTER"),
    Column("受理时间", 1.4, "CENTER"),
    Column("渠道", 0.9, "CENTER"),
    Column("类别", 0.6, "CENTER"),
    Column("诉求人", 0.9, "CENTER"),
    Column("联系电话", 1.2, "CENTER"),
    Column("诉求内容", 3.4),
    Column("承办单位", 1.8),
    Column("办理时限", 1.1, "CENTER"),
    Column("状态", 0.8, "CENTER"),
    Column("回访", 0.9, "CENTER"),
]


def appeals_table(db: Database, year: int | None, options: PrintOptions) -> list[LedgerTable]:
    from app.models.ledgers import Appeal
    from app.services.appeals import AppealService
    from app.services.ledger_common import year_bounds

    y = _year(year, options)
    start, end = year_bounds(y)
    cid = _community_id(db)
    with db.session() as session:
        appeals = session.scalars(select(Appeal).where(
            live_in(Appeal, cid), Appeal.received_at >= start, Appeal.received_at < end)
            .order_by(Appeal.received_at, Appeal.number)).all()
    rows = [[
        a.number, fmt_date(a.received_at), APPEAL_CHANNELS.get(a.channel, a.channel),
        APPEAL_CATEGORIES.get(a.category, a.category), a.resident_name,
        fmt_phone(a.resident_phone, options), a.content, a.assignee_name, fmt_date(a.deadline),
        APPEAL_STATES.get(a.state, a.state), VISIT_RESULTS.get(a.visit_result or "", ""),
    ] for a in appeals]
    r = AppealService(db).rates(start, end)
    total = _total(APPEAL_COLUMNS, f"共 {r.received} 件", 状态=f"办结 {r.resolved}")
    note = (f"响应率 {_percent(r.response_rate)}，解决率 {_percent(r.resolution_rate)}，"
            f"按时办结率 {_percent(r.on_time_rate)}，满意率 {_percent(r.satisfaction_rate)}"
            f"（回访 {r.visited} 件，满意及基本满意 {r.satisfied} 件）")
    return [LedgerTable("民生诉求台账", APPEAL_COLUMNS, _serial(rows), year_period(y),
                        totals=[total], notes=[note])]


# --- the five guarantees ----------------------------------------------------------------


def guarantees_table(db: Database, _year_: int | None, options: PrintOptions) -> list[LedgerTable]:
    from app.services.guarantees import GuaranteeService

    matrix = GuaranteeService(db).matrix()
    columns = [Column(SERIAL, 0.5, "CENTER"), Column("小区", 1.8), Column("包保领导", 1.0, "CENTER"),
               Column("职务", 1.4), Column("单位", 1.8)]
    columns += [Column(label, 1.1, "CENTER") for label in GUARANTEE_TASKS.values()]
    columns.append(Column("完成项数", 0.8, "CENTER"))
    rows: list[list[str]] = []
    for r in matrix.rows:
        cells = []
        for task in GUARANTEE_TASKS:
            cell = r.tasks.get(task)
            if cell is None:
                cells.append("")
                continue
            text = TASK_STATUS.get(cell.status, cell.status)
            if cell.done_on:
                text += f"\n{fmt_date(cell.done_on)}"
            cells.append(text)
        rows.append([r.compound_name, r.leader_name, r.leader_post, r.leader_unit] + cells
                    + [f"{r.done_count}/{len(GUARANTEE_TASKS)}"])
    total = [TOTAL, f"共 {matrix.compounds} 个小区", f"{matrix.leaders} 人", "", ""]
    total += [f"完成 {matrix.totals.get(task, {}).get('done', 0)}" for task in GUARANTEE_TASKS]
    total.append(f"全部完成 {matrix.all_done}")
    return [LedgerTable("小区管理包保（五包保）台账", columns, _serial(rows), snapshot_period(options),
                        totals=[total])]


# --- community work day -----------------------------------------------------------------

WORKDAY_COLUMNS = [
    Column(SERIAL, 0.5, "CENTER"),
    Column("月份", 0.8, "CENTER"),
    Column("单位", 2.0),
    Column("姓名", 0.9, "CENTER"),
    Column("到达", 0.7, "CENTER"),
    Column("离开", 0.7, "CENTER"),
    Column("服务内容", 2.4),
    Column("送党课", 0.7, "CENTER"),
    Column("结对帮扶", 1.4),
    Column("解决诉求", 1.1, "CENTER"),
    Column("物资（元）", 1.2, "RIGHT"),
    Column("社区确认", 0.9, "CENTER"),
]

WORKDAY_SUMMARY_COLUMNS = [
    Column(SERIAL, 0.5, "CENTER"),
    Column("单位", 3.0),
    Column("到岗人次", 1.0, "RIGHT"),
    Column("干部人数", 1.0, "RIGHT"),
    Column("送党课", 1.0, "RIGHT"),
    Column("结对帮扶", 1.0, "RIGHT"),
    Column("解决诉求", 1.0, "RIGHT"),
    Column("物资（元）", 1.4, "RIGHT"),
    Column("社区确认", 1.0, "RIGHT"),
]


def _clock(value: datetime | None) -> str:
    return f"{value:%H:%M}" if value else ""


def workday_tables(db: Database, year: int | None, options: PrintOptions) -> list[LedgerTable]:
    from app.models.ledgers import Appeal, Cadre, Organ, WorkdayVisit
    from app.services.workday import WorkdayService

    y = _year(year, options)
    cid = _community_id(db)
    with db.session() as session:
        visits = session.execute(
            select(WorkdayVisit, Organ.name, Cadre.name, Appeal.number)
            .outerjoin(Organ, Organ.id == WorkdayVisit.organ_id)
            .outerjoin(Cadre, Cadre.id == WorkdayVisit.cadre_id)
            .outerjoin(Appeal, Appeal.id == WorkdayVisit.appeal_id)
            .where(live_in(WorkdayVisit, cid), WorkdayVisit.month.startswith(f"{y}-"))
            .order_by(WorkdayVisit.month, by_pinyin(Organ.name), by_pinyin(Cadre.name))).all()
    rows: list[list[str]] = []
    lessons = pairings = solved = goods = 0
    for v, organ, cadre, appeal_no in visits:
        lessons += v.party_lesson
        pairings += bool(v.pairing_household)
        solved += bool(v.appeal_id)
        goods += v.goods_fen
        rows.append([
            v.month, organ or "", cadre or "", _clock(v.arrived_at), _clock(v.left_at), v.service,
            "是" if v.party_lesson else "", v.pairing_household, appeal_no or "",
            fmt_fen(v.goods_fen) if v.goods_fen else "", (v.confirmed_by or "已确认") if v.confirmed else "",
        ])
    total = _total(WORKDAY_COLUMNS, f"共 {len(visits)} 人次", 送党课=str(lessons), 结对帮扶=f"{pairings} 户",
                   解决诉求=f"{solved} 件", **{"物资（元）": fmt_fen(goods)})
    detail = LedgerTable("社区工作日台账", WORKDAY_COLUMNS, _serial(rows), year_period(y), totals=[total])
    summary = WorkdayService(db).year_summary(y)
    srows = [[s.organ_name, str(s.visits), str(s.cadres), str(s.party_lessons), str(s.pairings),
              str(s.appeals_solved), fmt_fen(s.goods_fen), str(s.confirmed)] for s in summary]
    stotal = [TOTAL, f"共 {len(summary)} 个单位", str(sum(s.visits for s in summary)),
              str(sum(s.cadres for s in summary)), str(sum(s.party_lessons for s in summary)),
              str(sum(s.pairings for s in summary)), str(sum(s.appeals_solved for s in summary)),
              fmt_fen(sum(s.goods_fen for s in summary)), str(sum(s.confirmed for s in summary))]
    by_organ = LedgerTable("社区工作日分单位汇总", WORKDAY_SUMMARY_COLUMNS, _serial(srows), year_period(y),
                           totals=[stotal], notes=["按季度反馈干部所在单位。"])
    return [detail, by_organ]


# --- co-construction lists --------------------------------------------------------------

COBUILD_COLUMNS = [
    Column(SERIAL, 0.5, "CENTER"),
    Column("清单", 1.0, "CENTER"),
    Column("事项", 2.4),
    Column("具体内容", 3.6),
    Column("共建单位", 2.6),
    Column("责任人", 1.0, "CENTER"),
    Column("完成时限", 1.1, "CENTER"),
    Column("状态", 0.9, "CENTER"),
]


def cobuild_table(db: Database, year: int | None, options: PrintOptions) -> list[LedgerTable]:
    from app.models.ledgers import CoBuildItem
    from app.services.coconstruction import CoConstructionService

    y = _year(year, options)
    order = {k: i for i, k in enumerate(COBUILD_LISTS)}
    items = sorted(CoConstructionService(db).items(year=y),
                   key=lambda i: (order.get(i.list_kind, 99), sort_key(i.title)))
    with db.session() as session:
        details: dict[str, str] = {}
        if items:
            details.update((item_id, detail) for item_id, detail in session.execute(
                select(CoBuildItem.id, CoBuildItem.detail).where(CoBuildItem.id.in_([i.id for i in items]))))
    rows = [[COBUILD_LISTS.get(i.list_kind, i.list_kind), i.title, details.get(i.id, ""),
             "、".join(i.unit_names), i.owner, fmt_date(i.due_date),
             COBUILD_STATUS.get(i.status, i.status)] for i in items]
    per_list = Counter(i.list_kind for i in items)
    summary = "，".join(f"{label} {per_list[k]} 项" for k, label in COBUILD_LISTS.items())
    done = sum(1 for i in items if i.status == "done")
    total = _total(COBUILD_COLUMNS, f"共 {len(items)} 项", 状态=f"完成 {done}")
    return [LedgerTable("区域共建四项清单", COBUILD_COLUMNS, _serial(rows), year_period(y),
                        totals=[total], notes=[summary])]


# --- funds ------------------------------------------------------------------------------

FUND_COLUMNS = [
    Column(SERIAL, 0.5, "CENTER"),
    Column("日期", 1.1, "CENTER"),
    Column("凭证号", 1.0, "CENTER"),
    Column("摘要", 4.0),
    Column("收入（元）", 1.3, "RIGHT"),
    Column("支出（元）", 1.3, "RIGHT"),
    Column("余额（元）", 1.4, "RIGHT"),
    Column("经办人", 1.0, "CENTER"),
]


def funds_tables(db: Database, year: int | None, options: PrintOptions) -> list[LedgerTable]:
    from app.services.funds import FundService

    y = _year(year, options)
    svc = FundService(db)
    tables: list[LedgerTable] = []
    for fund in svc.funds():
        ledger = svc.ledger(fund.fund_id, y)
        rows = [["", f"{y}-01-01", "", "上年结转", "", "", fmt_fen(ledger.opening_fen), ""]]
        for n, r in enumerate(ledger.rows, 1):
            income = r.direction == "income"
            rows.append([str(n), fmt_date(r.entry_date), r.voucher_no, r.purpose,
                         fmt_fen(r.amount_fen) if income else "", "" if income else fmt_fen(r.amount_fen),
                         fmt_fen(r.balance_fen), r.handler])
        totals = [[TOTAL, "", "", f"本年合计（{len(ledger.rows)} 笔）", fmt_fen(ledger.income_fen),
                   fmt_fen(ledger.expense_fen), fmt_fen(ledger.closing_fen), ""]]
        kind = FUND_KINDS.get(fund.kind, "")
        title = f"经费台账：{fund.name}" + (f"（{kind}）" if kind and kind != fund.name else "")
        tables.append(LedgerTable(title, FUND_COLUMNS, rows, year_period(y), totals=totals,
                                  count=len(ledger.rows)))
    if not tables:
        tables.append(LedgerTable("经费台账", FUND_COLUMNS, [], year_period(y)))
    return tables


# --- training ---------------------------------------------------------------------------

TRAINING_COLUMNS = [
    Column(SERIAL, 0.5, "CENTER"),
    Column("姓名", 1.0, "CENTER"),
    Column("职务", 1.8),
    Column("培训内容", 3.6),
    Column("学时", 0.7, "RIGHT"),
    Column("培训日期", 1.1, "CENTER"),
    Column("组织单位", 2.2),
    Column("地点", 1.8),
]


def training_table(db: Database, year: int | None, options: PrintOptions) -> list[LedgerTable]:
    from app.models.ledgers import TrainingRecord

    y = _year(year, options)
    cid = _community_id(db)
    with db.session() as session:
        records = session.scalars(select(TrainingRecord).where(
            live_in(TrainingRecord, cid), TrainingRecord.trained_on >= date(y, 1, 1),
            TrainingRecord.trained_on < date(y + 1, 1, 1))
            .order_by(TrainingRecord.trained_on, by_pinyin(TrainingRecord.course),
                      by_pinyin(TrainingRecord.person_name))).all()
    hours = sum((r.hours for r in records), Decimal(0))
    rows = [[r.person_name, r.post, r.course, fmt_decimal(r.hours, 1), fmt_date(r.trained_on), r.organiser,
             r.place] for r in records]
    people = len({r.person_name for r in records})
    total = _total(TRAINING_COLUMNS, f"{len(records)} 人次", 职务=f"{people} 人", 学时=fmt_decimal(hours, 1))
    return [LedgerTable("培训台账", TRAINING_COLUMNS, _serial(rows), year_period(y), totals=[total])]


# --- the community's brand --------------------------------------------------------------

BRAND_LEVELS = {"none": "尚未认定", "street": "街道级", "district": "区级", "city": "市级",
                "province": "省级", "national": "国家级"}
BRAND_TITLE = "社区品牌（一区一品一特色）台账"
BRAND_COLUMNS = [
    Column(SERIAL, 0.5, "CENTER"),
    Column("品牌名称", 1.8),
    Column("创建年份", 0.8, "CENTER"),
    Column("品牌简介", 5.0),
    Column("认定级别", 0.9, "CENTER"),
    Column("认定情况", 2.4),
    Column("认定年份", 0.8, "CENTER"),
]


def brands_table(db: Database, year: int | None, options: PrintOptions) -> list[LedgerTable]:
    """The community's brands (一区一品一特色) as they stand; in a year's book, those begun by then."""
    from app.services.brands import community_brands

    brands = community_brands(db, _community_id(db), by_year=year)
    rows = [[b.name, str(b.founded_year), b.description, BRAND_LEVELS.get(b.level, b.level), b.recognition,
             str(b.recognised_year) if b.recognised_year else ""] for b in brands]
    recognised = sum(1 for b in brands if b.recognised)
    total = _total(BRAND_COLUMNS, f"{len(brands)} 个", 认定情况=f"已认定 {recognised} 个")
    period = year_period(year) if year is not None else snapshot_period(options)
    return [LedgerTable(BRAND_TITLE, BRAND_COLUMNS, _serial(rows), period, totals=[total])]


WORK_KINDS: list[LedgerKind] = [
    LedgerKind("meeting", "会议活动台账（三会一课）", meetings_table, yearly=True),
    LedgerKind("secretary_project", "书记项目台账", projects_table, yearly=True),
    LedgerKind("appeal", "民生诉求台账", appeals_table, yearly=True, personal_data=True),
    LedgerKind("guarantee", "小区管理包保（五包保）台账", guarantees_table),
    LedgerKind("workday", "社区工作日台账", workday_tables, yearly=True),
    LedgerKind("cobuild", "区域共建四项清单", cobuild_table, yearly=True),
    LedgerKind("fund", "经费台账", funds_tables, yearly=True),
    LedgerKind("training", "培训台账", training_table, yearly=True),
    LedgerKind("brand", BRAND_TITLE, brands_table),
]
