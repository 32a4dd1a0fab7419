"""The dashboard's counts and to-do list, and the stats keys, against a small hand-made dataset."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.db.database import Database
from app.services.appeals import AppealService
from app.services.dashboard import DashboardCounts, DashboardService
from app.services.funds import FundService
from app.services.guarantees import TASKS, GuaranteeService
from app.services.ledger_stats import ledger_numbers
from app.services.meetings import MeetingService
from app.services.projects import ProjectService
from app.services.registry import RegistryService
from app.services.stats import collect_stats
from app.services.training import TrainingService
from app.services.workday import WorkdayService

from .conftest import Clock
from .test_guarantees_workday import organ_with_cadres

TODAY = date(2025, 9, 26)


def appeal(appeals: AppealService, clock: Clock, when: str, content: str) -> str:
    clock.set(when)
    return appeals.receive({"category": "consultation", "content": content})


@pytest.fixture
def dataset(db: Database, registry: RegistryService, clock: Clock) -> dict[str, str]:
    ids: dict[str, str] = {}
    # Registry: 2 compounds, a building party group, a homeowner committee, a red property branch.
    a = registry.create("compound", {"name": "阳光小区"})
    b = registry.create("compound", {"name": "幸福小区"})
    building = registry.create("building", {"compound_id": a, "number": "1号楼"})
    registry.create("party_group", {"name": "1号楼党小组", "kind": "building", "building_ids": [building]})
    registry.create("party_group", {"name": "退休党员党小组"})
    registry.create("homeowner_committee", {"compound_id": a})
    registry.create("red_property_branch", {"name": "鑫源物业党支部"})
    # Guarantees: both compounds, one leader; all five tasks done in one of them.
    guarantees = GuaranteeService(db, clock)
    ga = guarantees.create({"compound_id": a, "leader_name": "刘局长", "leader_unit": "住建局"})
    guarantees.create({"compound_id": b, "leader_name": "刘局长", "leader_unit": "住建局"})
    for task in TASKS:
        guarantees.set_task(ga, task, "done", date(2025, 5, 1))
    # Projects of 2025: one done, one overdue (its March and June milestones open); a closed 2024 one.
    projects = ProjectService(db, clock)
    done = projects.create({"year": 2025, "secretary_name": "张书记", "title": "加装电梯"})
    for m in projects.get(done).milestones:
        projects.complete_milestone(m.id, m.due_date)
    projects.set_status(done, "done")
    projects.create({"year": 2025, "secretary_name": "赵明", "title": "楼道整治"})
    old = projects.create({"year": 2024, "secretary_name": "张书记", "title": "旧项目"})
    projects.set_status(old, "closed")
    # Appeals.
    appeals = AppealService(db, clock)
    ids["satisfied"] = appeal(appeals, clock, "2025-08-01T09:00", "路灯不亮")
    appeals.dispatch(ids["satisfied"], "department", "城管局")
    appeals.accept(ids["satisfied"])
    appeals.close(ids["satisfied"], "已修复")
    appeals.return_visit(ids["satisfied"], "satisfied")
    appeals.archive(ids["satisfied"])
    ids["reopened"] = appeal(appeals, clock, "2025-09-22T09:00", "噪音扰民")
    appeals.dispatch(ids["reopened"], "department", "公安局")
    appeals.accept(ids["reopened"])
    appeals.close(ids["reopened"], "已劝导")
    clock.set("2025-09-26T08:00")
    appeals.return_visit(ids["reopened"], "dissatisfied")  # new deadline Wed 1 October
    ids["overdue"] = appeal(appeals, clock, "2025-09-01T09:00", "井盖缺失")
    appeals.dispatch(ids["overdue"], "property_company", "鑫源物业")  # deadline Thu 4 September
    ids["near"] = appeal(appeals, clock, "2025-09-24T09:00", "垃圾清运")
    appeals.dispatch(ids["near"], "party_group", "1号楼党小组")  # deadline Mon 29 September
    ids["new"] = appeal(appeals, clock, "2025-09-26T08:30", "咨询低保政策")
    old_appeal = appeal(appeals, clock, "2024-12-01T09:00", "去年的诉求")
    appeals.dispatch(old_appeal, "department", "民政局")
    appeals.accept(old_appeal)
    appeals.close(old_appeal, "已答复")
    # Work day: 2025 visits (one lesson, two pairings, one appeal solved, goods); one 2024 visit.
    work = WorkdayService(db, clock)
    c1, c2 = organ_with_cadres(db, registry, "市财政局", ["赵一", "钱二"])
    work.record({"month": "2025-07", "cadre_id": c1, "party_lesson": True, "pairing_household": "李大娘",
                 "goods_fen": 20000})
    work.record({"month": "2025-08", "cadre_id": c1, "pairing_household": "王大爷",
                 "appeal_id": ids["satisfied"], "goods_fen": 5050})
    work.record({"month": "2025-08", "cadre_id": c2})
    work.record({"month": "2024-08", "cadre_id": c2, "goods_fen": 1})
    # Meetings: party lessons in March and August 2025 and in 2024; no general meeting this quarter.
    meetings = MeetingService(db, clock)
    for when in (datetime(2025, 3, 5, 9), datetime(2025, 8, 1, 9), datetime(2024, 11, 1, 9)):
        meetings.create({"kind": "party_lesson", "topic": "党课", "starts_at": when})
    meetings.create({"kind": "general_meeting", "topic": "党员大会", "starts_at": datetime(2025, 6, 1, 9)})
    # Training and funds.
    training = TrainingService(db, clock)
    for person, day in (("张书记", "2025-04-01"), ("李委员", "2025-05-01"), ("张书记", "2024-05-01")):
        training.record({"person_name": person, "course": "基层党建", "hours": "2", "trained_on": day})
    funds = FundService(db, clock)
    fund = funds.create_fund({"name": "党建经费", "opening_fen": 1000})
    for day, direction, fen in (("2025-01-05", "income", 50000), ("2025-02-05", "expense", 12345)):
        funds.add_entry({"fund_id": fund, "entry_date": day, "direction": direction, "amount_fen": fen})
    clock.set("2025-09-26T09:00")
    return ids


def test_dashboard_counts(db: Database, clock: Clock, dataset: dict[str, str]) -> None:
    counts = DashboardService(db, clock).counts(2025, TODAY)
    assert counts == DashboardCounts(
        year=2025, guaranteed_compounds=2, guarantee_leaders=1, building_party_groups=1,
        homeowner_committees=1, red_property_branches=1, projects_claimed=2, projects_done=1,
        projects_overdue=1, appeals_received=5, appeals_resolved=1, appeals_overdue=1,
        satisfaction_rate=0.5, workday_cadres=2, workday_visits=3, workday_party_lessons=1, pairings=2,
        workday_appeals_solved=1, goods_fen=25050, party_lessons=2, training_attendances=2)


def test_dashboard_todo(db: Database, clock: Clock, dataset: dict[str, str]) -> None:
    todo = DashboardService(db, clock).todo(TODAY)
    assert [(t.kind, t.ref_id if t.ref_kind != "secretary_project" else t.title, t.due, t.overdue)
            for t in todo] == [
        ("appeal_overdue", dataset["overdue"], date(2025, 9, 4), True),
        ("appeal_near_due", dataset["near"], date(2025, 9, 29), False),
        ("milestone_due", "年初建账", date(2025, 3, 31), True),
        ("milestone_due", "年中查账", date(2025, 6, 30), True),
        ("meeting_missing", "general_meeting", None, False),
    ]
    assert todo[0].title.endswith("井盖缺失")
    assert {t.context for t in todo if t.kind == "milestone_due"} == {"楼道整治"}


KEYS = ("meetings", "party_lessons", "secretary_projects", "secretary_projects_done", "appeals_received",
        "appeals_resolved", "appeals_overdue", "appeal_satisfaction_rate", "guaranteed_compounds",
        "workday_cadre_visits", "workday_goods_fen", "funds_balance_fen", "training_attendances")


def test_stats_keys(db: Database, clock: Clock, registry: RegistryService,
                    dataset: dict[str, str]) -> None:
    with db.session() as session:
        numbers = ledger_numbers(session, registry.community_id, TODAY)
    assert {k: numbers[k] for k in KEYS} == {
        "meetings": 4, "party_lessons": 3, "secretary_projects": 3, "secretary_projects_done": 1,
        "appeals_received": 6, "appeals_resolved": 2, "appeals_overdue": 1,
        "appeal_satisfaction_rate": 0.5, "guaranteed_compounds": 2, "workday_cadre_visits": 4,
        "workday_goods_fen": 25051, "funds_balance_fen": 1000 + 50000 - 12345, "training_attendances": 3}
    # The command line's stats use the real date: by now every open appeal is overdue.
    stats = collect_stats(db, registry.community_id)
    assert set(KEYS) <= set(stats)
    assert stats["appeals_overdue"] == 3
    assert stats["funds_balance_fen"] == numbers["funds_balance_fen"]
    assert collect_stats(db, None)["appeals_received"] == 6


def test_every_ledger_write_is_queued(db: Database, dataset: dict[str, str]) -> None:
    """Every ledger record the services wrote has its changes in the outbox, the latest last."""
    from sqlalchemy import text

    from app.models.ledgers import LEDGER_MODELS

    with db.engine.connect() as conn:
        for model in LEDGER_MODELS:
            table = model.__table__.name  # type: ignore[attr-defined]
            rows = conn.execute(text(f"SELECT id, hlc FROM {table}")).all()
            latest: dict[str, str] = dict(conn.execute(text(
                "SELECT record_id, max(hlc) FROM outbox WHERE table_name = :t GROUP BY record_id"),
                {"t": table}).all())
            assert {r[0]: r[1] for r in rows} == latest, table


def test_monthly_figures(db: Database, clock: Clock, dataset: dict[str, str]) -> None:
    months = DashboardService(db, clock).monthly(2025)
    assert [m.month for m in months] == list(range(1, 13))
    figures = {m.month: (m.appeals_received, m.appeals_resolved, m.meetings, m.workday_visits,
                         m.training_attendances) for m in months}
    assert figures[8] == (1, 1, 1, 2, 0)  # the archived appeal, a party lesson, two visits
    assert figures[9] == (4, 0, 0, 0, 0)  # the reopened appeal no longer counts as resolved
    assert figures[3] == (0, 0, 1, 0, 0)
    assert figures[6] == (0, 0, 1, 0, 0)
    assert figures[7] == (0, 0, 0, 1, 0)
    assert (figures[4], figures[5]) == ((0, 0, 0, 0, 1), (0, 0, 0, 0, 1))
    assert sum(m.appeals_received for m in months) == 5
