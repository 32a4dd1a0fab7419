"""What each kind of registry record holds, how it is listed and what protects it from deletion."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from app.models import (
    Building,
    Compound,
    Gender,
    HomeownerCommittee,
    HomeownerCommitteeMember,
    MemberStatus,
    OrgKind,
    PartTimeMember,
    PartyGroup,
    PartyGroupBuilding,
    PartyGroupKind,
    PartyMember,
    PropertyCompany,
    RedPropertyBranch,
    ResidentUnit,
    ResidentUnitKind,
    SyncedRecord,
)
from app.models.registry import Community
from app.services.errors import FieldError
from app.services.fields import Field, Kind
from app.services.identity import id_birth_date, id_gender
from app.services.listing import Expr, ListColumn

Values = dict[str, Any]
Check = Callable[[Values], list[FieldError]]


@dataclass(frozen=True)
class Dependent:
    """Live records of ``model`` whose ``column`` points at the record block its deletion."""

    model: type[SyncedRecord]
    column: str
    kind: str


@dataclass(frozen=True)
class EntitySpec:
    kind: str
    model: type[SyncedRecord]
    fields: tuple[Field, ...]
    columns: Callable[[], list[ListColumn]]
    joins: Callable[[Select[Any]], Select[Any]] = lambda s: s
    filters: Callable[[], dict[str, Expr]] = dict
    check: Check | None = None
    dependents: tuple[Dependent, ...] = ()
    unique: tuple[str, ...] = ()
    label_field: str = "name"
    # False for kinds listed here but written through their own service (workflows, rules).
    writable: bool = True
    # True for kinds the city also hands out (organs, cadres): listed with the community's own,
    # read-only here.
    city_shared: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


def _enum(e: type[Any]) -> tuple[str, ...]:
    return tuple(m.value for m in e)


EDUCATIONS = ("研究生", "大学本科", "大学专科", "中专", "高中", "初中", "小学及以下")
HC_ROLES = ("主任", "副主任", "委员")


# --- cross-field checks --------------------------------------------------------------


def _check_member(v: Values) -> list[FieldError]:
    errors: list[FieldError] = []
    today = date.today()
    birth, join = v.get("birth_date"), v.get("join_date")
    if birth and birth > today:
        errors.append(FieldError("birth_date", "in_future"))
    if join and join > today:
        errors.append(FieldError("join_date", "in_future"))
    if birth and join and (join.year - birth.year - ((join.month, join.day) < (birth.month, birth.day))) < 18:
        errors.append(FieldError("join_date", "join_too_young"))
    if v.get("status") == MemberStatus.PROBATIONARY.value:
        full = v.get("full_date")
        if not full:
            errors.append(FieldError("full_date", "required_for_probationary"))
        elif join and full <= join:
            errors.append(FieldError("full_date", "date_order", {"after": "join_date"}))
    idn = v.get("id_number")
    if idn:
        if birth and id_birth_date(idn) != birth:
            errors.append(FieldError("id_number", "id_birth_mismatch"))
        if v.get("gender") and id_gender(idn) != v["gender"]:
            errors.append(FieldError("id_number", "id_gender_mismatch"))
    if v.get("in_service") and not v.get("employer"):
        errors.append(FieldError("employer", "required_for_in_service"))
    return errors


def _check_committee(v: Values) -> list[FieldError]:
    start, end = v.get("term_start"), v.get("term_end")
    if start and end and end <= start:
        return [FieldError("term_end", "date_order", {"after": "term_start"})]
    return []


def _check_group(v: Values) -> list[FieldError]:
    if v.get("kind") == PartyGroupKind.BUILDING.value and not v.get("building_ids"):
        return [FieldError("building_ids", "building_group_needs_buildings")]
    return []


# --- list columns --------------------------------------------------------------------

_compound_of_building = aliased(Compound)
_compound_of_member = aliased(Compound)
_building_of_member = aliased(Building)
_group_of_member = aliased(PartyGroup)


def _compound_columns() -> list[ListColumn]:
    pc = PropertyCompany
    return [
        ListColumn("name", Compound.name, searchable=True),
        ListColumn("address", Compound.address, searchable=True),
        ListColumn("households", Compound.households, Kind.INT),
        ListColumn("building_count", Compound.building_count, Kind.INT),
        ListColumn("property_company", pc.name, searchable=True),
        ListColumn("fee_standard", Compound.fee_standard, Kind.DECIMAL),
        ListColumn("fee_collection_rate", Compound.fee_collection_rate, Kind.DECIMAL),
        ListColumn("has_homeowner_committee", Compound.has_homeowner_committee, Kind.BOOL),
        ListColumn("has_red_property_branch", Compound.has_red_property_branch, Kind.BOOL),
    ]


def _compound_joins(s: Select[Any]) -> Select[Any]:
    return s.select_from(Compound).outerjoin(
        PropertyCompany, PropertyCompany.id == Compound.property_company_id
    )


def _building_columns() -> list[ListColumn]:
    c = _compound_of_building
    return [
        ListColumn("compound", c.name, searchable=True),
        ListColumn("number", Building.number, searchable=True),
        ListColumn("entrances", Building.entrances, Kind.INT),
        ListColumn("floors", Building.floors, Kind.INT),
        ListColumn("households", Building.households, Kind.INT),
        ListColumn("leader_name", Building.leader_name, searchable=True),
        ListColumn("leader_phone", Building.leader_phone, Kind.PHONE),
    ]


def _building_joins(s: Select[Any]) -> Select[Any]:
    c = _compound_of_building
    return s.select_from(Building).outerjoin(c, c.id == Building.compound_id)


def _group_columns() -> list[ListColumn]:
    members = (
        select(func.count())
        .where(PartyMember.party_group_id == PartyGroup.id, PartyMember.deleted_at.is_(None))
        .correlate(PartyGroup)
        .scalar_subquery()
    )
    buildings = (
        select(func.group_concat(Building.number, "、"))
        .select_from(PartyGroupBuilding)
        .join(Building, Building.id == PartyGroupBuilding.building_id)
        .where(PartyGroupBuilding.party_group_id == PartyGroup.id,
               PartyGroupBuilding.deleted_at.is_(None))
        .correlate(PartyGroup)
        .scalar_subquery()
    )
    return [
        ListColumn("name", PartyGroup.name, searchable=True),
        ListColumn("kind", PartyGroup.kind, Kind.CHOICE),
        ListColumn("compound", Compound.name, searchable=True),
        ListColumn("buildings", buildings),
        ListColumn("leader_name", PartyGroup.leader_name, searchable=True),
        ListColumn("member_count", members, Kind.INT),
    ]


def _group_joins(s: Select[Any]) -> Select[Any]:
    return s.select_from(PartyGroup).outerjoin(Compound, Compound.id == PartyGroup.compound_id)


def _member_columns() -> list[ListColumn]:
    g, c, b = _group_of_member, _compound_of_member, _building_of_member
    return [
        ListColumn("name", PartyMember.name, searchable=True),
        ListColumn("gender", PartyMember.gender, Kind.CHOICE),
        ListColumn("birth_date", PartyMember.birth_date, Kind.DATE),
        ListColumn("status", PartyMember.status, Kind.CHOICE),
        ListColumn("join_date", PartyMember.join_date, Kind.DATE),
        ListColumn("party_group", g.name, searchable=True),
        ListColumn("compound", c.name, searchable=True),
        ListColumn("building", b.number),
        ListColumn("phone", PartyMember.phone, Kind.PHONE),
        ListColumn("id_number", PartyMember.id_number, Kind.ID_NUMBER),
        ListColumn("in_service", PartyMember.in_service, Kind.BOOL),
        ListColumn("employer", PartyMember.employer, searchable=True),
    ]


def _member_joins(s: Select[Any]) -> Select[Any]:
    g, c, b = _group_of_member, _compound_of_member, _building_of_member
    return (
        s.select_from(PartyMember)
        .outerjoin(g, g.id == PartyMember.party_group_id)
        .outerjoin(c, c.id == PartyMember.compound_id)
        .outerjoin(b, b.id == PartyMember.building_id)
    )


def _committee_columns() -> list[ListColumn]:
    members = (
        select(func.count())
        .where(HomeownerCommitteeMember.committee_id == HomeownerCommittee.id,
               HomeownerCommitteeMember.deleted_at.is_(None))
        .correlate(HomeownerCommittee)
        .scalar_subquery()
    )
    party = (
        select(func.count())
        .where(HomeownerCommitteeMember.committee_id == HomeownerCommittee.id,
               HomeownerCommitteeMember.deleted_at.is_(None),
               HomeownerCommitteeMember.is_party_member.is_(True))
        .correlate(HomeownerCommittee)
        .scalar_subquery()
    )
    return [
        ListColumn("compound", Compound.name, searchable=True),
        ListColumn("founded_on", HomeownerCommittee.founded_on, Kind.DATE),
        ListColumn("term_start", HomeownerCommittee.term_start, Kind.DATE),
        ListColumn("term_end", HomeownerCommittee.term_end, Kind.DATE),
        ListColumn("member_count", members, Kind.INT),
        ListColumn("party_member_count", party, Kind.INT),
    ]


def _committee_joins(s: Select[Any]) -> Select[Any]:
    return s.select_from(HomeownerCommittee).outerjoin(
        Compound, Compound.id == HomeownerCommittee.compound_id
    )


def _hc_member_columns() -> list[ListColumn]:
    return [
        ListColumn("compound", Compound.name, searchable=True),
        ListColumn("name", HomeownerCommitteeMember.name, searchable=True),
        ListColumn("role", HomeownerCommitteeMember.role, searchable=True),
        ListColumn("is_party_member", HomeownerCommitteeMember.is_party_member, Kind.BOOL),
        ListColumn("phone", HomeownerCommitteeMember.phone, Kind.PHONE),
    ]


def _hc_member_joins(s: Select[Any]) -> Select[Any]:
    return (
        s.select_from(HomeownerCommitteeMember)
        .outerjoin(HomeownerCommittee, HomeownerCommittee.id == HomeownerCommitteeMember.committee_id)
        .outerjoin(Compound, Compound.id == HomeownerCommittee.compound_id)
    )


def _company_columns() -> list[ListColumn]:
    compounds = (
        select(func.count())
        .where(Compound.property_company_id == PropertyCompany.id, Compound.deleted_at.is_(None))
        .correlate(PropertyCompany)
        .scalar_subquery()
    )
    return [
        ListColumn("name", PropertyCompany.name, searchable=True),
        ListColumn("contact", PropertyCompany.contact, searchable=True),
        ListColumn("phone", PropertyCompany.phone, Kind.PHONE),
        ListColumn("address", PropertyCompany.address, searchable=True),
        ListColumn("compound_count", compounds, Kind.INT),
    ]


def _branch_columns() -> list[ListColumn]:
    return [
        ListColumn("name", RedPropertyBranch.name, searchable=True),
        ListColumn("property_company", PropertyCompany.name, searchable=True),
        ListColumn("compound", Compound.name, searchable=True),
        ListColumn("secretary_name", RedPropertyBranch.secretary_name, searchable=True),
        ListColumn("founded_on", RedPropertyBranch.founded_on, Kind.DATE),
        ListColumn("member_count", RedPropertyBranch.member_count, Kind.INT),
    ]


def _branch_joins(s: Select[Any]) -> Select[Any]:
    return (
        s.select_from(RedPropertyBranch)
        .outerjoin(PropertyCompany, PropertyCompany.id == RedPropertyBranch.property_company_id)
        .outerjoin(Compound, Compound.id == RedPropertyBranch.compound_id)
    )


def _unit_columns() -> list[ListColumn]:
    return [
        ListColumn("name", ResidentUnit.name, searchable=True),
        ListColumn("kind", ResidentUnit.kind, Kind.CHOICE),
        ListColumn("contact", ResidentUnit.contact, searchable=True),
        ListColumn("phone", ResidentUnit.phone, Kind.PHONE),
        ListColumn("address", ResidentUnit.address, searchable=True),
        ListColumn("party_org_name", ResidentUnit.party_org_name, searchable=True),
    ]


def _part_time_columns() -> list[ListColumn]:
    return [
        ListColumn("name", PartTimeMember.name, searchable=True),
        ListColumn("resident_unit", ResidentUnit.name, searchable=True),
        ListColumn("post", PartTimeMember.post, searchable=True),
        ListColumn("phone", PartTimeMember.phone, Kind.PHONE),
    ]


def _part_time_joins(s: Select[Any]) -> Select[Any]:
    return s.select_from(PartTimeMember).outerjoin(
        ResidentUnit, ResidentUnit.id == PartTimeMember.resident_unit_id
    )


# The registry's kinds of records.
REGISTRY_KINDS: tuple[EntitySpec, ...] = (
    EntitySpec(
        kind="community",
        model=Community,
        fields=(
            Field("code", Kind.DIVISION_CODE, required=True, max_len=32),
            Field("name", required=True),
            Field("street", required=True),
            Field("district", required=True),
            Field("city", required=True),
            Field("org_kind", Kind.CHOICE, required=True, choices=_enum(OrgKind)),
            Field("org_name"),
            Field("secretary_name", max_len=50),
            Field("secretary_phone", Kind.PHONE),
            Field("address", max_len=200),
        ),
        columns=lambda: [ListColumn("name", Community.name, searchable=True),
                         ListColumn("code", Community.code, searchable=True, code=True)],
    ),
    EntitySpec(
        kind="part_time_member",
        model=PartTimeMember,
        fields=(
            Field("name", required=True, max_len=50),
            Field("resident_unit_id", Kind.REF, ref="resident_unit"),
            Field("post"),
            Field("phone", Kind.PHONE),
        ),
        columns=_part_time_columns,
        joins=_part_time_joins,
    ),
    EntitySpec(
        kind="property_company",
        model=PropertyCompany,
        fields=(
            Field("name", required=True),
            Field("contact", max_len=50),
            Field("phone", Kind.PHONE),
            Field("address", max_len=200),
        ),
        columns=_company_columns,
        dependents=(Dependent(Compound, "property_company_id", "compound"),
                    Dependent(RedPropertyBranch, "property_company_id", "red_property_branch")),
        unique=("name",),
    ),
    EntitySpec(
        kind="compound",
        model=Compound,
        fields=(
            Field("name", required=True),
            Field("address", max_len=200),
            Field("households", Kind.INT, minimum=0, maximum=100000, default=0),
            Field("building_count", Kind.INT, minimum=0, maximum=1000, default=0),
            Field("area_m2", Kind.DECIMAL, minimum=Decimal(0), maximum=Decimal(100_000_000), scale=2),
            Field("property_company_id", Kind.REF, ref="property_company"),
            Field("fee_standard", Kind.DECIMAL, minimum=Decimal(0), maximum=Decimal(100), scale=4),
            Field("fee_collection_rate", Kind.DECIMAL, minimum=Decimal(0), maximum=Decimal(100), scale=2),
            Field("has_homeowner_committee", Kind.BOOL),
            Field("has_red_property_branch", Kind.BOOL),
        ),
        columns=_compound_columns,
        joins=_compound_joins,
        filters=lambda: {"property_company_id": Compound.property_company_id},
        dependents=(Dependent(Building, "compound_id", "building"),
                    Dependent(HomeownerCommittee, "compound_id", "homeowner_committee"),
                    Dependent(PartyMember, "compound_id", "party_member")),
        unique=("name",),
    ),
    EntitySpec(
        kind="building",
        model=Building,
        fields=(
            Field("compound_id", Kind.REF, required=True, ref="compound"),
            Field("number", required=True, max_len=20),
            Field("entrances", Kind.INT, minimum=1, maximum=50, default=1),
            Field("floors", Kind.INT, minimum=1, maximum=200, default=1),
            Field("households", Kind.INT, minimum=0, maximum=10000, default=0),
            Field("leader_name", max_len=50),
            Field("leader_phone", Kind.PHONE),
        ),
        columns=_building_columns,
        joins=_building_joins,
        filters=lambda: {"compound_id": Building.compound_id},
        dependents=(Dependent(PartyMember, "building_id", "party_member"),
                    Dependent(PartyGroupBuilding, "building_id", "party_group")),
        unique=("compound_id", "number"),
        label_field="number",
    ),
    EntitySpec(
        kind="party_group",
        model=PartyGroup,
        fields=(
            Field("name", required=True),
            Field("kind", Kind.CHOICE, required=True, choices=_enum(PartyGroupKind),
                  default=PartyGroupKind.ORDINARY.value),
            Field("compound_id", Kind.REF, ref="compound"),
            Field("building_ids", Kind.MULTI_REF, ref="building"),
            Field("leader_name", max_len=50),
            Field("leader_phone", Kind.PHONE),
        ),
        columns=_group_columns,
        joins=_group_joins,
        filters=lambda: {"compound_id": PartyGroup.compound_id, "kind": PartyGroup.kind},
        check=_check_group,
        dependents=(Dependent(PartyMember, "party_group_id", "party_member"),),
        unique=("name",),
    ),
    EntitySpec(
        kind="party_member",
        model=PartyMember,
        fields=(
            Field("name", required=True, max_len=50),
            Field("gender", Kind.CHOICE, required=True, choices=_enum(Gender)),
            Field("birth_date", Kind.DATE),
            Field("ethnicity", max_len=20, default="汉族"),
            Field("education", Kind.CHOICE, choices=EDUCATIONS),
            Field("join_date", Kind.DATE, required=True),
            Field("status", Kind.CHOICE, required=True, choices=_enum(MemberStatus),
                  default=MemberStatus.FULL.value),
            Field("full_date", Kind.DATE),
            Field("phone", Kind.PHONE),
            Field("id_number", Kind.ID_NUMBER),
            Field("party_group_id", Kind.REF, ref="party_group"),
            Field("compound_id", Kind.REF, ref="compound"),
            Field("building_id", Kind.REF, ref="building"),
            Field("in_service", Kind.BOOL),
            Field("employer"),
            Field("registered_on", Kind.DATE),
        ),
        columns=_member_columns,
        joins=_member_joins,
        filters=lambda: {"party_group_id": PartyMember.party_group_id,
                         "compound_id": PartyMember.compound_id,
                         "status": PartyMember.status},
        check=_check_member,
        unique=("id_number",),
    ),
    EntitySpec(
        kind="homeowner_committee",
        model=HomeownerCommittee,
        fields=(
            Field("compound_id", Kind.REF, required=True, ref="compound"),
            Field("founded_on", Kind.DATE),
            Field("term_start", Kind.DATE),
            Field("term_end", Kind.DATE),
            Field("note", Kind.LONG_TEXT),
        ),
        columns=_committee_columns,
        joins=_committee_joins,
        filters=lambda: {"compound_id": HomeownerCommittee.compound_id},
        check=_check_committee,
        dependents=(Dependent(HomeownerCommitteeMember, "committee_id", "homeowner_committee_member"),),
        unique=("compound_id",),
        label_field="compound_id",
    ),
    EntitySpec(
        kind="homeowner_committee_member",
        model=HomeownerCommitteeMember,
        fields=(
            Field("committee_id", Kind.REF, required=True, ref="homeowner_committee"),
            Field("name", required=True, max_len=50),
            Field("role", Kind.CHOICE, required=True, choices=HC_ROLES, default="委员"),
            Field("is_party_member", Kind.BOOL),
            Field("phone", Kind.PHONE),
        ),
        columns=_hc_member_columns,
        joins=_hc_member_joins,
        filters=lambda: {"committee_id": HomeownerCommitteeMember.committee_id,
                         "compound_id": HomeownerCommittee.compound_id},
    ),
    EntitySpec(
        kind="red_property_branch",
        model=RedPropertyBranch,
        fields=(
            Field("name", required=True),
            Field("property_company_id", Kind.REF, ref="property_company"),
            Field("compound_id", Kind.REF, ref="compound"),
            Field("secretary_name", max_len=50),
            Field("founded_on", Kind.DATE),
            Field("member_count", Kind.INT, minimum=0, maximum=1000, default=0),
        ),
        columns=_branch_columns,
        joins=_branch_joins,
        filters=lambda: {"compound_id": RedPropertyBranch.compound_id},
        unique=("name",),
    ),
    EntitySpec(
        kind="resident_unit",
        model=ResidentUnit,
        fields=(
            Field("name", required=True),
            Field("kind", Kind.CHOICE, required=True, choices=_enum(ResidentUnitKind),
                  default=ResidentUnitKind.ENTERPRISE.value),
            Field("contact", max_len=50),
            Field("phone", Kind.PHONE),
            Field("address", max_len=200),
            Field("party_org_name"),
        ),
        columns=_unit_columns,
        filters=lambda: {"kind": ResidentUnit.kind},
        dependents=(Dependent(PartTimeMember, "resident_unit_id", "part_time_member"),),
        unique=("name",),
    ),
)
