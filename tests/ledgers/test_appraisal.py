"""The report-and-appraisal material's figures against values worked out by hand
(tests/appraisal_sample.py), and the secretary's section as a synced record."""

from __future__ import annotations

from decimal import Decimal

import pytest
from appraisal_sample import AS_OF, SECRETARY, YEAR, build
from sqlalchemy import func, select

from app.db.database import Database
from app.models import OutboxEntry
from app.models.ledgers import AppraisalSection
from app.services.appraisal import MONTHLY, QUARTERLY, AppraisalService, MeetingGap
from app.services.errors import ValidationError


@pytest.fixture
def material_db(db: Database) -> tuple[Database, AppraisalService]:
    built = build(db)
    return db, AppraisalService(db, built.clock)


def test_the_meeting_rules_count_only_what_is_due_and_name_each_gap(
        material_db: tuple[Database, AppraisalService]) -> None:
    _db, svc = material_db
    checks = {c.kind: c for c in svc.meeting_checks(YEAR, AS_OF)}
    general = checks["general_meeting"]
    assert [(q.held, q.required) for q in general.quarters] == [(1, 1), (0, 1), (1, 0), (0, 0)]
    assert (general.held, general.required) == (2, 2)
    assert general.gaps == (MeetingGap("general_meeting", QUARTERLY, 2),)
    lesson = checks["party_lesson"]
    assert [(q.held, q.required) for q in lesson.quarters] == [(1, 1), (1, 1), (0, 0), (0, 0)]
    assert lesson.met
    committee = checks["committee_meeting"]
    # January to July are due (August has not ended on 15 August): 7 required, April missed.
    assert [(q.held, q.required) for q in committee.quarters] == [(3, 3), (2, 3), (1, 1), (0, 0)]
    assert committee.gaps == (MeetingGap("committee_meeting", MONTHLY, 4),)
    group = checks["group_meeting"]
    # Two groups, each due monthly: 14 required; the first met every month, the second twice.
    assert [(q.held, q.required) for q in group.quarters] == [(5, 6), (3, 6), (1, 2), (0, 0)]
    assert (group.held, group.required) == (9, 14)
    assert [(g.period, g.group) for g in group.gaps] == [(m, "第二党小组") for m in (3, 4, 5, 6, 7)]
    # At the year's end everything is due: the first group's missing months appear too.
    year_end = {c.kind: c for c in svc.meeting_checks(YEAR, AS_OF.replace(year=2026, month=1, day=1))}
    assert year_end["group_meeting"].required == 24
    assert [g.period for g in year_end["general_meeting"].gaps] == [2, 4]


def test_the_material_holds_the_hand_computed_figures(material_db: tuple[Database, AppraisalService]) -> None:
    _db, svc = material_db
    m = svc.material(YEAR, AS_OF)
    assert m.secretary_name == SECRETARY
    assert m.meetings_held == {"general_meeting": 2, "party_lesson": 2, "committee_meeting": 6,
                               "group_meeting": 9, "themed_day": 1}
    c = m.counts
    assert (c.projects_claimed, c.projects_done, c.projects_overdue) == (2, 0, 1)
    assert (c.guaranteed_compounds, c.guarantee_leaders) == (2, 1)
    assert (c.party_lessons, c.training_attendances) == (2, 3)
    assert [(p.view.title, p.view.status, p.view.progress) for p in m.projects] == [
        ("红色物业", "overdue", 0), ("老旧小区改造", "in_progress", 66)]
    (evaluation,) = m.projects[1].evaluations
    assert (evaluation["method"], evaluation["satisfaction"]) == ("on_site_check", Decimal("95.5"))
    a = m.appeals
    # The dissatisfied return visit sent its appeal back to be handled again: one stays resolved.
    assert (a.received, a.responded, a.resolved, a.closed_on_time) == (3, 2, 1, 1)
    assert (a.visited, a.satisfied) == (2, 1)
    assert (a.response_rate, a.resolution_rate) == (pytest.approx(2 / 3), pytest.approx(1 / 3))
    assert (a.on_time_rate, a.satisfaction_rate) == (1.0, 0.5)
    assert m.appeals_by_channel == {"hotline": 3}
    organs = {o.organ_name: o for o in m.organs}
    assert set(organs) == {"市住建局", "市民政局"}
    zj, mz = organs["市住建局"], organs["市民政局"]
    assert (zj.visits, zj.cadres, zj.party_lessons, zj.pairings, zj.appeals_solved, zj.goods_fen) == (
        2, 2, 1, 1, 0, 100000)
    assert (mz.visits, mz.appeals_solved, mz.goods_fen) == (1, 1, 50050)
    assert (c.workday_visits, c.workday_cadres, c.goods_fen) == (3, 3, 150050)
    g = m.guarantees
    assert (g.compounds, g.all_done, g.leaders) == (2, 1, 1)
    assert g.totals["committee"]["done"] == 2 and g.totals["property_company"]["in_progress"] == 1
    funds = {f.name: f for f in m.funds}
    party = funds["党建工作经费"]
    assert (party.opening_fen, party.income_fen, party.expense_fen, party.closing_fen) == (
        10000, 500000, 123456, 386544)
    assert funds["服务群众专项经费"].closing_fen == 200000
    t = m.training
    assert (t.attendances, t.people, t.courses, t.hours) == (3, 2, 2, Decimal("20.5"))
    assert t.by_course == [("两委成员轮训", 1, Decimal("4.5")), ("社区书记培训班", 2, Decimal("16"))]
    assert m.section == ""


def test_the_secretarys_section_is_one_synced_record_per_year(
        material_db: tuple[Database, AppraisalService]) -> None:
    db, svc = material_db
    assert not svc.section(YEAR).saved
    assert svc.save_section(YEAR, "一年来，社区党委……\r\n二是……") == {}
    assert svc.save_section(YEAR, "一年来，社区党委坚持……") == {"body": "一年来，社区党委……\n二是……"}
    svc.save_section(YEAR + 1, "明年")
    assert svc.section(YEAR).body == "一年来，社区党委坚持……"
    assert svc.material(YEAR, AS_OF).section == "一年来，社区党委坚持……"
    with db.session() as session:
        rows = session.scalars(select(AppraisalSection).order_by(AppraisalSection.year)).all()
        assert [(r.year, r.id) for r in rows] == [(y, svc.section_id(y)) for y in (YEAR, YEAR + 1)]
        queued = int(session.scalar(select(func.count()).select_from(OutboxEntry).where(
            OutboxEntry.table_name == "appraisal_section")) or 0)
    assert queued == 3  # created, updated, created: each travels by sync
    with pytest.raises(ValidationError) as exc:
        svc.save_section(YEAR, "长" * 50_001)
    assert exc.value.codes() == {"body": "too_long"}
    with pytest.raises(ValidationError) as exc:
        svc.section(1800)
    assert exc.value.codes() == {"year": "too_small"}
    assert svc.section(YEAR).body == "一年来，社区党委坚持……"
