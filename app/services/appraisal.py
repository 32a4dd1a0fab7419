"""The yearly report-and-appraisal material (述职评议考核): one year's figures assembled from the
ledgers for the secretary's report, and the section the secretary writes.

Everything is derived from the ledgers through their own services, so the material, the home
view and the ledger printouts never disagree.  三会一课 is checked against the rules: a branch
general meeting (支部党员大会) and a party lesson (党课) each quarter, a branch committee meeting
(支委会) each month, and a meeting of each party group (党小组会) each month.  Only periods that
have ended by the day the material is made are due; a period still running is not a gap yet.

The secretary's section is a synced record whose id is derived from the community and the year,
so two computers of a community writing the same year's section offline edit one record, merged
field by field like any other, instead of leaving two.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from app.db.collation import by_pinyin, sort_key
from app.models import Community, PartyGroup
from app.models.ledgers import (
    Appeal,
    AppealChannel,
    AppraisalSection,
    Meeting,
    MeetingKind,
    TrainingRecord,
)
from app.services.appeals import AppealRates, AppealService
from app.services.dashboard import DashboardCounts, DashboardService
from app.services.errors import FieldError, ValidationError
from app.services.funds import FundService
from app.services.guarantees import GuaranteeService, Matrix
from app.services.ledger_common import LedgerService, Values, quarter_bounds, year_bounds
from app.services.projects import ProjectService, ProjectView
from app.services.workday import OrganSummary, WorkdayService

FIRST_YEAR = 1949
LAST_YEAR = 2200
SECTION_MAX = 50_000
# Names the secretary's section records apart from every other record id.
_SECTION_NAMESPACE = uuid.UUID("5d0c7a52-6b1e-4f0e-9a57-3f1c2a7e9b41")

MONTHLY = "month"
QUARTERLY = "quarter"


@dataclass(frozen=True)
class MeetingRule:
    """How often a kind of 三会一课 is required; ``per_group``: of each party group."""

    kind: str
    period: str
    per_group: bool = False


RULES: tuple[MeetingRule, ...] = (
    MeetingRule(MeetingKind.GENERAL_MEETING.value, QUARTERLY),
    MeetingRule(MeetingKind.COMMITTEE_MEETING.value, MONTHLY),
    MeetingRule(MeetingKind.GROUP_MEETING.value, MONTHLY, per_group=True),
    MeetingRule(MeetingKind.PARTY_LESSON.value, QUARTERLY),
)


@dataclass(frozen=True)
class QuarterCheck:
    """One kind in one quarter: how many were held, how many were due (0 when not due yet)."""

    quarter: int
    held: int
    required: int
    due: bool


@dataclass(frozen=True)
class MeetingGap:
    """A period in which a required meeting was not held: ``period`` is a month (1..12) or a
    quarter (1..4) as ``rule.period`` says; ``group`` names the party group that did not meet."""

    kind: str
    period_kind: str
    period: int
    group: str = ""


@dataclass(frozen=True)
class MeetingCheck:
    kind: str
    period_kind: str
    per_group: bool
    quarters: tuple[QuarterCheck, ...]
    held: int
    required: int
    gaps: tuple[MeetingGap, ...]

    @property
    def met(self) -> bool:
        return not self.gaps


@dataclass(frozen=True)
class ProjectDetail:
    view: ProjectView
    evaluations: list[Values]


@dataclass(frozen=True)
class FundYear:
    name: str
    kind: str
    opening_fen: int
    income_fen: int
    expense_fen: int
    closing_fen: int


@dataclass(frozen=True)
class TrainingSummary:
    attendances: int
    people: int
    courses: int
    hours: Decimal
    by_course: list[tuple[str, int, Decimal]]  # course, attendances, hours


@dataclass(frozen=True)
class AppraisalMaterial:
    """Everything the year's material shows, as of ``as_of``."""

    year: int
    as_of: date
    secretary_name: str
    counts: DashboardCounts
    meetings_held: dict[str, int]
    meeting_checks: list[MeetingCheck]
    projects: list[ProjectDetail]
    appeals: AppealRates
    appeals_by_channel: dict[str, int]
    organs: list[OrganSummary]
    guarantees: Matrix
    funds: list[FundYear]
    training: TrainingSummary
    section: str


@dataclass(frozen=True)
class SectionView:
    year: int
    record_id: str
    body: str
    saved: bool  # False: nothing has been written for this year yet


def check_year(year: object) -> int:
    """The year as an int between :data:`FIRST_YEAR` and :data:`LAST_YEAR`, else a refusal."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValidationError([FieldError("year", "not_integer")])
    if year < FIRST_YEAR:
        raise ValidationError([FieldError("year", "too_small", {"min": FIRST_YEAR})])
    if year > LAST_YEAR:
        raise ValidationError([FieldError("year", "too_large", {"max": LAST_YEAR})])
    return year


def _due(end: date, as_of: date) -> bool:
    """A period is due once it has ended: ``end`` is the first day after it."""
    return end <= as_of


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1))


class AppraisalService(LedgerService):

    # --- the secretary's section ------------------------------------------------------

    def section_id(self, year: int) -> str:
        return str(uuid.uuid5(_SECTION_NAMESPACE, f"{self.community_id}:{check_year(year)}"))

    def section(self, year: int) -> SectionView:
        record_id = self.section_id(year)
        with self.db.session() as session:
            row = session.get(AppraisalSection, record_id)
            if row is None or row.deleted_at is not None:
                return SectionView(year, record_id, "", False)
            return SectionView(year, record_id, row.body, True)

    def save_section(self, year: int, body: str) -> Values:
        """Write the year's section (created on first save); returns the old values changed."""
        if not isinstance(body, str):
            raise ValidationError([FieldError("body", "required")])
        text = body.replace("\r\n", "\n").replace("\r", "\n")
        if len(text) > SECTION_MAX:
            raise ValidationError([FieldError("body", "too_long", {"max": SECTION_MAX})])
        record_id = self.section_id(year)
        with self.db.session() as session:
            row = session.get(AppraisalSection, record_id)
            if row is None:
                self.add(session, AppraisalSection(id=record_id, year=year, body=text))
                return {}
            if row.community_id != self.community_id:
                raise ValidationError([FieldError("year", "city_owned")])
            if row.deleted_at is not None:
                self.log(session).restored(row)
            return self.change(session, row, {"body": text})

    # --- the material -----------------------------------------------------------------

    def material(self, year: int, today: date | None = None) -> AppraisalMaterial:
        year = check_year(year)
        as_of = today or self.today()
        with self.db.session() as session:
            community = session.get(Community, self.community_id)
            secretary = community.secretary_name if community is not None else ""
        counts = DashboardService(self.db, self._now).counts(year, as_of)
        start, end = year_bounds(year)
        appeals = AppealService(self.db, self._now)
        projects = ProjectService(self.db, self._now)
        details = [ProjectDetail(v, projects.evaluations(v.id)) for v in projects.projects(year, as_of)]
        return AppraisalMaterial(
            year=year, as_of=as_of, secretary_name=secretary, counts=counts,
            meetings_held=self.meetings_held(year),
            meeting_checks=self.meeting_checks(year, as_of), projects=details,
            appeals=appeals.rates(start, end), appeals_by_channel=self._appeals_by_channel(year),
            organs=WorkdayService(self.db, self._now).year_summary(year),
            guarantees=GuaranteeService(self.db, self._now).matrix(),
            funds=self.funds(year), training=self.training(year), section=self.section(year).body)

    def meetings_held(self, year: int) -> dict[str, int]:
        """Meetings of the year by kind (every kind, 三会一课 or not)."""
        start, end = year_bounds(year)
        with self.db.session() as session:
            rows = session.execute(select(Meeting.kind, func.count()).where(
                self.live(Meeting), Meeting.starts_at >= start, Meeting.starts_at < end)
                .group_by(Meeting.kind))
            return {kind: int(n) for kind, n in rows}

    def meeting_checks(self, year: int, as_of: date) -> list[MeetingCheck]:
        """三会一课 held against what the rules require, quarter by quarter, with the gaps."""
        start, end = year_bounds(year)
        with self.db.session() as session:
            meetings = session.execute(select(Meeting.kind, Meeting.starts_at, Meeting.party_group_id).where(
                self.live(Meeting), Meeting.starts_at >= start, Meeting.starts_at < end,
                Meeting.kind.in_([r.kind for r in RULES]))).all()
            groups = [(gid, name) for gid, name in session.execute(
                select(PartyGroup.id, PartyGroup.name).where(self.live(PartyGroup))
                .order_by(by_pinyin(PartyGroup.name)))]
        # kind -> month -> group id (or "") -> count
        held: dict[str, dict[int, dict[str, int]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(int)))
        for kind, at, group_id in meetings:
            held[kind][at.month][group_id or ""] += 1
        return [self._check(rule, year, as_of, held[rule.kind], groups) for rule in RULES]

    def _check(self, rule: MeetingRule, year: int, as_of: date, held: dict[int, dict[str, int]],
               groups: list[tuple[str, str]]) -> MeetingCheck:
        gaps: list[MeetingGap] = []
        quarters: list[QuarterCheck] = []
        for q in range(1, 5):
            q_start, q_end = quarter_bounds(year, q)
            months = range(3 * q - 2, 3 * q + 1)
            if rule.per_group:
                q_held = sum(sum(n for gid, n in held[m].items() if gid) for m in months)
            else:
                q_held = sum(sum(held[m].values()) for m in months)
            required = 0
            if rule.period == QUARTERLY:
                if _due(q_end, as_of):
                    required = 1
                    if q_held == 0:
                        gaps.append(MeetingGap(rule.kind, QUARTERLY, q))
            else:
                for m in months:
                    _m_start, m_end = _month_bounds(year, m)
                    if not _due(m_end, as_of):
                        continue
                    if not rule.per_group:
                        required += 1
                        if not sum(held[m].values()):
                            gaps.append(MeetingGap(rule.kind, MONTHLY, m))
                        continue
                    for gid, gname in groups:
                        required += 1
                        if not held[m].get(gid):
                            gaps.append(MeetingGap(rule.kind, MONTHLY, m, gname))
            quarters.append(QuarterCheck(q, q_held, required, _due(q_start, as_of) and required > 0))
        return MeetingCheck(rule.kind, rule.period, rule.per_group, tuple(quarters),
                            sum(c.held for c in quarters), sum(c.required for c in quarters), tuple(gaps))

    def _appeals_by_channel(self, year: int) -> dict[str, int]:
        start, end = year_bounds(year)
        with self.db.session() as session:
            rows = {channel: int(n) for channel, n in session.execute(
                select(Appeal.channel, func.count()).where(
                    self.live(Appeal), Appeal.received_at >= start, Appeal.received_at < end)
                .group_by(Appeal.channel))}
        ordered = [c.value for c in AppealChannel]
        return {c: rows[c] for c in ordered + sorted(set(rows) - set(ordered)) if rows.get(c)}

    def funds(self, year: int) -> list[FundYear]:
        service = FundService(self.db, self._now)
        result: list[FundYear] = []
        for fund in service.funds():
            ledger = service.ledger(fund.fund_id, year)
            result.append(FundYear(fund.name, fund.kind, ledger.opening_fen, ledger.income_fen,
                                   ledger.expense_fen, ledger.closing_fen))
        return result

    def training(self, year: int) -> TrainingSummary:
        first, last = date(year, 1, 1), date(year + 1, 1, 1)
        t = TrainingRecord
        with self.db.session() as session:
            rows = session.execute(select(t.person_name, t.member_id, t.course, t.hours).where(
                self.live(t), t.trained_on >= first, t.trained_on < last)).all()
        people = {member or f"name:{name}" for name, member, _course, _hours in rows}
        per_course: dict[str, list[Decimal]] = defaultdict(list)
        for _name, _member, course, hours in rows:
            per_course[course].append(Decimal(hours or 0))
        by_course = sorted(((c, len(h), sum(h, Decimal(0))) for c, h in per_course.items()),
                           key=lambda r: sort_key(r[0]))
        return TrainingSummary(len(rows), len(people), len(per_course),
                               sum((Decimal(h or 0) for *_x, h in rows), Decimal(0)), by_course)
