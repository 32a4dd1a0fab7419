"""The community work day (社区工作日): organ cadres come once a month; what they did is
recorded, confirmed by the community and summed up per organ each quarter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.db.collation import by_pinyin
from app.models.ledgers import Appeal, Cadre, Organ, WorkdayVisit
from app.services.errors import FieldError, ValidationError
from app.services.fields import Field, Kind
from app.services.ledger_common import LedgerService, Values, validate

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")

VISIT_FIELDS = (
    Field("month", required=True, max_len=7),
    Field("cadre_id", Kind.REF, required=True, ref="cadre"),
    Field("service", max_len=200),
    Field("party_lesson", Kind.BOOL),
    Field("pairing_household", max_len=100),
    Field("appeal_id", Kind.REF, ref="appeal"),
    Field("goods_fen", Kind.FEN, required=True, minimum=0, maximum=10**12, default=0),
)


@dataclass(frozen=True)
class OrganSummary:
    organ_id: str
    organ_name: str
    visits: int
    cadres: int
    party_lessons: int
    pairings: int
    appeals_solved: int
    goods_fen: int
    confirmed: int


@dataclass(frozen=True)
class WorkdayTotals:
    visits: int
    cadres: int
    party_lessons: int
    pairings: int
    appeals_solved: int
    goods_fen: int


def quarter_months(year: int, quarter: int) -> list[str]:
    return [f"{year}-{m:02d}" for m in range(3 * quarter - 2, 3 * quarter + 1)]


class WorkdayService(LedgerService):

    def record(self, values: Values) -> str:
        """Record one cadre's work day; the organ is the cadre's."""
        cleaned, arrived, left = self._clean(values)
        with self.db.session() as session:
            cadre = self._cadre(session, cleaned["cadre_id"])
            self.check_ref(session, Appeal, cleaned.get("appeal_id"), "appeal_id")
            return self.add(session, WorkdayVisit(organ_id=cadre.organ_id, arrived_at=arrived, left_at=left,
                                                  confirmed=False, confirmed_by="", **cleaned))

    def update(self, visit_id: str, values: Values) -> Values:
        cleaned, arrived, left = self._clean(values)
        with self.db.session() as session:
            row = self.load(session, WorkdayVisit, visit_id, "workday_visit")
            cadre = self._cadre(session, cleaned["cadre_id"])
            self.check_ref(session, Appeal, cleaned.get("appeal_id"), "appeal_id")
            return self.change(session, row, {**cleaned, "organ_id": cadre.organ_id,
                                              "arrived_at": arrived, "left_at": left})

    def confirm(self, visit_id: str, by: str) -> None:
        """The community confirms the record (社区确认)."""
        if not by.strip():
            raise ValidationError([FieldError("confirmed_by", "required")])
        with self.db.session() as session:
            row = self.load(session, WorkdayVisit, visit_id, "workday_visit")
            self.change(session, row, {"confirmed": True, "confirmed_by": by.strip()[:50]})

    def delete(self, visit_id: str) -> None:
        with self.db.session() as session:
            row = self.load(session, WorkdayVisit, visit_id, "workday_visit")
            self.log(session).deleted(row)

    def quarterly_summary(self, year: int, quarter: int) -> list[OrganSummary]:
        """Per organ, what its cadres did in the quarter (fed back to the organ)."""
        if quarter not in (1, 2, 3, 4):
            raise ValidationError([FieldError("quarter", "bad_choice")])
        return self._summary(quarter_months(year, quarter))

    def year_summary(self, year: int) -> list[OrganSummary]:
        return self._summary([f"{year}-{m:02d}" for m in range(1, 13)])

    def totals(self, year: int | None = None) -> WorkdayTotals:
        v = WorkdayVisit
        stmt = select(
            func.count(), func.count(func.distinct(v.cadre_id)),
            func.coalesce(func.sum(case((v.party_lesson.is_(True), 1), else_=0)), 0),
            func.coalesce(func.sum(case((v.pairing_household != "", 1), else_=0)), 0),
            func.count(v.appeal_id), func.coalesce(func.sum(v.goods_fen), 0),
        ).where(self.live(v))
        if year is not None:
            stmt = stmt.where(v.month.startswith(f"{year}-"))
        with self.db.session() as session:
            row = session.execute(stmt).one()
        return WorkdayTotals(*(int(x) for x in row))

    def _summary(self, months: list[str]) -> list[OrganSummary]:
        v = WorkdayVisit
        stmt = (
            select(v.organ_id, Organ.name, func.count(), func.count(func.distinct(v.cadre_id)),
                   func.sum(case((v.party_lesson.is_(True), 1), else_=0)),
                   func.sum(case((v.pairing_household != "", 1), else_=0)),
                   func.count(v.appeal_id), func.sum(v.goods_fen),
                   func.sum(case((v.confirmed.is_(True), 1), else_=0)))
            .outerjoin(Organ, Organ.id == v.organ_id)
            .where(self.live(v), v.month.in_(months))
            .group_by(v.organ_id, Organ.name)
            .order_by(by_pinyin(Organ.name))
        )
        with self.db.session() as session:
            return [OrganSummary(oid, name or "", int(n), int(c), int(pl or 0), int(pr or 0), int(ap or 0),
                                 int(g or 0), int(cf or 0))
                    for oid, name, n, c, pl, pr, ap, g, cf in session.execute(stmt)]

    def _clean(self, values: Values) -> tuple[Values, datetime | None, datetime | None]:
        errors: list[FieldError] = []
        try:
            cleaned = validate(VISIT_FIELDS, values)
        except ValidationError as exc:
            errors.extend(exc.errors)
            cleaned = {}
        month = str(values.get("month") or "").strip()
        if month and not _MONTH.match(month):
            errors.append(FieldError("month", "bad_month"))
        arrived, left = values.get("arrived_at"), values.get("left_at")
        for name, value in (("arrived_at", arrived), ("left_at", left)):
            if value is not None and not isinstance(value, datetime):
                errors.append(FieldError(name, "bad_date"))
        if isinstance(arrived, datetime) and isinstance(left, datetime) and left <= arrived:
            errors.append(FieldError("left_at", "date_order", {"after": "arrived_at"}))
        if isinstance(arrived, datetime) and month and arrived.strftime("%Y-%m") != month:
            errors.append(FieldError("arrived_at", "not_in_month"))
        if errors:
            raise ValidationError(errors)
        cleaned["appeal_id"] = cleaned.get("appeal_id") or None
        return cleaned, arrived, left

    def _cadre(self, session: Session, cadre_id: str) -> Cadre:
        if not self.is_live(session, Cadre, cadre_id):
            raise ValidationError([FieldError("cadre_id", "ref_missing")])
        cadre = session.get(Cadre, cadre_id)
        assert cadre is not None
        return cadre
