"""City-wide statistics: the app's ``stats`` keys summed, with figures by district, street and community.

``community-ledger-server stats --json``, ``GET /api/v1/stats`` and the staff web page all take their
numbers from :func:`city_stats`, so they never disagree.  They are read from the server's read
engine (a PostgreSQL replica when one is configured).  A district's figures are those of its
communities; with ``district`` given, only that district is counted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.db.database import Database
from app.models import Community
from app.models.ledgers import ProjectMilestone, ProjectStatus, SecretaryProject
from app.services.projects import OVERDUE, derived_status
from app.services.stats import collect_stats
from server.city import CityServer
from server.models import CommunityNode, EnrolledCommunity

# The order in which secretary projects' progress is listed.
PROGRESS = (ProjectStatus.CLAIMED.value, ProjectStatus.IN_PROGRESS.value, OVERDUE,
            ProjectStatus.DONE.value, ProjectStatus.CLOSED.value)


class _Sessions:
    """What ``collect_stats`` uses of a database: short sessions on an engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session


def _sum(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts add up; rates (floats) become the mean of the communities that have one."""
    total: dict[str, Any] = {}
    rates: dict[str, list[float]] = defaultdict(list)
    for part in parts:
        for key, value in part.items():
            if isinstance(value, float):
                rates[key].append(value)
                total.setdefault(key, None)
            elif isinstance(value, int):
                total[key] = (total.get(key) or 0) + value
            else:
                total.setdefault(key, None)
    for key, values in rates.items():
        total[key] = sum(values) / len(values) if values else None
    return total


@dataclass(frozen=True)
class _Place:
    community_id: str
    code: str
    name: str
    district: str
    street: str


def _communities(engine: Engine, district: str | None) -> list[_Place]:
    stmt = select(Community.id, Community.code, Community.name, Community.district, Community.street).where(
        Community.deleted_at.is_(None))
    if district is not None:
        stmt = stmt.where(Community.district == district)
    with Session(engine) as session:
        return [_Place(*row) for row in session.execute(stmt.order_by(Community.code))]


def project_progress(engine: Engine, community_ids: list[str] | None, year: int,
                     today: date) -> dict[str, dict[str, int]]:
    """Community id -> the year's secretary projects counted by the progress a user sees."""
    with Session(engine) as session:
        stmt = select(SecretaryProject.id, SecretaryProject.community_id, SecretaryProject.status).where(
            SecretaryProject.deleted_at.is_(None), SecretaryProject.year == year)
        if community_ids is not None:
            stmt = stmt.where(SecretaryProject.community_id.in_(community_ids))
        projects = session.execute(stmt).all()
        milestones: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
        ms_stmt = select(ProjectMilestone.project_id, ProjectMilestone.due_date,
                         ProjectMilestone.done_on).where(
            ProjectMilestone.deleted_at.is_(None),
            ProjectMilestone.project_id.in_(select(SecretaryProject.id).where(
                SecretaryProject.deleted_at.is_(None), SecretaryProject.year == year)))
        for project_id, due, done in session.execute(ms_stmt):
            milestones[project_id].append((due, done))
    counted: dict[str, Counter[str]] = defaultdict(Counter)
    for project_id, community_id, status in projects:
        counted[community_id][derived_status(status, milestones[project_id], today)] += 1
    return {cid: {p: c[p] for p in PROGRESS} for cid, c in counted.items()}


def _progress_sum(parts: list[dict[str, int]]) -> dict[str, int]:
    return {p: sum(part.get(p, 0) for part in parts) for p in PROGRESS}


def city_stats(server: CityServer, district: str | None = None, today: date | None = None) -> dict[str, Any]:
    """Every provider's figures for the city (or one district), then ``by_district``,
    ``by_street`` (district -> street -> figures) and ``by_community`` (code -> name, district,
    street and figures), and ``projects_by_progress``: this year's secretary projects by progress,
    overall, by district and by community."""
    today = today or date.today()
    engine = server.read_engine
    source = cast(Database, _Sessions(engine))
    places = _communities(engine, district)
    progress = project_progress(engine, [p.community_id for p in places] if district is not None else None,
                                today.year, today)
    by_community: dict[str, Any] = {}
    district_parts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    street_parts: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    district_progress: dict[str, list[dict[str, int]]] = defaultdict(list)
    for place in places:
        figures = dict(collect_stats(source, place.community_id))
        figures["communities"] = 1
        by_community[place.code] = {"name": place.name, "district": place.district, "street": place.street,
                                    **figures}
        district_parts[place.district].append(figures)
        street_parts[place.district][place.street].append(figures)
        district_progress[place.district].append(progress.get(place.community_id, {}))
    if district is None:
        overall: dict[str, Any] = dict(collect_stats(source, None))
    else:
        overall = _sum(list(district_parts.get(district, [])))
        overall["communities"] = len(places)
    overall["district"] = district
    overall["by_district"] = {d: _sum(parts) for d, parts in sorted(district_parts.items())}
    overall["by_street"] = {d: {s: _sum(parts) for s, parts in sorted(streets.items())}
                            for d, streets in sorted(street_parts.items())}
    overall["by_community"] = by_community
    overall["projects_by_progress"] = {
        "year": today.year,
        "total": _progress_sum(list(progress.values())),
        "by_district": {d: _progress_sum(parts) for d, parts in sorted(district_progress.items())},
        "by_community": {p.code: _progress_sum([progress.get(p.community_id, {})]) for p in places},
    }
    return overall


def unsynced_communities(server: CityServer, days: int, district: str | None = None,
                         now: datetime | None = None) -> list[dict[str, Any]]:
    """Enrolled communities none of whose computers has sent or fetched a package for ``days`` days
    (or ever), the longest silent first."""
    cutoff = (now or datetime.now()) - timedelta(days=days)
    with Session(server.read_engine) as session:
        last = (select(CommunityNode.community_id, func.max(CommunityNode.last_package_at).label("last"))
                .group_by(CommunityNode.community_id).subquery())
        stmt = (select(EnrolledCommunity.code, EnrolledCommunity.name, EnrolledCommunity.district,
                       EnrolledCommunity.street, last.c.last)
                .outerjoin(last, last.c.community_id == EnrolledCommunity.community_id))
        if district is not None:
            stmt = stmt.where(EnrolledCommunity.district == district)
        rows = session.execute(stmt).all()
    silent = [r for r in rows if r.last is None or r.last < cutoff]
    silent.sort(key=lambda r: (r.last is not None, r.last or datetime.min, r.code))
    return [{"code": r.code, "name": r.name, "district": r.district, "street": r.street,
             "last_package_at": r.last.isoformat(timespec="seconds") if r.last else None} for r in silent]
