"""The city's livelihood projects (民生实事) of a year, and the community's part of each.

The projects come from the city server by sync and are read-only here (a write is refused with
``city_owned``).  The community records its part of a project: what it did, the residents who
benefited, the funds (typed in yuan, kept in fen), its progress by month and the appeals and
secretary projects it counts under the part.  The livelihood problems the part solved are never
typed in: they are the linked appeals that are resolved (:data:`app.services.appeals.RESOLVED_STATES`)
and the linked secretary projects that are finished (done or closed,
:data:`app.services.projects.FINISHED`), each record counted once however many parts link it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.models import SyncedRecord
from app.models.ledgers import Appeal, SecretaryProject
from app.models.livelihood import LivelihoodLink, LivelihoodPart, LivelihoodProgress, LivelihoodProject
from app.models.scope import CITY_SCOPE, live_in
from app.services.appeals import RESOLVED_STATES
from app.services.counting import Stats
from app.services.errors import DomainError, FieldError, NotFoundError, ValidationError
from app.services.fields import Field, Kind
from app.services.funds import fen_to_yuan
from app.services.ledger_common import LedgerService, Values, validate
from app.services.projects import FINISHED

KIND = "livelihood_part"
PROJECT_KIND = "livelihood_project"
FIRST_YEAR = 2000
LAST_YEAR = 2200
MAX_BENEFICIARIES = 10_000_000
# 一亿元: more than any community's part of a city project.
MAX_FUNDS_FEN = 10_000_000_000

PART_FIELDS = (
    Field("work", Kind.LONG_TEXT, max_len=5000),
    Field("beneficiaries", Kind.INT, minimum=0, maximum=MAX_BENEFICIARIES, default=0),
    Field("funds_fen", Kind.FEN, minimum=0, default=0),
)
PROGRESS_FIELDS = (
    Field("month", required=True, max_len=10),
    Field("percent", Kind.INT, minimum=0, maximum=100),
    Field("note", max_len=500),
)
_MONTH = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$")


@dataclass(frozen=True)
class ProgressView:
    id: str
    month: str
    percent: int | None
    note: str


@dataclass(frozen=True)
class LinkView:
    id: str
    kind: str  # "appeal" or "secretary_project"
    record_id: str
    label: str
    solved: bool


@dataclass(frozen=True)
class PartView:
    """One city project of the year with the community's part of it (``part_id`` None: none yet)."""

    project_id: str
    year: int
    number: int
    title: str
    description: str
    lead_unit: str
    part_id: str | None
    work: str
    beneficiaries: int
    funds_fen: int
    progress: tuple[ProgressView, ...]
    links: tuple[LinkView, ...]

    @property
    def solved(self) -> int:
        return sum(1 for link in self.links if link.solved)

    @property
    def latest_percent(self) -> int | None:
        known = [p.percent for p in self.progress if p.percent is not None]
        return known[-1] if known else None


def parse_month(text: object) -> str:
    """'2026-3', '2026/03', '2026年3月' -> '2026-03'; a refusal for anything else."""
    m = _MONTH.match(str(text or "").strip())
    if not m:
        raise ValidationError([FieldError("month", "bad_month")])
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12 or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError([FieldError("month", "bad_month")])
    return f"{year:04d}-{month:02d}"


def check_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError([FieldError("year", "bad_year", {"min": FIRST_YEAR, "max": LAST_YEAR})])
    return year


def _solved_appeal() -> object:
    return Appeal.state.in_(RESOLVED_STATES)


def solved_count(session: Session, community_id: str | None, year: int | None = None) -> int:
    """The livelihood problems solved: distinct resolved appeals and finished secretary projects
    linked to a live part of a live city project (of ``year`` when given)."""
    parts = (select(LivelihoodPart.id)
             .join(LivelihoodProject, LivelihoodProject.id == LivelihoodPart.project_id)
             .where(live_in(LivelihoodPart, community_id), live_in(LivelihoodProject, CITY_SCOPE)))
    if year is not None:
        parts = parts.where(LivelihoodProject.year == year)
    links = select(LivelihoodLink).where(live_in(LivelihoodLink, community_id),
                                         LivelihoodLink.part_id.in_(parts)).subquery()
    appeals = session.scalar(
        select(func.count(func.distinct(Appeal.id))).join(links, links.c.appeal_id == Appeal.id)
        .where(Appeal.deleted_at.is_(None), Appeal.community_id == links.c.community_id,
               Appeal.state.in_(RESOLVED_STATES)))
    projects = session.scalar(
        select(func.count(func.distinct(SecretaryProject.id)))
        .join(links, links.c.secretary_project_id == SecretaryProject.id)
        .where(SecretaryProject.deleted_at.is_(None), SecretaryProject.community_id == links.c.community_id,
               SecretaryProject.status.in_(FINISHED)))
    return int(appeals or 0) + int(projects or 0)


def livelihood_numbers(session: Session, community_id: str | None, today: date) -> Stats:
    """``livelihood_projects``: the city's projects of this year the community has a part in (over
    several communities, the sum: one per community and project); ``livelihood_problems_solved``:
    the problems its parts solved, of every year."""
    parts = int(session.scalar(
        select(func.count(func.distinct(LivelihoodPart.community_id + ":" + LivelihoodPart.project_id)))
        .join(LivelihoodProject, LivelihoodProject.id == LivelihoodPart.project_id)
        .where(live_in(LivelihoodPart, community_id), live_in(LivelihoodProject, CITY_SCOPE),
               LivelihoodProject.year == today.year)) or 0)
    return {"livelihood_projects": parts, "livelihood_problems_solved": solved_count(session, community_id)}


def livelihood_stats(session: Session, community_id: str | None) -> Stats:
    return livelihood_numbers(session, community_id, date.today())


LIVELIHOOD_LABELS: dict[str, str] = {
    "livelihood_projects": "参与民生实事",
    "livelihood_problems_solved": "解决民生难题",
}


class LivelihoodService(LedgerService):
    # --- reading ----------------------------------------------------------------------

    def years(self) -> list[int]:
        """The years the city has published projects for, newest first."""
        with self.db.session() as session:
            return [int(y) for y in session.scalars(
                select(LivelihoodProject.year).where(live_in(LivelihoodProject, CITY_SCOPE))
                .distinct().order_by(LivelihoodProject.year.desc()))]

    def parts(self, year: int) -> list[PartView]:
        """The city's projects of ``year`` in their order, each with the community's part."""
        year = check_year(year)
        with self.db.session() as session:
            projects = session.scalars(
                select(LivelihoodProject).where(live_in(LivelihoodProject, CITY_SCOPE),
                                                LivelihoodProject.year == year)
                .order_by(LivelihoodProject.number, LivelihoodProject.title, LivelihoodProject.id)).all()
            result = []
            for project in projects:
                part = self._part_of(session, project.id)
                result.append(self._view(session, project, part))
            return result

    def part(self, project_id: str) -> PartView:
        with self.db.session() as session:
            project = self._project(session, project_id)
            return self._view(session, project, self._part_of(session, project_id))

    def solved(self, year: int | None = None) -> int:
        with self.db.session() as session:
            return solved_count(session, self.community_id, year)

    def linkable_appeals(self) -> list[tuple[str, str, bool]]:
        """The community's appeals: id, words to show, whether resolved; newest first."""
        with self.db.session() as session:
            rows = session.execute(
                select(Appeal.id, Appeal.number, Appeal.content, Appeal.state).where(self.live(Appeal))
                .order_by(Appeal.received_at.desc(), Appeal.id))
            return [(i, f"{n} {c[:30]}".strip(), s in RESOLVED_STATES) for i, n, c, s in rows]

    def linkable_projects(self) -> list[tuple[str, str, bool]]:
        with self.db.session() as session:
            rows = session.execute(
                select(SecretaryProject.id, SecretaryProject.year, SecretaryProject.title,
                       SecretaryProject.status).where(self.live(SecretaryProject))
                .order_by(SecretaryProject.year.desc(), SecretaryProject.title, SecretaryProject.id))
            return [(i, f"{y} {t}", s in FINISHED) for i, y, t, s in rows]

    # --- writing ----------------------------------------------------------------------

    def change_project(self, project_id: str, values: Values) -> None:
        """The city's projects are the city's: always refused here."""
        with self.db.session() as session:
            self._project(session, project_id)
        raise DomainError("city_owned", kind=PROJECT_KIND)

    def save_part(self, project_id: str, values: Values) -> str:
        """Write the community's part of a project (created on first save); returns its id."""
        cleaned = validate(PART_FIELDS, values)
        cleaned["funds_fen"] = cleaned.get("funds_fen") or 0
        if cleaned["funds_fen"] > MAX_FUNDS_FEN:
            raise ValidationError([FieldError("funds_fen", "too_large", {"max": fen_to_yuan(MAX_FUNDS_FEN)})])
        with self.db.session() as session:
            self._project(session, project_id)
            part = self._part_of(session, project_id)
            if part is None:
                part = LivelihoodPart(project_id=project_id, **cleaned)
                return self.add(session, part)
            self.change(session, part, cleaned)
            return part.id

    def add_progress(self, project_id: str, values: Values) -> str:
        """Record the part's progress in a month; a month already recorded is replaced."""
        month = parse_month(values.get("month"))
        cleaned = validate(PROGRESS_FIELDS, {**values, "month": month})
        percent, note = cleaned.get("percent"), cleaned.get("note") or ""
        if percent is None and not note:
            raise ValidationError([FieldError("percent", "progress_empty")])
        with self.db.session() as session:
            part = self._ensure_part(session, project_id)
            known = session.scalar(select(LivelihoodProgress).where(
                self.live(LivelihoodProgress), LivelihoodProgress.part_id == part.id,
                LivelihoodProgress.month == month))
            if known is not None:
                self.change(session, known, {"percent": percent, "note": note})
                return known.id
            return self.add(session, LivelihoodProgress(part_id=part.id, month=month, percent=percent,
                                                        note=note))

    def remove_progress(self, progress_id: str) -> None:
        with self.db.session() as session:
            row = self.load(session, LivelihoodProgress, progress_id, "livelihood_progress")
            self.log(session).deleted(row)

    def link(self, project_id: str, *, appeal_id: str | None = None,
             secretary_project_id: str | None = None) -> str:
        """Count an appeal or a secretary project of the community under its part of a project."""
        if bool(appeal_id) == bool(secretary_project_id):
            raise ValidationError([FieldError("link", "link_one")])
        with self.db.session() as session:
            if appeal_id:
                self._own(session, Appeal, appeal_id, "appeal_id")
            else:
                self._own(session, SecretaryProject, secretary_project_id, "secretary_project_id")
            part = self._ensure_part(session, project_id)
            column = LivelihoodLink.appeal_id if appeal_id else LivelihoodLink.secretary_project_id
            known = session.scalar(select(LivelihoodLink.id).where(
                self.live(LivelihoodLink), LivelihoodLink.part_id == part.id,
                column == (appeal_id or secretary_project_id)))
            if known is not None:
                raise ValidationError([FieldError("link", "already_linked")])
            return self.add(session, LivelihoodLink(part_id=part.id, appeal_id=appeal_id or None,
                                                    secretary_project_id=secretary_project_id or None))

    def unlink(self, link_id: str) -> None:
        with self.db.session() as session:
            self.log(session).deleted(self.load(session, LivelihoodLink, link_id, "livelihood_link"))

    # --- helpers ----------------------------------------------------------------------

    def _project(self, session: Session, project_id: str) -> LivelihoodProject:
        project = session.get(LivelihoodProject, project_id)
        if project is None or project.deleted_at is not None or project.community_id != CITY_SCOPE:
            raise NotFoundError(PROJECT_KIND, project_id)
        return project

    def _own(self, session: Session, model: type[SyncedRecord], record_id: str | None,
             field_name: str) -> None:
        obj = session.get(model, record_id) if record_id else None
        if obj is None or obj.deleted_at is not None or obj.community_id != self.community_id:
            raise ValidationError([FieldError(field_name, "ref_missing")])

    def _part_of(self, session: Session, project_id: str) -> LivelihoodPart | None:
        return session.scalar(select(LivelihoodPart).where(
            self.live(LivelihoodPart), LivelihoodPart.project_id == project_id)
            .order_by(LivelihoodPart.created_at, LivelihoodPart.id).limit(1))

    def _ensure_part(self, session: Session, project_id: str) -> LivelihoodPart:
        self._project(session, project_id)
        part = self._part_of(session, project_id)
        if part is None:
            part = LivelihoodPart(project_id=project_id, work="", beneficiaries=0, funds_fen=0)
            self.add(session, part)
        return part

    def _view(self, session: Session, project: LivelihoodProject, part: LivelihoodPart | None) -> PartView:
        progress: list[ProgressView] = []
        links: list[LinkView] = []
        if part is not None:
            progress = [ProgressView(p.id, p.month, p.percent, p.note) for p in session.scalars(
                select(LivelihoodProgress).where(self.live(LivelihoodProgress),
                                                 LivelihoodProgress.part_id == part.id)
                .order_by(LivelihoodProgress.month))]
            rows = session.execute(
                select(LivelihoodLink.id, LivelihoodLink.appeal_id, LivelihoodLink.secretary_project_id,
                       Appeal.number, Appeal.content, Appeal.state, Appeal.deleted_at,
                       SecretaryProject.title, SecretaryProject.status, SecretaryProject.deleted_at)
                .outerjoin(Appeal, Appeal.id == LivelihoodLink.appeal_id)
                .outerjoin(SecretaryProject, SecretaryProject.id == LivelihoodLink.secretary_project_id)
                .where(self.live(LivelihoodLink), LivelihoodLink.part_id == part.id,
                       or_(LivelihoodLink.appeal_id.is_not(None),
                           LivelihoodLink.secretary_project_id.is_not(None)))
                .order_by(LivelihoodLink.created_at, LivelihoodLink.id))
            seen: set[str] = set()
            for (link_id, appeal_id, sp_id, number, content, state, a_gone,
                 title, status, p_gone) in rows:
                if appeal_id:
                    if number is None or a_gone is not None:
                        continue
                    key, label = str(appeal_id), f"{number} {(content or '')[:30]}".strip()
                    solved = state in RESOLVED_STATES
                    kind = "appeal"
                else:
                    if title is None or p_gone is not None:
                        continue
                    key, label, solved, kind = str(sp_id), title, status in FINISHED, "secretary_project"
                links.append(LinkView(link_id, kind, key, label, solved and key not in seen))
                seen.add(key)
        return PartView(project.id, project.year, project.number, project.title, project.description,
                        project.lead_unit, part.id if part else None, part.work if part else "",
                        part.beneficiaries if part else 0, part.funds_fen if part else 0,
                        tuple(progress), tuple(links))
