"""The home dashboard: the counts the case reports, and the to-do list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import extract, func, select

from app.models import HomeownerCommittee, PartyGroup, PartyGroupKind, RedPropertyBranch
from app.models.ledgers import Appeal, CompoundGuarantee, Meeting, MeetingKind, TrainingRecord, WorkdayVisit
from app.models.sync import SyncConflict
from app.services.appeals import RESOLVED_STATES, AppealService
from app.services.ledger_common import LedgerService
from app.services.meetings import MeetingService
from app.services.projects import ProjectService
from app.services.workday import WorkdayService


@dataclass(frozen=True)
class DashboardCounts:
    year: int
    guaranteed_compounds: int
    guarantee_leaders: int
    building_party_groups: int
    homeowner_committees: int
    red_property_branches: int
    projects_claimed: int
    projects_done: int
    projects_overdue: int
    appeals_received: int
    appeals_resolved: int
    appeals_overdue: int
    satisfaction_rate: float | None
    workday_cadres: int
    workday_visits: int
    workday_party_lessons: int
    pairings: int
    workday_appeals_solved: int
    goods_fen: int
    party_lessons: int
    training_attendances: int


@dataclass(frozen=True)
class MonthFigures:
    """One month of the year, for the dashboard's charts."""

    month: int
    appeals_received: int
    appeals_resolved: int
    meetings: int
    workday_visits: int
    training_attendances: int


@dataclass(frozen=True)
class TodoItem:
    """One thing to do; ``ref_kind`` and ``ref_id`` say what opens when it is clicked."""

    kind: str  # sync_conflicts, appeal_overdue, appeal_near_due, milestone_due, meeting_missing
    ref_kind: str  # sync_conflicts, appeal, secretary_project, meeting_kind
    ref_id: str
    title: str
    due: date | None
    overdue: bool
    context: str = ""  # what the item belongs to: a milestone's project
    owner: str = ""  # who answers for it: the project's secretary


class DashboardService(LedgerService):

    def counts(self, year: int | None = None, today: date | None = None) -> DashboardCounts:
        today = today or self.today()
        year = year or today.year
        start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
        projects = ProjectService(self.db, self._now).counts(year, today)
        appeals = AppealService(self.db, self._now)
        rates = appeals.rates(start, end)
        overdue = len(appeals.supervision(today).overdue)
        work = WorkdayService(self.db, self._now).totals(year)
        with self.db.session() as session:
            guaranteed = int(session.scalar(select(func.count(func.distinct(CompoundGuarantee.compound_id)))
                                            .where(self.live(CompoundGuarantee))) or 0)
            leaders = int(session.scalar(select(func.count(func.distinct(
                CompoundGuarantee.leader_name + "|" + CompoundGuarantee.leader_unit)))
                .where(self.live(CompoundGuarantee))) or 0)
            building_groups = self.count(session, PartyGroup,
                                         PartyGroup.kind == PartyGroupKind.BUILDING.value)
            committees = self.count(session, HomeownerCommittee)
            branches = self.count(session, RedPropertyBranch)
            lessons = self.count(session, Meeting, Meeting.kind == MeetingKind.PARTY_LESSON.value,
                                 Meeting.starts_at >= start, Meeting.starts_at < end)
            training = self.count(session, TrainingRecord, TrainingRecord.trained_on >= start.date(),
                                  TrainingRecord.trained_on < end.date())
        return DashboardCounts(
            year, guaranteed, leaders, building_groups, committees, branches,
            projects.claimed, projects.done, projects.overdue,
            rates.received, rates.resolved, overdue, rates.satisfaction_rate,
            work.cadres, work.visits, work.party_lessons, work.pairings, work.appeals_solved, work.goods_fen,
            lessons, training)

    def monthly(self, year: int) -> list[MonthFigures]:
        """Months 1..12: appeals received and resolved (by the month received, and closed),
        meetings held, work-day visits and training attendances."""
        start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)

        def by_month(session: Any, column: Any, model: Any, *where: Any) -> dict[int, int]:
            month = extract("month", column)
            rows = session.execute(select(month, func.count()).select_from(model)
                                   .where(self.live(model), *where).group_by(month))
            return {int(m): int(n) for m, n in rows if m is not None}

        with self.db.session() as session:
            received = by_month(session, Appeal.received_at, Appeal,
                                Appeal.received_at >= start, Appeal.received_at < end)
            resolved = by_month(session, Appeal.closed_at, Appeal, Appeal.closed_at >= start,
                                Appeal.closed_at < end, Appeal.state.in_(RESOLVED_STATES))
            meetings = by_month(session, Meeting.starts_at, Meeting,
                                Meeting.starts_at >= start, Meeting.starts_at < end)
            visits = {int(m[5:]): n for m, n in session.execute(
                select(WorkdayVisit.month, func.count()).where(
                    self.live(WorkdayVisit), WorkdayVisit.month.startswith(f"{year}-"))
                .group_by(WorkdayVisit.month))}
            training = by_month(session, TrainingRecord.trained_on, TrainingRecord,
                                TrainingRecord.trained_on >= start.date(),
                                TrainingRecord.trained_on < end.date())
        return [MonthFigures(m, received.get(m, 0), resolved.get(m, 0), meetings.get(m, 0), visits.get(m, 0),
                             training.get(m, 0)) for m in range(1, 13)]

    def todo(self, today: date | None = None, milestone_days: int = 14) -> list[TodoItem]:
        """Sync conflicts to review, overdue appeals, near-due appeals, milestones due, meetings
        missing this quarter."""
        today = today or self.today()
        items: list[TodoItem] = []
        with self.db.session() as session:
            conflicts = int(session.scalar(select(func.count()).select_from(SyncConflict)
                                           .where(SyncConflict.resolved_at.is_(None))) or 0)
        if conflicts:
            # Edits made here that lost to newer ones from elsewhere: where the secretary looks daily.
            items.append(TodoItem("sync_conflicts", "sync_conflicts", "", str(conflicts), None, True))
        sup = AppealService(self.db, self._now).supervision(today)
        for a in sup.overdue:
            items.append(TodoItem("appeal_overdue", "appeal", a.id, f"{a.number} {a.content[:30]}",
                                  a.deadline, True))
        for a in sup.near_due:
            items.append(TodoItem("appeal_near_due", "appeal", a.id, f"{a.number} {a.content[:30]}",
                                  a.deadline, False))
        for m in ProjectService(self.db, self._now).milestones_due(today, milestone_days):
            items.append(TodoItem("milestone_due", "secretary_project", m.project_id, m.title, m.due_date,
                                  m.overdue, m.project_title, m.project_secretary))
        for r in MeetingService(self.db, self._now).reminders(today):
            items.append(TodoItem("meeting_missing", "meeting_kind", r.kind, r.kind, None, False))
        return items
