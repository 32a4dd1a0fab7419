"""Training records (培训): who attended which course, for how many hours, when and by whom organised."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from app.db.collation import by_pinyin
from app.models import PartyMember
from app.models.ledgers import TrainingRecord
from app.services.fields import Field, Kind
from app.services.ledger_common import LedgerService, Values, validate

TRAINING_FIELDS = (
    Field("person_name", required=True, max_len=50),
    Field("member_id", Kind.REF, ref="party_member"),
    Field("post", max_len=100),
    Field("course", required=True, max_len=200),
    Field("hours", Kind.DECIMAL, required=True, minimum=Decimal("0.1"), maximum=Decimal(1000), scale=1),
    Field("trained_on", Kind.DATE, required=True),
    Field("organiser", max_len=100),
    Field("place", max_len=100),
)


@dataclass(frozen=True)
class PersonHours:
    person_name: str
    courses: int
    hours: Decimal


class TrainingService(LedgerService):

    def record(self, values: Values) -> str:
        cleaned = validate(TRAINING_FIELDS, values)
        with self.db.session() as session:
            self.check_ref(session, PartyMember, cleaned.get("member_id"), "member_id")
            return self.add(session, TrainingRecord(**cleaned))

    def attendances(self, year: int | None = None) -> int:
        with self.db.session() as session:
            where = []
            if year is not None:
                where = [TrainingRecord.trained_on >= date(year, 1, 1),
                         TrainingRecord.trained_on < date(year + 1, 1, 1)]
            return self.count(session, TrainingRecord, *where)

    def hours_by_person(self, year: int) -> list[PersonHours]:
        """Courses and hours per person in ``year`` (hours summed exactly)."""
        with self.db.session() as session:
            rows = session.execute(
                select(TrainingRecord.person_name, func.count(), func.sum(TrainingRecord.hours))
                .where(self.live(TrainingRecord), TrainingRecord.trained_on >= date(year, 1, 1),
                       TrainingRecord.trained_on < date(year + 1, 1, 1))
                .group_by(TrainingRecord.person_name).order_by(by_pinyin(TrainingRecord.person_name))).all()
        # The sum keeps the column's type, so it comes back as an exact Decimal.
        return [PersonHours(name, int(n), total if total is not None else Decimal(0))
                for name, n, total in rows]
