"""Secretary projects (书记项目): claimed each year, tracked by milestones (建账 / 查账 / 交账),
evaluated, and shown on the progress board (挂图作战).

Progress is derived from milestones; ``overdue`` is a derived status (a milestone past its due
date and not done), never stored.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.collation import by_pinyin
from app.models import Community, PartyGroup, ResidentUnit
from app.models.ledgers import (
    EvaluationMethod,
    MilestoneStage,
    ProjectEvaluation,
    ProjectMilestone,
    ProjectStatus,
    SecretaryLevel,
    SecretaryProject,
)
from app.services.errors import DomainError, FieldError, ValidationError
from app.services.fields import Field, Kind
from app.services.ledger_common import LedgerService, Values, validate

OVERDUE = "overdue"
FINISHED = (ProjectStatus.DONE.value, ProjectStatus.CLOSED.value)

PROJECT_FIELDS = (
    Field("year", Kind.INT, required=True, minimum=2000, maximum=2100),
    Field("level", Kind.CHOICE, required=True, choices=tuple(s.value for s in SecretaryLevel),
          default=SecretaryLevel.COMMUNITY.value),
    Field("secretary_name", required=True, max_len=50),
    Field("party_group_id", Kind.REF, ref="party_group"),
    Field("resident_unit_id", Kind.REF, ref="resident_unit"),
    Field("title", required=True, max_len=200),
    Field("problem", Kind.LONG_TEXT),
    Field("measures", Kind.LONG_TEXT),
    Field("team", max_len=200),
    Field("outcome", Kind.LONG_TEXT),
    Field("feedback", Kind.LONG_TEXT),
)

MILESTONE_FIELDS = (
    Field("stage", Kind.CHOICE, required=True, choices=tuple(s.value for s in MilestoneStage),
          default=MilestoneStage.OTHER.value),
    Field("title", required=True, max_len=200),
    Field("due_date", Kind.DATE, required=True),
    Field("done_on", Kind.DATE),
    Field("note", Kind.LONG_TEXT),
)

EVALUATION_FIELDS = (
    Field("method", Kind.CHOICE, required=True, choices=tuple(m.value for m in EvaluationMethod)),
    Field("evaluated_on", Kind.DATE, required=True),
    Field("notes", Kind.LONG_TEXT),
    Field("satisfaction", Kind.DECIMAL, minimum=Decimal(0), maximum=Decimal(100), scale=1),
    Field("evaluator", max_len=50),
)

# 年初建账 / 年中查账 / 年底交账
DEFAULT_MILESTONES = (
    (MilestoneStage.OPEN.value, "年初建账", 3, 31),
    (MilestoneStage.MIDYEAR.value, "年中查账", 6, 30),
    (MilestoneStage.DELIVERY.value, "年底交账", 12, 31),
)


def derived_status(stored: str, milestones: list[tuple[date, date | None]], today: date) -> str:
    """The status a user sees: ``overdue`` when an open milestone is past due."""
    if stored in FINISHED:
        return stored
    if any(done is None and due < today for due, done in milestones):
        return OVERDUE
    return stored


def progress_percent(milestones: list[tuple[date, date | None]]) -> int:
    """Share of milestones done, in whole percent (0 without milestones)."""
    if not milestones:
        return 0
    done = sum(1 for _, d in milestones if d is not None)
    return done * 100 // len(milestones)


@dataclass(frozen=True)
class MilestoneView:
    id: str
    project_id: str
    stage: str
    title: str
    due_date: date
    done_on: date | None
    overdue: bool
    # Filled where milestones of several projects are listed together.
    project_title: str = ""
    project_secretary: str = ""


@dataclass(frozen=True)
class ProjectView:
    id: str
    year: int
    level: str
    secretary_name: str
    title: str
    stored_status: str
    status: str
    progress: int
    milestones: list[MilestoneView]


@dataclass(frozen=True)
class BoardRow:
    project_id: str
    title: str
    secretary_name: str
    status: str
    progress: int
    cells: dict[int, list[MilestoneView]] = field(default_factory=dict)


@dataclass(frozen=True)
class Board:
    year: int
    months: tuple[int, ...]
    rows: list[BoardRow]
    overdue_milestones: int


@dataclass(frozen=True)
class Secretary:
    level: str
    ref_id: str
    name: str
    org: str


@dataclass(frozen=True)
class ProjectCounts:
    claimed: int
    done: int
    overdue: int


class ProjectService(LedgerService):

    # --- projects -------------------------------------------------------------------

    def create(self, values: Values, default_milestones: bool = True) -> str:
        cleaned = self._clean(values)
        with self.db.session() as session:
            self._check_refs(session, cleaned)
            project = SecretaryProject(**cleaned)
            project.status = ProjectStatus.CLAIMED.value
            pid = self.add(session, project)
            if default_milestones:
                for order, (stage, title, month, day) in enumerate(DEFAULT_MILESTONES, start=1):
                    self.add(session, ProjectMilestone(
                        project_id=pid, stage=stage, title=title, due_date=date(cleaned["year"], month, day),
                        sort_order=order, note=""))
            return pid

    def update(self, project_id: str, values: Values) -> Values:
        cleaned = self._clean(values)
        with self.db.session() as session:
            project = self.load(session, SecretaryProject, project_id, "secretary_project")
            self._check_refs(session, cleaned)
            return self.change(session, project, cleaned)

    def delete(self, project_id: str) -> None:
        with self.db.session() as session:
            project = self.load(session, SecretaryProject, project_id, "secretary_project")
            self.delete_children(session, ProjectMilestone, "project_id", project_id)
            self.delete_children(session, ProjectEvaluation, "project_id", project_id)
            self.log(session).deleted(project)

    def set_status(self, project_id: str, status: str) -> None:
        """Move a project to claimed / in progress / done / closed; done needs every milestone done."""
        if status not in tuple(s.value for s in ProjectStatus):
            raise ValidationError([FieldError("status", "bad_choice")])
        with self.db.session() as session:
            project = self.load(session, SecretaryProject, project_id, "secretary_project")
            if status == ProjectStatus.DONE.value:
                open_count = self.count(session, ProjectMilestone, ProjectMilestone.project_id == project_id,
                                        ProjectMilestone.done_on.is_(None))
                if open_count:
                    raise DomainError("milestones_open", count=open_count)
            self.change(session, project, {"status": status})

    def get(self, project_id: str, today: date | None = None) -> ProjectView:
        today = today or self.today()
        with self.db.session() as session:
            p = self.load(session, SecretaryProject, project_id, "secretary_project")
            ms = self._milestones(session, [project_id], today).get(project_id, [])
        return self._view(p, ms, today)

    def milestone_values(self, milestone_id: str) -> Values:
        """A milestone's editable values, as its form shows them."""
        with self.db.session() as session:
            m = self.load(session, ProjectMilestone, milestone_id, "project_milestone")
            return {"id": m.id, **{f.name: getattr(m, f.name) for f in MILESTONE_FIELDS}}

    def _view(self, p: SecretaryProject, ms: list[MilestoneView], today: date) -> ProjectView:
        pairs = [(m.due_date, m.done_on) for m in ms]
        return ProjectView(p.id, p.year, p.level, p.secretary_name, p.title, p.status,
                           derived_status(p.status, pairs, today), progress_percent(pairs), ms)

    def projects(self, year: int, today: date | None = None) -> list[ProjectView]:
        today = today or self.today()
        with self.db.session() as session:
            rows = session.scalars(select(SecretaryProject).where(
                self.live(SecretaryProject), SecretaryProject.year == year)
                .order_by(by_pinyin(SecretaryProject.secretary_name),
                          by_pinyin(SecretaryProject.title))).all()
            ms = self._milestones(session, [p.id for p in rows], today)
        return [self._view(p, ms.get(p.id, []), today) for p in rows]

    def counts(self, year: int, today: date | None = None) -> ProjectCounts:
        views = self.projects(year, today)
        return ProjectCounts(len(views), sum(1 for v in views if v.status == ProjectStatus.DONE.value),
                             sum(1 for v in views if v.status == OVERDUE))

    # --- milestones -----------------------------------------------------------------

    def add_milestone(self, project_id: str, values: Values) -> str:
        cleaned = validate(MILESTONE_FIELDS, values)
        with self.db.session() as session:
            self.load(session, SecretaryProject, project_id, "secretary_project")
            last = session.scalar(select(func.max(ProjectMilestone.sort_order)).where(
                self.live(ProjectMilestone), ProjectMilestone.project_id == project_id)) or 0
            mid = self.add(session, ProjectMilestone(project_id=project_id, sort_order=last + 1, **cleaned))
            if cleaned.get("done_on"):
                self._started(session, project_id)
            return mid

    def update_milestone(self, milestone_id: str, values: Values) -> Values:
        cleaned = validate(MILESTONE_FIELDS, values)
        with self.db.session() as session:
            row = self.load(session, ProjectMilestone, milestone_id, "project_milestone")
            old = self.change(session, row, cleaned)
            if cleaned.get("done_on"):
                self._started(session, row.project_id)
            return old

    def complete_milestone(self, milestone_id: str, done_on: date | None = None, note: str = "") -> None:
        with self.db.session() as session:
            row = self.load(session, ProjectMilestone, milestone_id, "project_milestone")
            changes: Values = {"done_on": done_on or self.today()}
            if note:
                changes["note"] = note
            self.change(session, row, changes)
            self._started(session, row.project_id)

    def reopen_milestone(self, milestone_id: str) -> None:
        with self.db.session() as session:
            row = self.load(session, ProjectMilestone, milestone_id, "project_milestone")
            self.change(session, row, {"done_on": None})

    def delete_milestone(self, milestone_id: str) -> None:
        with self.db.session() as session:
            row = self.load(session, ProjectMilestone, milestone_id, "project_milestone")
            self.log(session).deleted(row)

    def _started(self, session: Session, project_id: str) -> None:
        project = session.get(SecretaryProject, project_id)
        if project is not None and project.status == ProjectStatus.CLAIMED.value:
            self.change(session, project, {"status": ProjectStatus.IN_PROGRESS.value})

    def milestones_due(self, today: date | None = None, within_days: int = 14) -> list[MilestoneView]:
        """Open milestones past due or due within ``within_days`` days, of unfinished projects."""
        today = today or self.today()
        limit = date.fromordinal(today.toordinal() + within_days)
        with self.db.session() as session:
            rows = session.execute(
                select(ProjectMilestone, SecretaryProject.title, SecretaryProject.secretary_name)
                .join(SecretaryProject, SecretaryProject.id == ProjectMilestone.project_id)
                .where(self.live(ProjectMilestone), self.live(SecretaryProject),
                       SecretaryProject.status.not_in(FINISHED),
                       ProjectMilestone.done_on.is_(None), ProjectMilestone.due_date <= limit)
                .order_by(ProjectMilestone.due_date, by_pinyin(SecretaryProject.title))).all()
            return [self._milestone_view(m, today, project, secretary) for m, project, secretary in rows]

    # --- evaluations ----------------------------------------------------------------

    def add_evaluation(self, project_id: str, values: Values) -> str:
        cleaned = validate(EVALUATION_FIELDS, values)
        with self.db.session() as session:
            self.load(session, SecretaryProject, project_id, "secretary_project")
            return self.add(session, ProjectEvaluation(project_id=project_id, **cleaned))

    def evaluations(self, project_id: str) -> list[Values]:
        with self.db.session() as session:
            rows = session.scalars(select(ProjectEvaluation).where(
                self.live(ProjectEvaluation), ProjectEvaluation.project_id == project_id)
                .order_by(ProjectEvaluation.evaluated_on))
            return [{"id": r.id, **{f.name: getattr(r, f.name) for f in EVALUATION_FIELDS}} for r in rows]

    # --- the board and the check ----------------------------------------------------

    def board(self, year: int, today: date | None = None) -> Board:
        """Projects as rows, months 1..12 as columns, each milestone in its due month."""
        today = today or self.today()
        views = self.projects(year, today)
        rows: list[BoardRow] = []
        overdue = 0
        for v in views:
            cells: dict[int, list[MilestoneView]] = defaultdict(list)
            for m in v.milestones:
                if m.due_date.year == year:
                    cells[m.due_date.month].append(m)
                elif m.due_date.year < year:
                    cells[1].append(m)
                else:
                    cells[12].append(m)
                overdue += m.overdue
            rows.append(BoardRow(v.id, v.title, v.secretary_name, v.status, v.progress, dict(cells)))
        return Board(year, tuple(range(1, 13)), rows, overdue)

    def secretaries(self) -> list[Secretary]:
        """The secretaries expected to claim a project each year: the community's own and the
        secretary of each resident unit's party organisation.  Party groups may claim projects
        too, but are not expected to."""
        with self.db.session() as session:
            result: list[Secretary] = []
            community = session.get(Community, self.community_id)
            if community is not None:
                result.append(Secretary(SecretaryLevel.COMMUNITY.value, community.id,
                                        community.secretary_name, community.org_name or community.name))
            units = select(ResidentUnit).where(self.live(ResidentUnit), ResidentUnit.party_org_name != "")
            for u in session.scalars(units.order_by(by_pinyin(ResidentUnit.name))):
                result.append(Secretary(SecretaryLevel.RESIDENT_UNIT.value, u.id, u.contact,
                                        u.party_org_name))
            return result

    def secretaries_without_project(self, year: int) -> list[Secretary]:
        with self.db.session() as session:
            rows = session.execute(select(SecretaryProject.level, SecretaryProject.party_group_id,
                                          SecretaryProject.resident_unit_id)
                                   .where(self.live(SecretaryProject), SecretaryProject.year == year)).all()
        claimed: set[tuple[str, str | None]] = set()
        for level, group_id, unit_id in rows:
            if level == SecretaryLevel.COMMUNITY.value:
                claimed.add((level, self.community_id))
            elif level == SecretaryLevel.PARTY_GROUP.value:
                claimed.add((level, group_id))
            else:
                claimed.add((level, unit_id))
        return [s for s in self.secretaries() if (s.level, s.ref_id) not in claimed]

    # --- helpers --------------------------------------------------------------------

    def _clean(self, values: Values) -> Values:
        cleaned = validate(PROJECT_FIELDS, values)
        level = cleaned["level"]
        if level == SecretaryLevel.PARTY_GROUP.value and not cleaned.get("party_group_id"):
            raise ValidationError([FieldError("party_group_id", "required")])
        if level == SecretaryLevel.RESIDENT_UNIT.value and not cleaned.get("resident_unit_id"):
            raise ValidationError([FieldError("resident_unit_id", "required")])
        return cleaned

    def _check_refs(self, session: Session, cleaned: Values) -> None:
        self.check_ref(session, PartyGroup, cleaned.get("party_group_id"), "party_group_id")
        self.check_ref(session, ResidentUnit, cleaned.get("resident_unit_id"), "resident_unit_id")

    @staticmethod
    def _milestone_view(m: ProjectMilestone, today: date, project_title: str = "",
                        project_secretary: str = "") -> MilestoneView:
        return MilestoneView(m.id, m.project_id, m.stage, m.title, m.due_date, m.done_on,
                             m.done_on is None and m.due_date < today, project_title, project_secretary)

    def _milestones(self, session: Session, project_ids: list[str],
                    today: date) -> dict[str, list[MilestoneView]]:
        result: dict[str, list[MilestoneView]] = defaultdict(list)
        if not project_ids:
            return result
        stmt: Any = select(ProjectMilestone).where(self.live(ProjectMilestone)).order_by(
            ProjectMilestone.project_id, ProjectMilestone.sort_order, ProjectMilestone.due_date)
        if len(project_ids) <= 500:
            stmt = stmt.where(ProjectMilestone.project_id.in_(project_ids))
        wanted = set(project_ids)
        for m in session.scalars(stmt):
            if m.project_id in wanted:
                result[m.project_id].append(self._milestone_view(m, today))
        return result
