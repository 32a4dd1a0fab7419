"""The ledgers' numbers for ``community-ledger-cli stats`` (a provider listed in :mod:`app.services.stats`).

Counts are of live records.  ``appeals_overdue`` counts open appeals (dispatched or being
handled) whose deadline is before today; ``appeal_satisfaction_rate`` is satisfied or mostly
satisfied over all return visits (0 when there were none); ``funds_balance_fen`` is opening
balances plus income minus expense over every fund.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.models.ledgers import (
    Appeal,
    CommunityBrand,
    CompoundGuarantee,
    Fund,
    FundDirection,
    FundEntry,
    Meeting,
    MeetingKind,
    SecretaryProject,
    TrainingRecord,
    VisitResult,
    WorkdayVisit,
)
from app.models.scope import live_in
from app.services.appeals import OPEN_STATES, RESOLVED_STATES
from app.services.counting import Stats, live_count, live_sum


def ledger_numbers(session: Session, community_id: str | None, today: date) -> Stats:
    def scoped(stmt: Any, model: Any) -> Any:
        return stmt.where(live_in(model, community_id))

    visits_stmt = scoped(select(
        func.count(Appeal.visit_result),
        func.coalesce(func.sum(case((Appeal.visit_result.in_(
            (VisitResult.SATISFIED.value, VisitResult.MOSTLY.value)), 1), else_=0)), 0),
    ), Appeal)
    visited, satisfied = session.execute(visits_stmt).one()
    signed = case((FundEntry.direction == FundDirection.INCOME.value, FundEntry.amount_fen),
                  else_=-FundEntry.amount_fen)
    entries = int(session.scalar(scoped(select(func.coalesce(func.sum(signed), 0)), FundEntry)) or 0)
    brands = live_count(session, CommunityBrand, community_id)
    return {
        "meetings": live_count(session, Meeting, community_id),
        "party_lessons": live_count(session, Meeting, community_id,
                                    Meeting.kind == MeetingKind.PARTY_LESSON.value),
        "secretary_projects": live_count(session, SecretaryProject, community_id),
        "secretary_projects_done": live_count(session, SecretaryProject, community_id,
                                              SecretaryProject.status == "done"),
        "appeals_received": live_count(session, Appeal, community_id),
        "appeals_resolved": live_count(session, Appeal, community_id, Appeal.state.in_(RESOLVED_STATES)),
        "appeals_overdue": live_count(session, Appeal, community_id, Appeal.state.in_(OPEN_STATES),
                                      Appeal.deadline < today),
        "appeal_satisfaction_rate": (int(satisfied) / int(visited)) if visited else 0.0,
        "guaranteed_compounds": int(session.scalar(scoped(
            select(func.count(func.distinct(CompoundGuarantee.compound_id))), CompoundGuarantee)) or 0),
        "workday_cadre_visits": live_count(session, WorkdayVisit, community_id),
        "workday_goods_fen": live_sum(session, WorkdayVisit.goods_fen, WorkdayVisit, community_id),
        "funds_balance_fen": live_sum(session, Fund.opening_fen, Fund, community_id) + entries,
        "training_attendances": live_count(session, TrainingRecord, community_id),
        "community_brands": brands,
        # Summed over the city: the communities with a brand (the case's 特色品牌社区).
        "brand_communities": int(session.scalar(scoped(
            select(func.count(func.distinct(CommunityBrand.community_id))), CommunityBrand)) or 0),
    }


def ledger_stats(session: Session, community_id: str | None) -> Stats:
    return ledger_numbers(session, community_id, date.today())


LEDGER_LABELS: dict[str, str] = {
    "meetings": "会议活动",
    "party_lessons": "党课",
    "secretary_projects": "书记项目",
    "secretary_projects_done": "书记项目已交账",
    "appeals_received": "受理民生诉求",
    "appeals_resolved": "办结民生诉求",
    "appeals_overdue": "超期未办结诉求",
    "appeal_satisfaction_rate": "诉求满意率",
    "guaranteed_compounds": "包保小区",
    "workday_cadre_visits": "社区工作日干部到岗人次",
    "workday_goods_fen": "社区工作日捐赠物资（分）",
    "funds_balance_fen": "经费结余（分）",
    "training_attendances": "培训人次",
    "community_brands": "社区特色品牌",
    "brand_communities": "特色品牌社区",
}
