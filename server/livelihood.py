"""The city's livelihood projects (民生实事): published, changed and withdrawn by city staff.

A project is a record the city owns (as notices are, :mod:`server.notices`); every community
receives it by sync and records its own part of it.  Only city staff write them: a district user
is refused (``city_only``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.livelihood import LivelihoodPart, LivelihoodProject
from app.models.scope import CITY_SCOPE
from server.city import CityServer
from server.notices import TIME_FORMAT

TITLE_MAX = 200
TEXT_MAX = 5000
UNIT_MAX = 100
FIRST_YEAR = 2000
LAST_YEAR = 2200
MAX_NUMBER = 99


class LivelihoodError(Exception):
    """A project that cannot be written as asked; ``code`` says why, nothing was written."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class ProjectView:
    id: str
    year: int
    number: int
    title: str
    description: str
    lead_unit: str
    published_at: datetime
    publisher: str
    communities: int  # communities that have recorded their part


def _int(value: object, code: str, low: int, high: int) -> int:
    text = str(value).strip()
    if not text.lstrip("-").isdigit():
        raise LivelihoodError(code, min=low, max=high)
    number = int(text)
    if not low <= number <= high:
        raise LivelihoodError(code, min=low, max=high)
    return number


def _live(server: CityServer, project_id: str) -> LivelihoodProject:
    with Session(server.engine) as session:
        project = session.get(LivelihoodProject, project_id)
        if project is None or project.deleted_at is not None or project.community_id != CITY_SCOPE:
            raise LivelihoodError("not_found")
        return project


def publish(server: CityServer, *, year: object, number: object, title: str, description: str = "",
            lead_unit: str = "", publisher: str, project_id: str | None = None, city_staff: bool = True,
            now: datetime | None = None) -> str:
    """Publish a project (or change the one ``project_id`` names); returns its id."""
    if not city_staff:
        raise LivelihoodError("city_only")
    title, description, lead_unit = title.strip(), description.strip(), lead_unit.strip()
    year_n = _int(year, "bad_year", FIRST_YEAR, LAST_YEAR)
    number_n = _int(number, "bad_number", 1, MAX_NUMBER)
    if not title:
        raise LivelihoodError("title_required")
    if len(title) > TITLE_MAX:
        raise LivelihoodError("title_too_long", max=TITLE_MAX)
    if len(description) > TEXT_MAX:
        raise LivelihoodError("text_too_long", max=TEXT_MAX)
    if len(lead_unit) > UNIT_MAX:
        raise LivelihoodError("unit_too_long", max=UNIT_MAX)
    published = (now or datetime.now()).strftime(TIME_FORMAT)
    if project_id is not None:
        published = _live(server, project_id).published_at.strftime(TIME_FORMAT)
    with Session(server.engine) as session:
        taken = session.scalar(select(LivelihoodProject.id).where(
            LivelihoodProject.community_id == CITY_SCOPE, LivelihoodProject.deleted_at.is_(None),
            LivelihoodProject.year == year_n, LivelihoodProject.number == number_n,
            LivelihoodProject.id != (project_id or "")).limit(1))
    if taken is not None:
        raise LivelihoodError("number_taken", year=year_n, number=number_n)
    fields = {"year": year_n, "number": number_n, "title": title, "description": description,
              "lead_unit": lead_unit, "published_at": published, "publisher": publisher}
    return server.put_city_record(LivelihoodProject.__tablename__, fields, project_id)


def withdraw(server: CityServer, project_id: str, *, city_staff: bool = True) -> None:
    """Withdraw a project published by mistake: the communities' copies are deleted at their next sync."""
    if not city_staff:
        raise LivelihoodError("city_only")
    _live(server, project_id)
    server.delete_city_record(LivelihoodProject.__tablename__, project_id)


def projects(server: CityServer, year: int | None = None) -> list[ProjectView]:
    """The live projects (of ``year`` when given), newest year first, in their order."""
    parts = (select(LivelihoodPart.project_id, func.count(func.distinct(LivelihoodPart.community_id))
                    .label("n")).where(LivelihoodPart.deleted_at.is_(None))
             .group_by(LivelihoodPart.project_id).subquery())
    stmt = (select(LivelihoodProject, parts.c.n).outerjoin(parts, parts.c.project_id == LivelihoodProject.id)
            .where(LivelihoodProject.community_id == CITY_SCOPE, LivelihoodProject.deleted_at.is_(None)))
    if year is not None:
        stmt = stmt.where(LivelihoodProject.year == year)
    with Session(server.read_engine) as session:
        rows = session.execute(stmt.order_by(LivelihoodProject.year.desc(), LivelihoodProject.number)).all()
        return [ProjectView(p.id, p.year, p.number, p.title, p.description, p.lead_unit, p.published_at,
                            p.publisher, int(n or 0)) for p, n in rows]
