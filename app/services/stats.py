"""Counts of live records, for ``community-ledger-cli stats``, the status bar and the benchmarks.

Each area contributes a *provider*: a function ``(session, community_id) -> {key: number}`` that
counts live records (not tombstones) of its tables, in one community or, when ``community_id``
is ``None``, in the whole database.  The providers and their Chinese labels are listed in
:data:`PROVIDERS` and :data:`LABELS`; a new area adds its provider there.  Keys are snake_case
English; values are ints (counts, fen) or floats (rates between 0 and 1).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Protocol

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.models import (
    Building,
    Community,
    Compound,
    HomeownerCommittee,
    HomeownerCommitteeMember,
    PartTimeMember,
    PartyGroup,
    PartyGroupKind,
    PartyMember,
    PropertyCompany,
    RedPropertyBranch,
    ResidentUnit,
)
from app.services.counting import Stats, live_count, live_sum
from app.services.ledger_stats import LEDGER_LABELS, ledger_stats
from app.services.livelihood import LIVELIHOOD_LABELS, livelihood_stats
from app.services.venues import VENUE_LABELS, venue_stats

Provider = Callable[[Session, str | None], Stats]


class SessionSource(Protocol):
    """What :func:`collect_stats` needs of a database: short sessions (``Database`` has it)."""

    def session(self) -> AbstractContextManager[Session]: ...


def registry_stats(session: Session, community_id: str | None) -> Stats:
    """The community registry: places, party organisation, governance and partners."""
    member_stmt = select(
        func.count(),
        func.coalesce(func.sum(case((PartyMember.status == "probationary", 1), else_=0)), 0),
        func.coalesce(func.sum(case((PartyMember.in_service.is_(True), 1), else_=0)), 0),
    ).where(PartyMember.deleted_at.is_(None))
    if community_id is not None:
        member_stmt = member_stmt.where(PartyMember.community_id == community_id)
    members, probationary, in_service = session.execute(member_stmt).one()
    hc_party = HomeownerCommitteeMember.is_party_member.is_(True)
    return {
        "communities": live_count(session, Community, community_id),
        "compounds": live_count(session, Compound, community_id),
        "buildings": live_count(session, Building, community_id),
        "households": live_sum(session, Compound.households, Compound, community_id),
        "party_groups": live_count(session, PartyGroup, community_id),
        "building_party_groups": live_count(session, PartyGroup, community_id,
                                            PartyGroup.kind == PartyGroupKind.BUILDING.value),
        "party_members": int(members),
        "probationary_members": int(probationary),
        "in_service_members": int(in_service),
        "homeowner_committees": live_count(session, HomeownerCommittee, community_id),
        "homeowner_committee_members": live_count(session, HomeownerCommitteeMember, community_id),
        "homeowner_committee_party_members": live_count(session, HomeownerCommitteeMember,
                                                        community_id, hc_party),
        "property_companies": live_count(session, PropertyCompany, community_id),
        "red_property_branches": live_count(session, RedPropertyBranch, community_id),
        "resident_units": live_count(session, ResidentUnit, community_id),
        "part_time_members": live_count(session, PartTimeMember, community_id),
    }


REGISTRY_LABELS: dict[str, str] = {
    "communities": "社区",
    "compounds": "小区",
    "buildings": "楼栋",
    "households": "户数",
    "party_groups": "党小组",
    "building_party_groups": "楼栋党小组",
    "party_members": "党员",
    "probationary_members": "预备党员",
    "in_service_members": "在职党员报到",
    "homeowner_committees": "业主委员会",
    "homeowner_committee_members": "业委会成员",
    "homeowner_committee_party_members": "业委会成员中的党员",
    "property_companies": "物业公司",
    "red_property_branches": "红色物业服务党支部",
    "resident_units": "驻区单位",
    "part_time_members": "大党委兼职委员",
}


# Every area's provider, in the order their figures are listed.
PROVIDERS: tuple[Provider, ...] = (registry_stats, ledger_stats, venue_stats, livelihood_stats)
# Chinese words for the keys, for tables shown to people.
LABELS: dict[str, str] = {**REGISTRY_LABELS, **LEDGER_LABELS, **VENUE_LABELS, **LIVELIHOOD_LABELS}


def collect_stats(db: SessionSource, community_id: str | None = None) -> Stats:
    """Every provider's numbers for one community, or the whole database when ``None``."""
    result: Stats = {}
    with db.session() as session:
        for fn in PROVIDERS:
            result.update(fn(session, community_id))
    return result
