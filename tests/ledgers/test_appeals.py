"""The appeal workflow (接、分、办、督、访): every step, every refused step, deadlines and rates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.db.database import Database
from app.models import OutboxEntry
from app.models.ledgers import Appeal, AppealEvent
from app.services.appeals import STEPS, AppealRules, AppealService
from app.services.errors import DomainError, ValidationError
from app.services.registry import RegistryService
from app.services.workdays import CalendarService

from .conftest import Clock

D = date.fromisoformat


def receive(appeals: AppealService, category: str = "consultation", urgency: str = "normal") -> str:
    return appeals.receive({"channel": "hotline", "resident_name": "王淑芬", "resident_phone": "13904361234",
                            "address": "幸福小区3号楼2单元", "category": category, "urgency": urgency,
                            "content": "楼道灯不亮"}, actor="接线员")


def to_state(appeals: AppealService, state: str) -> str:
    aid = receive(appeals)
    if state == "received":
        return aid
    appeals.dispatch(aid, "property_company", "鑫源物业")
    if state == "dispatched":
        return aid
    if state == "returned":
        appeals.return_(aid, "非本单位职能")
        return aid
    appeals.accept(aid)
    if state == "handling":
        return aid
    appeals.close(aid, "已更换灯泡")
    if state == "closed":
        return aid
    appeals.return_visit(aid, "satisfied")
    if state == "visited":
        return aid
    appeals.archive(aid)
    assert state == "archived"
    return aid


STATES = ("received", "dispatched", "returned", "handling", "closed", "visited", "archived")


def step_call(appeals: AppealService, step: str, aid: str) -> Callable[[], object]:
    return {
        "dispatch": lambda: appeals.dispatch(aid, "department", "住建局"),
        "return": lambda: appeals.return_(aid, "不属于本辖区"),
        "accept": lambda: appeals.accept(aid),
        "note": lambda: appeals.add_note(aid, "已联系居民"),
        "request_extension": lambda: appeals.request_extension(aid, D("2026-12-31"), "需协调供暖公司"),
        "decide_extension": lambda: appeals.decide_extension(aid, True),
        "remind": lambda: appeals.remind(aid),
        "escalate": lambda: appeals.escalate(aid),
        "close": lambda: appeals.close(aid, "已办结"),
        "visit": lambda: appeals.return_visit(aid, "satisfied"),
        "archive": lambda: appeals.archive(aid),
    }[step]


def event_count(db: Database, aid: str) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(AppealEvent)
                                  .where(AppealEvent.appeal_id == aid)) or 0)


@pytest.mark.parametrize("state", STATES)
def test_every_step_not_allowed_in_a_state_is_refused(
        db: Database, appeals: AppealService, state: str) -> None:
    aid = to_state(appeals, state)
    assert appeals.get(aid).state == state
    refused = [step for step, states in STEPS.items() if state not in states]
    assert refused, state
    for step in refused:
        before = event_count(db, aid)
        with pytest.raises(DomainError) as exc:
            step_call(appeals, step, aid)()
        assert exc.value.code == "appeal_step_not_allowed"
        assert exc.value.params == {"step": step, "state": state}
        assert appeals.get(aid).state == state
        assert event_count(db, aid) == before


def test_the_whole_happy_path_leaves_a_trail(appeals: AppealService, clock: Clock) -> None:
    aid = receive(appeals)
    view = appeals.get(aid)
    assert view.state == "received"
    assert view.number == "2025-00001"
    assert view.allowed_steps == ("dispatch",)
    # Friday 26 September 2025, no holidays entered: 3 working days -> Wednesday 1 October.
    deadline = appeals.dispatch(aid, "party_group", "一号楼党小组", actor="书记")
    assert deadline == D("2025-10-01")
    clock.advance(hours=2)
    appeals.accept(aid, actor="组长")
    appeals.add_note(aid, "已上门查看", actor="组长")
    appeals.remind(aid, actor="书记", note="请尽快办理")
    clock.advance(days=1)
    appeals.close(aid, "已更换灯泡", actor="组长")
    view = appeals.get(aid)
    assert view.state == "closed"
    assert view.reminder_count == 1
    assert view.reply == "已更换灯泡"
    clock.advance(days=1)
    assert appeals.return_visit(aid, "mostly", actor="回访员") == "visited"
    appeals.archive(aid, actor="书记")
    view = appeals.get(aid)
    assert view.state == "archived"
    assert view.allowed_steps == ()
    trail = appeals.events(aid)
    assert [(e.step, e.state_after, e.actor) for e in trail] == [
        ("receive", "received", "接线员"),
        ("dispatch", "dispatched", "书记"),
        ("accept", "handling", "组长"),
        ("note", "handling", "组长"),
        ("remind", "handling", "书记"),
        ("close", "closed", "组长"),
        ("visit", "visited", "回访员"),
        ("archive", "archived", "书记"),
    ]
    assert trail[3].note == "已上门查看"
    assert trail[0].at == datetime(2025, 9, 26, 9, 0)


def test_return_sends_it_back_for_redispatch(appeals: AppealService, clock: Clock) -> None:
    aid = to_state(appeals, "dispatched")
    with pytest.raises(ValidationError) as exc:
        appeals.return_(aid, "  ")
    assert exc.value.codes() == {"reason": "required"}
    appeals.return_(aid, "非本单位职能", actor="物业")
    view = appeals.get(aid)
    assert view.state == "returned"
    assert view.allowed_steps == ("dispatch",)
    # Re-dispatched the next Monday: the deadline counts from the re-dispatch.
    clock.set("2025-09-29T10:00")
    assert appeals.dispatch(aid, "department", "城管局") == D("2025-10-02")
    view = appeals.get(aid)
    assert (view.state, view.assignee_kind, view.assignee_name) == ("dispatched", "department", "城管局")
    assert [e.step for e in appeals.events(aid)] == ["receive", "dispatch", "return", "dispatch"]


def test_dispatch_needs_a_receiver(appeals: AppealService, registry: RegistryService) -> None:
    aid = receive(appeals)
    with pytest.raises(ValidationError) as exc:
        appeals.dispatch(aid, "nobody", "")
    assert exc.value.codes() == {"assignee_kind": "bad_choice", "assignee_name": "required"}
    with pytest.raises(ValidationError) as exc:
        appeals.dispatch(aid, "resident_unit", "某单位", assignee_id="no-such-unit")
    assert exc.value.codes() == {"assignee_id": "ref_missing"}
    unit = registry.create("resident_unit", {"name": "白城市第一中学", "kind": "school"})
    appeals.dispatch(aid, "resident_unit", "白城市第一中学", assignee_id=unit)
    assert appeals.get(aid).state == "dispatched"


def test_deadlines_follow_category_urgency_and_the_calendar(
        appeals: AppealService, calendar: CalendarService, clock: Clock) -> None:
    for day in range(1, 9):
        calendar.set_day(date(2025, 10, day), "holiday", "国庆节")
    calendar.set_day(D("2025-09-28"), "workday")
    calendar.set_day(D("2025-10-11"), "workday")
    clock.set("2025-09-30T15:00")
    cases = {("consultation", "normal"): D("2025-10-11"), ("help", "normal"): D("2025-10-11"),
             ("complaint", "normal"): D("2025-10-24"), ("suggestion", "normal"): D("2025-10-24"),
             ("complaint", "emergency"): D("2025-09-30")}
    for (category, urgency), expected in cases.items():
        aid = receive(appeals, category, urgency)
        assert appeals.dispatch(aid, "department", "住建局") == expected, (category, urgency)
        assert appeals.get(aid).deadline == expected


def test_deadline_days_are_configurable(appeals: AppealService) -> None:
    assert appeals.rules() == AppealRules()
    appeals.set_rules(consultation_days=5, escalate_after_days=2)
    rules = appeals.rules()
    assert (rules.consultation_days, rules.escalate_after_days, rules.complaint_days) == (5, 2, 13)
    aid = receive(appeals)
    # Friday 26 September + 5 working days = Friday 3 October (no holidays entered).
    assert appeals.dispatch(aid, "department", "住建局") == D("2025-10-03")
    with pytest.raises(ValidationError) as exc:
        appeals.set_rules(help_days=-1, complaint_days="13", bogus=3)
    assert exc.value.codes() == {"help_days": "too_small", "complaint_days": "not_integer",
                                 "bogus": "unknown_setting"}


def test_extension_before_the_deadline_approved(appeals: AppealService) -> None:
    aid = to_state(appeals, "handling")
    assert appeals.get(aid).deadline == D("2025-10-01")
    with pytest.raises(ValidationError) as exc:
        appeals.request_extension(aid, D("2025-09-30"), "需协调")
    assert exc.value.codes() == {"until": "date_order"}
    appeals.request_extension(aid, D("2025-10-10"), "需协调供热公司")
    view = appeals.get(aid)
    assert view.extension_until == D("2025-10-10")
    assert "decide_extension" in view.allowed_steps and "request_extension" not in view.allowed_steps
    with pytest.raises(DomainError) as exc2:
        appeals.request_extension(aid, D("2025-10-12"), "再延")
    assert exc2.value.code == "extension_pending"
    appeals.decide_extension(aid, True, actor="书记")
    view = appeals.get(aid)
    assert (view.deadline, view.extension_until) == (D("2025-10-10"), None)
    steps = [e.step for e in appeals.events(aid)]
    assert steps[-2:] == ["request_extension", "approve_extension"]


def test_extension_refused_keeps_the_deadline(appeals: AppealService) -> None:
    aid = to_state(appeals, "handling")
    with pytest.raises(DomainError) as exc:
        appeals.decide_extension(aid, True)
    assert exc.value.code == "no_extension_pending"
    appeals.request_extension(aid, D("2025-10-10"), "需协调")
    appeals.decide_extension(aid, False, note="理由不充分")
    view = appeals.get(aid)
    assert (view.deadline, view.extension_until) == (D("2025-10-01"), None)
    assert appeals.events(aid)[-1].step == "refuse_extension"


def test_extension_after_the_deadline_is_refused(appeals: AppealService, clock: Clock) -> None:
    aid = to_state(appeals, "handling")
    clock.set("2025-10-02T09:00")
    with pytest.raises(DomainError) as exc:
        appeals.request_extension(aid, D("2025-10-20"), "来不及了")
    assert exc.value.code == "extension_after_deadline"


def test_supervision_lists_and_escalation(appeals: AppealService, clock: Clock) -> None:
    near = to_state(appeals, "handling")  # deadline Wed 1 October
    late = receive(appeals, "complaint")
    appeals.dispatch(late, "department", "住建局")  # 13 working days: Wed 15 October
    clock.set("2025-09-30T09:00")
    sup = appeals.supervision()
    assert [i.id for i in sup.near_due] == [near]
    assert sup.near_due[0].workdays_left == 1
    assert sup.overdue == [] and sup.escalation_due == []
    # Monday 6 October: 3 working days overdue; not yet escalatable.
    clock.set("2025-10-06T09:00")
    sup = appeals.supervision()
    assert [i.id for i in sup.overdue] == [near]
    assert sup.overdue[0].workdays_left == -3
    assert sup.escalation_due == []
    assert appeals.get(near).overdue_workdays == 3
    with pytest.raises(DomainError) as exc:
        appeals.escalate(near)
    assert exc.value.code == "not_overdue_enough"
    assert exc.value.params == {"overdue": 3, "required": 5}
    appeals.remind(near, note="第一次催办")
    # Wednesday 8 October: 5 working days overdue -> escalation due.
    clock.set("2025-10-08T09:00")
    sup = appeals.supervision()
    assert [i.id for i in sup.escalation_due] == [near]
    appeals.escalate(near, actor="街道", note="书面通报")
    assert appeals.get(near).escalated
    assert appeals.supervision().escalation_due == []
    with pytest.raises(DomainError) as exc:
        appeals.escalate(near)
    assert exc.value.code == "already_escalated"
    # Closing late counts as not on time.
    appeals.close(near, "已修复")
    with appeals.db.session() as session:
        assert session.get(Appeal, near).closed_on_time is False  # type: ignore[union-attr]


def test_dissatisfied_visit_reopens_for_handling(appeals: AppealService, clock: Clock) -> None:
    aid = to_state(appeals, "closed")
    with pytest.raises(ValidationError) as exc:
        appeals.return_visit(aid, "so-so")
    assert exc.value.codes() == {"result": "bad_choice"}
    clock.set("2025-09-29T09:00")
    assert appeals.return_visit(aid, "dissatisfied", note="灯还是不亮") == "handling"
    view = appeals.get(aid)
    assert (view.state, view.reopen_count, view.visit_result) == ("handling", 1, "dissatisfied")
    assert view.deadline == D("2025-10-02")  # 3 working days from the reopening
    appeals.close(aid, "已更换线路")
    appeals.return_visit(aid, "satisfied")
    assert appeals.get(aid).state == "visited"
    assert [e.step for e in appeals.events(aid)][-4:] == ["close", "reopen", "close", "visit"]


def test_receive_checks_its_fields(appeals: AppealService) -> None:
    with pytest.raises(ValidationError) as exc:
        appeals.receive({"category": "gossip", "content": "", "resident_phone": "12345"})
    assert exc.value.codes() == {"category": "bad_choice", "content": "required",
                                 "resident_phone": "phone_format"}


def test_only_an_undispatched_appeal_can_be_deleted(appeals: AppealService) -> None:
    aid = to_state(appeals, "dispatched")
    with pytest.raises(DomainError) as exc:
        appeals.delete(aid)
    assert exc.value.code == "appeal_not_deletable"
    fresh = receive(appeals)
    appeals.delete(fresh)
    with pytest.raises(DomainError) as exc:
        appeals.get(fresh)
    assert exc.value.code == "not_found"


def test_rates(appeals: AppealService, clock: Clock) -> None:
    to_state(appeals, "received")
    to_state(appeals, "dispatched")
    to_state(appeals, "handling")
    on_time = to_state(appeals, "closed")
    appeals.return_visit(on_time, "satisfied")
    reopened = to_state(appeals, "closed")
    appeals.return_visit(reopened, "dissatisfied")
    late = to_state(appeals, "handling")  # deadline 1 October
    clock.set("2025-10-03T09:00")
    appeals.close(late, "已办结")
    appeals.return_visit(late, "mostly")
    r = appeals.rates()
    counts = (r.received, r.responded, r.resolved, r.closed_on_time, r.visited, r.satisfied)
    assert counts == (6, 4, 2, 1, 3, 2)
    assert r.response_rate == pytest.approx(4 / 6)
    assert r.resolution_rate == pytest.approx(2 / 6)
    assert r.on_time_rate == pytest.approx(1 / 2)
    assert r.satisfaction_rate == pytest.approx(2 / 3)
    empty = appeals.rates(datetime(2030, 1, 1), datetime(2031, 1, 1))
    assert empty.received == 0 and empty.satisfaction_rate is None


def test_every_step_lands_in_the_outbox(db: Database, appeals: AppealService) -> None:
    aid = to_state(appeals, "archived")
    with db.session() as session:
        rows = session.execute(select(OutboxEntry.table_name, func.count()).where(
            OutboxEntry.table_name.in_(("appeal", "appeal_event"))).group_by(OutboxEntry.table_name)).all()
        events = int(session.scalar(select(func.count()).select_from(AppealEvent)
                                    .where(AppealEvent.appeal_id == aid)) or 0)
    counts = dict(rows)
    assert events == 6
    # The appeal's creation and one update per step after it; one creation per event.
    assert counts == {"appeal": 6, "appeal_event": 6}


def test_numbers_count_up_per_year(appeals: AppealService, clock: Clock) -> None:
    first, second = receive(appeals), receive(appeals)
    assert (appeals.get(first).number, appeals.get(second).number) == ("2025-00001", "2025-00002")
    clock.now = clock.now + timedelta(days=120)
    assert appeals.get(receive(appeals)).number == "2026-00001"


def test_supervise_reminds_once_a_day_and_escalates(appeals: AppealService, clock: Clock) -> None:
    late = to_state(appeals, "handling")  # deadline Wed 1 October
    on_time = receive(appeals, "complaint")
    appeals.dispatch(on_time, "department", "住建局")
    clock.set("2025-10-02T08:00")
    assert appeals.supervise(actor="书记") == ([late], [])
    assert appeals.supervise(actor="书记") == ([], [])
    clock.set("2025-10-08T08:00")  # 5 working days overdue
    assert appeals.supervise(actor="书记") == ([late], [late])
    view = appeals.get(late)
    assert (view.reminder_count, view.escalated) == (2, True)
    assert [e.step for e in appeals.events(late)][-3:] == ["remind", "remind", "escalate"]
    assert appeals.get(on_time).reminder_count == 0


def test_received_time_may_be_typed(appeals: AppealService) -> None:
    aid = appeals.receive({"category": "help", "content": "水管爆裂", "received_at": "2025-09-20 07:45"})
    assert appeals.get(aid).received_at == datetime(2025, 9, 20, 7, 45)
    with pytest.raises(ValidationError) as exc:
        appeals.receive({"category": "help", "content": "水管爆裂", "received_at": "昨天"})
    assert exc.value.codes() == {"received_at": "bad_datetime"}


def test_long_texts_are_refused(appeals: AppealService) -> None:
    aid = receive(appeals)
    with pytest.raises(ValidationError) as exc:
        appeals.dispatch(aid, "department", "局" * 101)
    assert exc.value.codes() == {"assignee_name": "too_long"}
    appeals.dispatch(aid, "department", "住建局")
    with pytest.raises(ValidationError) as exc:
        appeals.return_(aid, "因" * 201)
    assert exc.value.codes() == {"reason": "too_long"}
