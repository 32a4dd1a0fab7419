"""Livelihood projects (民生实事): the problems solved derived from a community's links against
hand-computed values, refusals with their codes changing nothing, the stats keys and the demo."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.db.database import Database
from app.models import OutboxEntry, new_id
from app.models.ledgers import Appeal, SecretaryProject
from app.services.errors import DomainError, NotFoundError, ValidationError
from app.services.livelihood import LivelihoodService, livelihood_numbers, parse_month
from app.services.registry import RegistryService
from app.services.stats import LABELS, collect_stats
from app.sync.apply import Applier
from app.sync.changes import ChangeLog

YEAR = date.today().year


def receive(db: Database, number: int, title: str, year: int = YEAR) -> str:
    record = new_id()
    fields = {"year": year, "number": number, "title": title, "description": "", "lead_unit": "市民政局",
              "published_at": "2026-01-10T09:00:00.000000", "publisher": "市委组织部", "community_id": "city"}
    change = {"id": new_id(), "table": "livelihood_project", "record": record, "community": "city",
              "op": "upsert", "hlc": "1764000000000-00000-city0123456789", "fields": fields}
    with db.session() as session:
        assert not Applier(session, package_id=new_id(), local_node=db.node_id).apply([change]).rejected
    return record


def appeal(db: Database, state: str, community_id: str | None = None) -> str:
    with db.session() as session:
        row = Appeal(number=new_id()[:8], received_at=datetime(YEAR, 2, 1), category="help", state=state)
        row.community_id = community_id or str(db.community_id)
        ChangeLog(db, session).created(row)
        return row.id


def project(db: Database, status: str) -> str:
    with db.session() as session:
        row = SecretaryProject(year=YEAR, secretary_name="张书记", title=f"项目{status}", status=status)
        row.community_id = str(db.community_id)
        ChangeLog(db, session).created(row)
        return row.id


def queued(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxEntry)) or 0)


@pytest.fixture
def service(db: Database, registry: RegistryService) -> LivelihoodService:
    return LivelihoodService(db)


def test_the_problems_solved_are_the_resolved_appeals_and_finished_projects_linked(
        db: Database, service: LivelihoodService) -> None:
    first, second = receive(db, 1, "老旧小区改造"), receive(db, 2, "居家养老服务")
    earlier = receive(db, 1, "去年的实事", YEAR - 1)
    states = {s: appeal(db, s) for s in ("closed", "visited", "archived", "handling", "received")}
    done, closed, going = project(db, "done"), project(db, "closed"), project(db, "in_progress")
    for state in ("closed", "visited", "handling"):
        service.link(first, appeal_id=states[state])
    service.link(first, secretary_project_id=done)
    service.link(first, secretary_project_id=going)
    # The same appeal under two projects is one problem solved.
    service.link(second, appeal_id=states["closed"])
    service.link(second, appeal_id=states["received"])
    service.link(earlier, appeal_id=states["archived"])
    service.link(earlier, secretary_project_id=closed)

    # This year: closed + visited appeals, the done project = 3; the earlier year: archived + closed = 2.
    assert service.solved(YEAR) == 3
    assert service.solved(YEAR - 1) == 2
    assert service.solved() == 5
    parts = {p.title: p for p in service.parts(YEAR)}
    assert [p.number for p in service.parts(YEAR)] == [1, 2]
    assert parts["老旧小区改造"].solved == 3 and parts["居家养老服务"].solved == 1
    with db.session() as session:
        assert livelihood_numbers(session, db.community_id, date(YEAR, 6, 1)) == {
            "livelihood_projects": 2, "livelihood_problems_solved": 5}

    # An appeal resolved later counts from then on; a deleted one or a removed link no longer counts.
    with db.session() as session:
        row = session.get(Appeal, states["handling"])
        assert row is not None
        ChangeLog(db, session).updated(row, {"state": "closed"})
    assert service.solved(YEAR) == 4
    with db.session() as session:
        row = session.get(Appeal, states["visited"])
        assert row is not None
        ChangeLog(db, session).deleted(row)
    assert service.solved(YEAR) == 3
    link = next(x for x in service.part(first).links if x.record_id == done)
    service.unlink(link.id)
    assert service.solved(YEAR) == 2
    figures = collect_stats(db, db.community_id)
    assert (figures["livelihood_projects"], figures["livelihood_problems_solved"]) == (2, 4)
    assert LABELS["livelihood_problems_solved"] == "解决民生难题"


def test_the_part_keeps_its_figures_and_a_month_once(db: Database, service: LivelihoodService) -> None:
    project_id = receive(db, 1, "老旧小区改造")
    service.save_part(project_id, {"work": "外墙保温", "beneficiaries": "1,200", "funds_fen": "35000.5"})
    service.add_progress(project_id, {"month": "2026/3", "percent": "30"})
    service.add_progress(project_id, {"month": "2026-03", "percent": "35", "note": "已开工"})
    service.add_progress(project_id, {"month": "2026年5月", "note": "主体完工"})
    view = service.part(project_id)
    assert (view.work, view.beneficiaries, view.funds_fen) == ("外墙保温", 1200, 3_500_050)
    assert [(p.month, p.percent, p.note) for p in view.progress] == [
        ("2026-03", 35, "已开工"), ("2026-05", None, "主体完工")]
    assert view.latest_percent == 35
    assert parse_month(" 2026.12 ") == "2026-12"


@pytest.mark.parametrize(("call", "expected"), [
    (lambda s, p, a: s.save_part(p, {"beneficiaries": "-1"}), {"beneficiaries": "too_small"}),
    (lambda s, p, a: s.save_part(p, {"beneficiaries": "很多"}), {"beneficiaries": "not_integer"}),
    (lambda s, p, a: s.save_part(p, {"funds_fen": "12.345"}), {"funds_fen": "bad_money"}),
    (lambda s, p, a: s.save_part(p, {"funds_fen": "100000001"}), {"funds_fen": "too_large"}),
    (lambda s, p, a: s.add_progress(p, {"month": "2026-13", "percent": "10"}), {"month": "bad_month"}),
    (lambda s, p, a: s.add_progress(p, {"month": "三月", "percent": "10"}), {"month": "bad_month"}),
    (lambda s, p, a: s.add_progress(p, {"month": "2026-03", "percent": "101"}), {"percent": "too_large"}),
    (lambda s, p, a: s.add_progress(p, {"month": "2026-03"}), {"percent": "progress_empty"}),
    (lambda s, p, a: s.link(p, appeal_id=a, secretary_project_id=a), {"link": "link_one"}),
    (lambda s, p, a: s.link(p), {"link": "link_one"}),
    (lambda s, p, a: s.link(p, appeal_id="no-such-appeal"), {"appeal_id": "ref_missing"}),
])
def test_bad_input_is_refused_and_changes_nothing(
        db: Database, service: LivelihoodService, call: object, expected: dict[str, str]) -> None:
    project_id, appeal_id = receive(db, 1, "老旧小区改造"), appeal(db, "closed")
    before = queued(db)
    with pytest.raises(ValidationError) as refused:
        call(service, project_id, appeal_id)  # type: ignore[operator]
    assert refused.value.codes() == expected
    assert queued(db) == before and service.part(project_id).part_id is None


def test_links_only_to_the_community_s_own_records_and_the_city_s_projects(
        db: Database, service: LivelihoodService) -> None:
    project_id = receive(db, 1, "老旧小区改造")
    other = appeal(db, "closed", community_id=new_id())
    with pytest.raises(ValidationError) as refused:
        service.link(project_id, appeal_id=other)
    assert refused.value.codes() == {"appeal_id": "ref_missing"}
    with pytest.raises(NotFoundError):
        service.save_part(new_id(), {"work": "x"})
    with pytest.raises(DomainError) as owned:
        service.change_project(project_id, {"title": "改名"})
    assert owned.value.code == "city_owned"
    mine = appeal(db, "closed")
    service.link(project_id, appeal_id=mine)
    with pytest.raises(ValidationError) as twice:
        service.link(project_id, appeal_id=mine)
    assert twice.value.codes() == {"link": "already_linked"}
    with pytest.raises(ValidationError):
        service.parts(1800)


def test_the_city_demo_shares_out_the_case_s_problems_solved(db: Database, registry: RegistryService) -> None:
    import random

    from app.services import demo_livelihood

    communities = [str(db.community_id), new_id(), new_id()]
    for index, community_id in enumerate(communities):
        with db.session() as session:
            demo_livelihood._Livelihood(ChangeLog(db, session), community_id, random.Random(index),
                                        "city", index, date(YEAR, 6, 1)).fill()
    # One city list of ten, written once; three communities' shares of 1,900 (19 each for the first 64).
    service = LivelihoodService(db)
    assert len(service.parts(YEAR)) == 10 and all(p.part_id for p in service.parts(YEAR))
    assert service.solved() == 19
    figures = collect_stats(db)
    assert (figures["livelihood_projects"], figures["livelihood_problems_solved"]) == (30, 3 * 19)
