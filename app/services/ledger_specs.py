"""The ledgers' simple record kinds, registered with the generic registry so the common list and
form work for them: organs and their cadres, training records, funds, calendar days and
co-construction list entries, and the community's brand.

Kinds with a workflow or rules across records (meetings, appeals, projects, guarantees, work-day
visits, fund entries) are written through their own services, not through the registry.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, case, func, select

from app.models.ledgers import (
    BrandLevel,
    Cadre,
    CalendarDay,
    CalendarDayKind,
    CoBuildItem,
    CoBuildUnit,
    CommunityBrand,
    Fund,
    FundDirection,
    FundEntry,
    Organ,
    TrainingRecord,
    WorkdayVisit,
)
from app.services.coconstruction import ITEM_FIELDS
from app.services.errors import FieldError
from app.services.fields import Field, Kind
from app.services.funds import FUND_FIELDS
from app.services.listing import ListColumn
from app.services.registry_specs import Dependent, EntitySpec, Values
from app.services.training import TRAINING_FIELDS


def _organ_columns() -> list[ListColumn]:
    cadres = (select(func.count()).where(Cadre.organ_id == Organ.id, Cadre.deleted_at.is_(None))
              .correlate(Organ).scalar_subquery())
    return [
        ListColumn("name", Organ.name, searchable=True),
        ListColumn("contact", Organ.contact, searchable=True),
        ListColumn("phone", Organ.phone, Kind.PHONE),
        ListColumn("address", Organ.address, searchable=True),
        ListColumn("cadre_count", cadres, Kind.INT),
    ]


def _cadre_columns() -> list[ListColumn]:
    return [
        ListColumn("name", Cadre.name, searchable=True),
        ListColumn("organ", Organ.name, searchable=True),
        ListColumn("post", Cadre.post, searchable=True),
        ListColumn("phone", Cadre.phone, Kind.PHONE),
        ListColumn("is_party_member", Cadre.is_party_member, Kind.BOOL),
    ]


def _cadre_joins(s: Select[Any]) -> Select[Any]:
    return s.select_from(Cadre).outerjoin(Organ, Organ.id == Cadre.organ_id)


def _training_columns() -> list[ListColumn]:
    return [
        ListColumn("trained_on", TrainingRecord.trained_on, Kind.DATE),
        ListColumn("person_name", TrainingRecord.person_name, searchable=True),
        ListColumn("post", TrainingRecord.post, searchable=True),
        ListColumn("course", TrainingRecord.course, searchable=True),
        ListColumn("hours", TrainingRecord.hours, Kind.DECIMAL),
        ListColumn("organiser", TrainingRecord.organiser, searchable=True),
    ]


def _brand_columns() -> list[ListColumn]:
    return [
        ListColumn("name", CommunityBrand.name, searchable=True),
        ListColumn("founded_year", CommunityBrand.founded_year, Kind.INT),
        ListColumn("level", CommunityBrand.level, Kind.CHOICE),
        ListColumn("recognition", CommunityBrand.recognition, searchable=True),
        ListColumn("recognised_year", CommunityBrand.recognised_year, Kind.INT),
        ListColumn("description", CommunityBrand.description, searchable=True),
    ]


# The first brands of the case's city date from the 2010s; the year a brand began is no earlier
# than the founding of the People's Republic and no later than next year (a brand being planned).
FIRST_BRAND_YEAR = 1949
BRAND_FIELDS = (
    Field("name", required=True, max_len=50),
    Field("description", Kind.LONG_TEXT, max_len=2000),
    Field("founded_year", Kind.INT, required=True, minimum=FIRST_BRAND_YEAR, maximum=date.today().year + 1),
    Field("level", Kind.CHOICE, required=True, choices=tuple(k.value for k in BrandLevel),
          default=BrandLevel.NONE.value),
    Field("recognition", max_len=200),
    Field("recognised_year", Kind.INT, minimum=FIRST_BRAND_YEAR, maximum=date.today().year),
)


def _check_brand(values: Values) -> list[FieldError]:
    """A recognition comes after the brand began, and a level names a recognition and its year."""
    errors: list[FieldError] = []
    founded, recognised = values.get("founded_year"), values.get("recognised_year")
    if founded is not None and recognised is not None and recognised < founded:
        errors.append(FieldError("recognised_year", "recognised_before_founded"))
    if values.get("level") != BrandLevel.NONE.value and recognised is None:
        errors.append(FieldError("recognised_year", "recognition_year_needed"))
    return errors


def _training_joins(s: Select[Any]) -> Select[Any]:
    return s.select_from(TrainingRecord)


def _fund_columns() -> list[ListColumn]:
    signed = case((FundEntry.direction == FundDirection.INCOME.value, FundEntry.amount_fen),
                  else_=-FundEntry.amount_fen)
    movements = (select(func.coalesce(func.sum(signed), 0))
                 .where(FundEntry.fund_id == Fund.id, FundEntry.deleted_at.is_(None))
                 .correlate(Fund).scalar_subquery())
    return [
        ListColumn("name", Fund.name, searchable=True),
        ListColumn("kind", Fund.kind, Kind.CHOICE),
        ListColumn("opening_fen", Fund.opening_fen, Kind.FEN),
        ListColumn("balance_fen", Fund.opening_fen + movements, Kind.FEN),
        ListColumn("note", Fund.note, searchable=True),
    ]


def _calendar_columns() -> list[ListColumn]:
    return [
        ListColumn("day", CalendarDay.day, Kind.DATE),
        ListColumn("kind", CalendarDay.kind, Kind.CHOICE),
        ListColumn("name", CalendarDay.name, searchable=True),
    ]


def _cobuild_columns() -> list[ListColumn]:
    units = (select(func.count())
             .where(CoBuildUnit.item_id == CoBuildItem.id, CoBuildUnit.deleted_at.is_(None))
             .correlate(CoBuildItem).scalar_subquery())
    return [
        ListColumn("list_kind", CoBuildItem.list_kind, Kind.CHOICE),
        ListColumn("year", CoBuildItem.year, Kind.INT),
        ListColumn("title", CoBuildItem.title, searchable=True),
        ListColumn("status", CoBuildItem.status, Kind.CHOICE),
        ListColumn("owner", CoBuildItem.owner, searchable=True),
        ListColumn("due_date", CoBuildItem.due_date, Kind.DATE),
        ListColumn("unit_count", units, Kind.INT),
    ]


# The ledgers' simple kinds, written through the generic registry.
LEDGER_KINDS: tuple[EntitySpec, ...] = (
    EntitySpec(
        kind="organ",
        model=Organ,
        fields=(
            Field("name", required=True),
            Field("contact", max_len=50),
            Field("phone", Kind.PHONE),
            Field("address", max_len=200),
        ),
        columns=_organ_columns,
        dependents=(Dependent(Cadre, "organ_id", "cadre"),
                    Dependent(WorkdayVisit, "organ_id", "workday_visit")),
        unique=("name",),
        city_shared=True,
    ),
    EntitySpec(
        kind="cadre",
        model=Cadre,
        fields=(
            Field("organ_id", Kind.REF, required=True, ref="organ"),
            Field("name", required=True, max_len=50),
            Field("post"),
            Field("phone", Kind.PHONE),
            Field("is_party_member", Kind.BOOL, default=True),
        ),
        columns=_cadre_columns,
        joins=_cadre_joins,
        filters=lambda: {"organ_id": Cadre.organ_id},
        dependents=(Dependent(WorkdayVisit, "cadre_id", "workday_visit"),),
        city_shared=True,
    ),
    EntitySpec(
        kind="training_record",
        model=TrainingRecord,
        fields=TRAINING_FIELDS,
        columns=_training_columns,
        joins=_training_joins,
        filters=lambda: {"member_id": TrainingRecord.member_id, "course": TrainingRecord.course},
        label_field="person_name",
    ),
    EntitySpec(
        kind="fund",
        model=Fund,
        fields=FUND_FIELDS,
        columns=_fund_columns,
        filters=lambda: {"kind": Fund.kind},
        dependents=(Dependent(FundEntry, "fund_id", "fund_entry"),),
        unique=("name",),
    ),
    EntitySpec(
        kind="calendar_day",
        model=CalendarDay,
        fields=(
            Field("day", Kind.DATE, required=True),
            Field("kind", Kind.CHOICE, required=True, choices=tuple(k.value for k in CalendarDayKind),
                  default=CalendarDayKind.HOLIDAY.value),
            Field("name", max_len=50),
        ),
        columns=_calendar_columns,
        filters=lambda: {"kind": CalendarDay.kind},
        unique=("day",),
        label_field="day",
    ),
    EntitySpec(
        kind="community_brand",
        model=CommunityBrand,
        fields=BRAND_FIELDS,
        columns=_brand_columns,
        check=_check_brand,
        filters=lambda: {"level": CommunityBrand.level},
        unique=("name",),
    ),
    EntitySpec(
        kind="cobuild_item",
        model=CoBuildItem,
        fields=ITEM_FIELDS,
        columns=_cobuild_columns,
        filters=lambda: {"list_kind": CoBuildItem.list_kind, "status": CoBuildItem.status},
        label_field="title",
    ),
)
