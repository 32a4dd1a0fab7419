"""The community registry: the community, its compounds, buildings, party organisation and partners."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.identity import DIVISION_CODE, ID_NUMBER, PHONE, value_rule
from app.models.base import Base, ScaledDecimal, SyncedRecord, person_names, refers_to


class OrgKind(StrEnum):
    COMMITTEE = "committee"
    GENERAL_BRANCH = "general_branch"
    BRANCH = "branch"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class MemberStatus(StrEnum):
    FULL = "full"
    PROBATIONARY = "probationary"


class PartyGroupKind(StrEnum):
    ORDINARY = "ordinary"
    BUILDING = "building"


class ResidentUnitKind(StrEnum):
    ENTERPRISE = "enterprise"
    SCHOOL = "school"
    HOSPITAL = "hospital"
    ORGAN = "organ"
    SOCIAL = "social"
    OTHER = "other"


class Community(SyncedRecord, Base):
    __tablename__ = "community"

    code: Mapped[str] = mapped_column(String(32), unique=True, info=value_rule(DIVISION_CODE))
    name: Mapped[str] = mapped_column(String(100))
    street: Mapped[str] = mapped_column(String(100))
    district: Mapped[str] = mapped_column(String(100))
    city: Mapped[str] = mapped_column(String(100))
    org_kind: Mapped[str] = mapped_column(String(20), default=OrgKind.COMMITTEE.value)
    org_name: Mapped[str] = mapped_column(String(100), default="")
    secretary_name: Mapped[str] = mapped_column(String(50), default="", info=person_names())
    secretary_phone: Mapped[str] = mapped_column(String(20), default="", info=value_rule(PHONE))
    address: Mapped[str] = mapped_column(String(200), default="")


class PartTimeMember(SyncedRecord, Base):
    """A part-time member of the expanded committee, from a resident unit."""

    __tablename__ = "part_time_member"

    name: Mapped[str] = mapped_column(String(50), info=person_names())
    resident_unit_id: Mapped[str | None] = mapped_column(String(36), default=None,
                                                         info=refers_to("resident_unit"))
    post: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(20), default="", info=value_rule(PHONE))


class PropertyCompany(SyncedRecord, Base):
    __tablename__ = "property_company"

    name: Mapped[str] = mapped_column(String(100))
    contact: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(20), default="", info=value_rule(PHONE))
    address: Mapped[str] = mapped_column(String(200), default="")


class Compound(SyncedRecord, Base):
    __tablename__ = "compound"

    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(200), default="")
    households: Mapped[int] = mapped_column(default=0)
    building_count: Mapped[int] = mapped_column(default=0)
    area_m2: Mapped[Decimal | None] = mapped_column(ScaledDecimal(2), default=None)
    property_company_id: Mapped[str | None] = mapped_column(String(36), default=None,
                                                            info=refers_to("property_company"))
    # Yuan per square metre per month, kept to 0.0001 yuan.
    fee_standard: Mapped[Decimal | None] = mapped_column(ScaledDecimal(4), default=None)
    # Percent, kept to 0.01 %.
    fee_collection_rate: Mapped[Decimal | None] = mapped_column(ScaledDecimal(2), default=None)
    has_homeowner_committee: Mapped[bool] = mapped_column(default=False)
    has_red_property_branch: Mapped[bool] = mapped_column(default=False)


class Building(SyncedRecord, Base):
    __tablename__ = "building"

    compound_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("compound"))
    number: Mapped[str] = mapped_column(String(20))
    entrances: Mapped[int] = mapped_column(default=1)
    floors: Mapped[int] = mapped_column(default=1)
    households: Mapped[int] = mapped_column(default=0)
    leader_name: Mapped[str] = mapped_column(String(50), default="", info=person_names())
    leader_phone: Mapped[str] = mapped_column(String(20), default="", info=value_rule(PHONE))


class PartyGroup(SyncedRecord, Base):
    __tablename__ = "party_group"

    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20), default=PartyGroupKind.ORDINARY.value)
    compound_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True,
                                                    info=refers_to("compound"))
    leader_name: Mapped[str] = mapped_column(String(50), default="", info=person_names())
    leader_phone: Mapped[str] = mapped_column(String(20), default="", info=value_rule(PHONE))


class PartyGroupBuilding(SyncedRecord, Base):
    """A building covered by a building party group."""

    __tablename__ = "party_group_building"

    party_group_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("party_group"))
    building_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("building"))


class PartyMember(SyncedRecord, Base):
    __tablename__ = "party_member"

    name: Mapped[str] = mapped_column(String(50), index=True, info=person_names())
    gender: Mapped[str] = mapped_column(String(10))
    birth_date: Mapped[date | None] = mapped_column(default=None)
    ethnicity: Mapped[str] = mapped_column(String(20), default="汉族")
    education: Mapped[str] = mapped_column(String(20), default="")
    join_date: Mapped[date | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(20), default=MemberStatus.FULL.value)
    full_date: Mapped[date | None] = mapped_column(default=None)
    phone: Mapped[str] = mapped_column(String(20), default="", info=value_rule(PHONE))
    id_number: Mapped[str] = mapped_column(String(18), default="", info=value_rule(ID_NUMBER))
    party_group_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True,
                                                       info=refers_to("party_group"))
    compound_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True,
                                                    info=refers_to("compound"))
    building_id: Mapped[str | None] = mapped_column(String(36), default=None, info=refers_to("building"))
    in_service: Mapped[bool] = mapped_column(default=False)
    employer: Mapped[str] = mapped_column(String(100), default="")
    registered_on: Mapped[date | None] = mapped_column(default=None)


class HomeownerCommittee(SyncedRecord, Base):
    __tablename__ = "homeowner_committee"

    compound_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("compound"))
    founded_on: Mapped[date | None] = mapped_column(default=None)
    term_start: Mapped[date | None] = mapped_column(default=None)
    term_end: Mapped[date | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class HomeownerCommitteeMember(SyncedRecord, Base):
    __tablename__ = "homeowner_committee_member"

    committee_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("homeowner_committee"))
    name: Mapped[str] = mapped_column(String(50), info=person_names())
    role: Mapped[str] = mapped_column(String(20), default="委员")
    is_party_member: Mapped[bool] = mapped_column(default=False)
    phone: Mapped[str] = mapped_column(String(20), default="", info=value_rule(PHONE))


class RedPropertyBranch(SyncedRecord, Base):
    __tablename__ = "red_property_branch"

    name: Mapped[str] = mapped_column(String(100))
    property_company_id: Mapped[str | None] = mapped_column(String(36), default=None,
                                                            info=refers_to("property_company"))
    compound_id: Mapped[str | None] = mapped_column(String(36), default=None, info=refers_to("compound"))
    secretary_name: Mapped[str] = mapped_column(String(50), default="", info=person_names())
    founded_on: Mapped[date | None] = mapped_column(default=None)
    member_count: Mapped[int] = mapped_column(default=0)


class ResidentUnit(SyncedRecord, Base):
    __tablename__ = "resident_unit"

    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20), default=ResidentUnitKind.ENTERPRISE.value)
    contact: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(20), default="", info=value_rule(PHONE))
    address: Mapped[str] = mapped_column(String(200), default="")
    party_org_name: Mapped[str] = mapped_column(String(100), default="")
