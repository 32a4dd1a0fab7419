"""Secretary projects: milestones, derived progress and status, the board, the missing-project check."""

from __future__ import annotations

from datetime import date

import pytest

from app.db.database import Database
from app.services.errors import DomainError, ValidationError
from app.services.projects import ProjectService
from app.services.registry import RegistryService

from .conftest import Clock


@pytest.fixture
def projects(db: Database, registry: RegistryService, clock: Clock) -> ProjectService:
    return ProjectService(db, clock)


def claim(projects: ProjectService, **values: object) -> str:
    return projects.create({"year": 2025, "secretary_name": "张书记", "title": "老旧小区加装电梯",
                            "problem": "老人上下楼难", "measures": "协调资金", **values})


def test_progress_and_status_follow_milestones(projects: ProjectService) -> None:
    pid = claim(projects)
    view = projects.get(pid, date(2025, 3, 1))
    assert [(m.stage, m.due_date) for m in view.milestones] == [
        ("open", date(2025, 3, 31)), ("midyear", date(2025, 6, 30)), ("delivery", date(2025, 12, 31))]
    assert (view.status, view.progress) == ("claimed", 0)
    # Past the first milestone without completing it: overdue (derived, not stored).
    view = projects.get(pid, date(2025, 4, 1))
    assert (view.stored_status, view.status) == ("claimed", "overdue")
    projects.complete_milestone(view.milestones[0].id, date(2025, 4, 2))
    view = projects.get(pid, date(2025, 4, 3))
    assert (view.stored_status, view.status, view.progress) == ("in_progress", "in_progress", 33)
    with pytest.raises(DomainError) as exc:
        projects.set_status(pid, "done")
    assert exc.value.code == "milestones_open"
    assert exc.value.params == {"count": 2}
    for m in view.milestones[1:]:
        projects.complete_milestone(m.id)
    projects.set_status(pid, "done")
    view = projects.get(pid, date(2026, 1, 1))
    assert (view.status, view.progress) == ("done", 100)


def test_board_places_milestones_by_month(projects: ProjectService) -> None:
    a = claim(projects, title="项目甲")
    b = claim(projects, title="项目乙", secretary_name="李书记")
    projects.add_milestone(b, {"stage": "other", "title": "完成摸排", "due_date": "2025-05-15"})
    projects.complete_milestone(projects.get(a).milestones[0].id, date(2025, 3, 20))
    board = projects.board(2025, date(2025, 7, 1))
    assert board.months == tuple(range(1, 13))
    rows = {r.title: r for r in board.rows}
    assert sorted(rows["项目乙"].cells) == [3, 5, 6, 12]
    assert [m.title for m in rows["项目乙"].cells[5]] == ["完成摸排"]
    assert rows["项目乙"].cells[5][0].overdue
    assert not rows["项目甲"].cells[3][0].overdue  # done
    assert rows["项目甲"].cells[6][0].overdue
    # 甲: June; 乙: March, May, June.
    assert board.overdue_milestones == 4
    assert rows["项目甲"].status == "overdue" and rows["项目甲"].progress == 33


def test_secretaries_without_a_project(projects: ProjectService, registry: RegistryService) -> None:
    group = registry.create("party_group", {"name": "阳光小区党小组", "leader_name": "赵明"})
    school = registry.create("resident_unit", {"name": "白城市第一中学", "kind": "school",
                                               "party_org_name": "第一中学党支部", "contact": "孙校长"})
    registry.create("resident_unit", {"name": "白城市中心医院", "kind": "hospital",
                                      "party_org_name": "中心医院党委", "contact": "周院长"})
    registry.create("resident_unit", {"name": "便利店", "kind": "enterprise"})
    # The community's secretary and the two units with a party organisation are expected to claim.
    assert [s.level for s in projects.secretaries()] == ["community", "resident_unit", "resident_unit"]
    claim(projects)
    claim(projects, level="party_group", party_group_id=group, secretary_name="赵明", title="楼道整治")
    claim(projects, level="resident_unit", resident_unit_id=school, secretary_name="孙校长", year=2024)
    missing = projects.secretaries_without_project(2025)
    assert [(s.level, s.name, s.org) for s in missing] == [
        ("resident_unit", "孙校长", "第一中学党支部"), ("resident_unit", "周院长", "中心医院党委")]
    assert [s.name for s in projects.secretaries_without_project(2024)] == ["", "周院长"]
    with pytest.raises(ValidationError) as exc:
        claim(projects, level="party_group")
    assert exc.value.codes() == {"party_group_id": "required"}


def test_evaluations_and_counts(projects: ProjectService) -> None:
    pid = claim(projects)
    projects.add_evaluation(pid, {"method": "on_site_check", "evaluated_on": "2025-06-20",
                                  "notes": "进展顺利", "satisfaction": "96.5"})
    with pytest.raises(ValidationError) as exc:
        projects.add_evaluation(pid, {"method": "phone", "evaluated_on": "2025-06-20", "satisfaction": "101"})
    assert exc.value.codes() == {"method": "bad_choice", "satisfaction": "too_large"}
    evals = projects.evaluations(pid)
    assert [(e["method"], str(e["satisfaction"])) for e in evals] == [("on_site_check", "96.5")]
    claim(projects, title="另一个项目")
    counts = projects.counts(2025, date(2025, 4, 1))
    assert (counts.claimed, counts.done, counts.overdue) == (2, 0, 2)
    due = projects.milestones_due(date(2025, 3, 20), within_days=14)
    assert [m.title for m in due] == ["年初建账", "年初建账"]
    projects.delete(pid)
    assert projects.counts(2025).claimed == 1
