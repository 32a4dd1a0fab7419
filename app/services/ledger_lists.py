"""How the ledgers with their own services are listed: columns, joins and filters.

These kinds are registered read-only with the generic registry: the common list (search,
filters, sorting, windows of rows) works for them, while every write goes through the
ledger's own service and its rules.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import aliased

from app.models import Building, Compound, PartyGroup
from app.models.ledgers import (
    Appeal,
    Cadre,
    CompoundGuarantee,
    Fund,
    FundEntry,
    GuaranteeTask,
    Meeting,
    MeetingAttendee,
    Organ,
    ProjectMilestone,
    SecretaryProject,
    TaskStatus,
    WorkdayVisit,
)
from app.services.appeals import RECEIVE_FIELDS
from app.services.fields import Field, Kind
from app.services.funds import ENTRY_FIELDS
from app.services.guarantees import GUARANTEE_FIELDS
from app.services.listing import ListColumn
from app.services.meetings import MEETING_FIELDS
from app.services.projects import FINISHED, OVERDUE, PROJECT_FIELDS
from app.services.registry_specs import EntitySpec
from app.services.workday import VISIT_FIELDS

_appeal_compound = aliased(Compound)
_appeal_building = aliased(Building)


def _attendee_count(*where: Any) -> Any:
    return (
        select(func.count())
        .where(MeetingAttendee.meeting_id == Meeting.id, MeetingAttendee.deleted_at.is_(None), *where)
        .correlate(Meeting)
        .scalar_subquery()
    )


def _meeting_columns() -> list[ListColumn]:
    return [
        ListColumn("starts_at", Meeting.starts_at, Kind.DATETIME),
        ListColumn("kind", Meeting.kind, Kind.CHOICE),
        ListColumn("topic", Meeting.topic, searchable=True),
        ListColumn("place", Meeting.place, searchable=True),
        ListColumn("host", Meeting.host, searchable=True),
        ListColumn("party_group", PartyGroup.name, searchable=True),
        ListColumn("expected", _attendee_count(), Kind.INT),
        ListColumn("present", _attendee_count(MeetingAttendee.status == "present"), Kind.INT),
        ListColumn("on_leave", _attendee_count(MeetingAttendee.status == "leave"), Kind.INT),
    ]


def _meeting_joins(s: Select[Any]) -> Select[Any]:
    return s.select_from(Meeting).outerjoin(PartyGroup, PartyGroup.id == Meeting.party_group_id)


def _appeal_columns() -> list[ListColumn]:
    c, b = _appeal_compound, _appeal_building
    return [
        ListColumn("number", Appeal.number, searchable=True, code=True),
        ListColumn("received_at", Appeal.received_at, Kind.DATETIME),
        ListColumn("channel", Appeal.channel, Kind.CHOICE),
        ListColumn("category", Appeal.category, Kind.CHOICE),
        ListColumn("urgency", Appeal.urgency, Kind.CHOICE),
        ListColumn("resident_name", Appeal.resident_name, searchable=True),
        ListColumn("resident_phone", Appeal.resident_phone, Kind.PHONE),
        ListColumn("compound", c.name, searchable=True),
        ListColumn("building", b.number),
        ListColumn("content", Appeal.content, searchable=True),
        ListColumn("assignee_name", Appeal.assignee_name, searchable=True),
        ListColumn("deadline", Appeal.deadline, Kind.DATE),
        ListColumn("state", Appeal.state, Kind.CHOICE),
        ListColumn("visit_result", Appeal.visit_result, Kind.CHOICE),
    ]


def _appeal_joins(s: Select[Any]) -> Select[Any]:
    c, b = _appeal_compound, _appeal_building
    return (s.select_from(Appeal)
            .outerjoin(c, c.id == Appeal.compound_id)
            .outerjoin(b, b.id == Appeal.building_id))


def _project_columns() -> list[ListColumn]:
    total = (select(func.count()).where(ProjectMilestone.project_id == SecretaryProject.id,
                                        ProjectMilestone.deleted_at.is_(None))
             .correlate(SecretaryProject).scalar_subquery())
    done = (select(func.count()).where(ProjectMilestone.project_id == SecretaryProject.id,
                                       ProjectMilestone.deleted_at.is_(None),
                                       ProjectMilestone.done_on.is_not(None))
            .correlate(SecretaryProject).scalar_subquery())
    return [
        ListColumn("year", SecretaryProject.year, Kind.INT),
        ListColumn("title", SecretaryProject.title, searchable=True),
        ListColumn("secretary_name", SecretaryProject.secretary_name, searchable=True),
        ListColumn("level", SecretaryProject.level, Kind.CHOICE),
        ListColumn("team", SecretaryProject.team, searchable=True),
        ListColumn("milestones_done", done, Kind.INT),
        ListColumn("milestones_total", total, Kind.INT),
        ListColumn("status", _project_status(), Kind.CHOICE),
    ]


def _project_status() -> Any:
    """The stored status, or "overdue" while an open project has a milestone past its due date."""
    late = (select(ProjectMilestone.id)
            .where(ProjectMilestone.project_id == SecretaryProject.id, ProjectMilestone.deleted_at.is_(None),
                   ProjectMilestone.done_on.is_(None), ProjectMilestone.due_date < date.today())
            .correlate(SecretaryProject).exists())
    return case((SecretaryProject.status.in_(FINISHED), SecretaryProject.status),
                (late, OVERDUE), else_=SecretaryProject.status)


def _visit_columns() -> list[ListColumn]:
    return [
        ListColumn("month", WorkdayVisit.month, searchable=True, code=True),
        ListColumn("organ", Organ.name, searchable=True),
        ListColumn("cadre", Cadre.name, searchable=True),
        ListColumn("arrived_at", WorkdayVisit.arrived_at, Kind.DATETIME),
        ListColumn("left_at", WorkdayVisit.left_at, Kind.DATETIME),
        ListColumn("service", WorkdayVisit.service, searchable=True),
        ListColumn("party_lesson", WorkdayVisit.party_lesson, Kind.BOOL),
        ListColumn("pairing_household", WorkdayVisit.pairing_household, searchable=True),
        ListColumn("goods_fen", WorkdayVisit.goods_fen, Kind.FEN),
        ListColumn("confirmed", WorkdayVisit.confirmed, Kind.BOOL),
    ]


def _visit_joins(s: Select[Any]) -> Select[Any]:
    return (s.select_from(WorkdayVisit)
            .outerjoin(Organ, Organ.id == WorkdayVisit.organ_id)
            .outerjoin(Cadre, Cadre.id == WorkdayVisit.cadre_id))


def _entry_columns() -> list[ListColumn]:
    return [
        ListColumn("entry_date", FundEntry.entry_date, Kind.DATE),
        ListColumn("fund", Fund.name, searchable=True),
        ListColumn("voucher_no", FundEntry.voucher_no, searchable=True, code=True),
        ListColumn("direction", FundEntry.direction, Kind.CHOICE),
        ListColumn("amount_fen", FundEntry.amount_fen, Kind.FEN),
        ListColumn("purpose", FundEntry.purpose, searchable=True),
        ListColumn("handler", FundEntry.handler, searchable=True),
    ]


def _entry_joins(s: Select[Any]) -> Select[Any]:
    return s.select_from(FundEntry).outerjoin(Fund, Fund.id == FundEntry.fund_id)


def _guarantee_columns() -> list[ListColumn]:
    done = (select(func.count()).where(GuaranteeTask.guarantee_id == CompoundGuarantee.id,
                                       GuaranteeTask.deleted_at.is_(None),
                                       GuaranteeTask.status == TaskStatus.DONE.value)
            .correlate(CompoundGuarantee).scalar_subquery())
    return [
        ListColumn("compound", Compound.name, searchable=True),
        ListColumn("leader_name", CompoundGuarantee.leader_name, searchable=True),
        ListColumn("leader_post", CompoundGuarantee.leader_post, searchable=True),
        ListColumn("leader_unit", CompoundGuarantee.leader_unit, searchable=True),
        ListColumn("since", CompoundGuarantee.since, Kind.DATE),
        ListColumn("tasks_done", done, Kind.INT),
    ]


def _guarantee_joins(s: Select[Any]) -> Select[Any]:
    return s.select_from(CompoundGuarantee).outerjoin(Compound, Compound.id == CompoundGuarantee.compound_id)



def _meeting_form_fields() -> tuple[Field, ...]:
    """The meeting's fields in the order a secretary fills them: what and when first, minutes last."""
    by_name = {f.name: f for f in MEETING_FIELDS}
    when = {"starts_at": Field("starts_at", Kind.DATETIME, required=True),
            "ends_at": Field("ends_at", Kind.DATETIME)}
    order = ("kind", "party_group_id", "topic", "starts_at", "ends_at", "place", "host", "recorder",
             "agenda", "key_points", "dissent", "decisions", "note")
    return tuple(by_name.get(name) or when[name] for name in order)


_MEETING_LIST_FIELDS: tuple[Field, ...] = _meeting_form_fields()


# The ledger kinds written through their own services, listed with the generic list.
LEDGER_LISTS: tuple[EntitySpec, ...] = (
    EntitySpec(
        kind="meeting", model=Meeting, fields=_MEETING_LIST_FIELDS, columns=_meeting_columns,
        joins=_meeting_joins,
        filters=lambda: {"kind": Meeting.kind, "party_group_id": Meeting.party_group_id},
        writable=False, label_field="topic", extra={"default_sort_desc": True},
    ),
    EntitySpec(
        kind="appeal", model=Appeal, fields=RECEIVE_FIELDS, columns=_appeal_columns, joins=_appeal_joins,
        filters=lambda: {"state": Appeal.state, "category": Appeal.category,
                         "compound_id": Appeal.compound_id},
        writable=False, label_field="number", extra={"default_sort_desc": True},
    ),
    EntitySpec(
        kind="secretary_project", model=SecretaryProject, fields=PROJECT_FIELDS, columns=_project_columns,
        filters=lambda: {"year": SecretaryProject.year, "status": _project_status(),
                         "level": SecretaryProject.level},
        writable=False, label_field="title",
    ),
    EntitySpec(
        kind="workday_visit", model=WorkdayVisit, fields=VISIT_FIELDS, columns=_visit_columns,
        joins=_visit_joins,
        filters=lambda: {"month": WorkdayVisit.month, "organ_id": WorkdayVisit.organ_id,
                         "confirmed": WorkdayVisit.confirmed},
        writable=False, label_field="month",
    ),
    EntitySpec(
        kind="fund_entry", model=FundEntry, fields=ENTRY_FIELDS, columns=_entry_columns, joins=_entry_joins,
        filters=lambda: {"fund_id": FundEntry.fund_id, "direction": FundEntry.direction},
        writable=False, label_field="voucher_no",
    ),
    EntitySpec(
        kind="compound_guarantee", model=CompoundGuarantee, fields=GUARANTEE_FIELDS,
        columns=_guarantee_columns, joins=_guarantee_joins,
        filters=lambda: {"compound_id": CompoundGuarantee.compound_id},
        writable=False, label_field="leader_name",
    ),
)
