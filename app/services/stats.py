"""Counts of live records, for ``community-ledger-cli stats``, the status bar and the benchmarks.

Each area contributes a *provider*: a function ``(session, community_id) -> {key: number}`` that
counts live records (not tombstones) of its tables, in one community or, when ``community_id``
is ``None``, in the whole database.  The registry's provider is defined here; another area adds
its own with :func:`provider` in a module listed in :data:`PROVIDER_MODULES`, which
:func:`collect_stats` imports first.  Keys are snake_case English; values are ints (counts, fen)
or floats (rates between 0 and 1).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Protocol

from sqlalchemy import ColumnElement, case, func, select
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
    SyncedRecord,
)

Stats = dict[str, int | float]
Provider = Callable[[Session, str | None], Stats]

PROVIDERS: list[Provider] = []


class SessionSource(Protocol):
    """What :func:`collect_stats` needs of a database: short sessions (``Database`` has it)."""

    def session(self) -> AbstractContextManager[Session]: ...


# Modules that register providers when imported; missing ones are skipped.
PROVIDER_MODULES: list[str] = ["app.services.ledger_stats"]


def provider(fn: Provider) -> Provider:
    """Decorator: add ``fn`` to the providers :func:`collect_stats` calls (once)."""
    if fn not in PROVIDERS:
        PROVIDERS.append(fn)
    return fn


def collect_stats(db: SessionSource, community_id: str | None = None) -> Stats:
    """Every provider's numbers for one community, or the whole database when ``None``."""
    _load_provider_modules()
    result: Stats = {}
    with db.session() as session:
        for fn in PROVIDERS:
            result.update(fn(session, community_id))
    return result


def _load_provider_modules() -> None:
    for name in PROVIDER_MODULES:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)


def live_count(session: Session, model: type[SyncedRecord], community_id: str | None,
               *where: ColumnElement[bool]) -> int:
    """Live records of ``model`` in the community (or everywhere) matching ``where``."""
    m: Any = model
    stmt = select(func.count()).select_from(m).where(m.deleted_at.is_(None), *where)
    if community_id is not None:
        stmt = stmt.where(m.community_id == community_id)
    return int(session.scalar(stmt) or 0)


def live_sum(session: Session, column: Any, model: type[SyncedRecord], community_id: str | None,
             *where: ColumnElement[bool]) -> int:
    """Sum of an integer ``column`` over live records of ``model``."""
    m: Any = model
    stmt = select(func.coalesce(func.sum(column), 0)).select_from(m).where(m.deleted_at.is_(None), *where)
    if community_id is not None:
        stmt = stmt.where(m.community_id == community_id)
    return int(session.scalar(stmt) or 0)


@provider
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


LABELS: dict[str, str] = {
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
"""Chinese words for the keys, for tables shown to people; other modules may add theirs."""
