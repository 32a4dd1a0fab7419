"""The working-day calendar: Monday to Friday, minus holidays, plus make-up working days (调休).

Appeal deadlines and escalation are counted in working days on this calendar.  The
exceptions are records the user can edit; the State Council's published arrangement for a
year can be loaded as a starting point.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from app.models.ledgers import CalendarDay, CalendarDayKind
from app.services.errors import DomainError, FieldError, ValidationError
from app.services.ledger_common import LedgerService

# Safety bound: no real calendar has this many consecutive days off.
_MAX_SCAN = 366


class WorkCalendar:
    """Answers working-day questions from a set of holidays and a set of make-up working days."""

    def __init__(self, holidays: Iterable[date] = (), workdays: Iterable[date] = ()) -> None:
        self.holidays = frozenset(holidays)
        self.workdays = frozenset(workdays)

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def next_workday(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        for _ in range(_MAX_SCAN):
            day += timedelta(days=1)
            if self.is_workday(day):
                return day
        raise DomainError("calendar_no_workday")

    def on_or_after(self, day: date) -> date:
        return day if self.is_workday(day) else self.next_workday(day)

    def add_workdays(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` itself not counted).

        ``count == 0`` means the same day.
        """
        if count < 0:
            raise ValueError(count)
        day = start
        for _ in range(count):
            day = self.next_workday(day)
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Working days in the interval (start, end]; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.workdays_between(end, start)
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count


@dataclass(frozen=True)
class CalendarEntry:
    id: str
    day: date
    kind: str
    name: str


# The State Council's arrangements (国务院办公厅 holiday notices).  Loaded on request only;
# the user checks and edits them like any other entry.
_PRESETS: dict[int, list[tuple[str, str, str, str | None]]] = {
    # (name, first holiday, last holiday, make-up working days separated by commas)
    2025: [
        ("元旦", "2025-01-01", "2025-01-01", None),
        ("春节", "2025-01-28", "2025-02-04", "2025-01-26,2025-02-08"),
        ("清明节", "2025-04-04", "2025-04-06", None),
        ("劳动节", "2025-05-01", "2025-05-05", "2025-04-27"),
        ("端午节", "2025-05-31", "2025-06-02", None),
        ("国庆节、中秋节", "2025-10-01", "2025-10-08", "2025-09-28,2025-10-11"),
    ],
    2026: [
        ("元旦", "2026-01-01", "2026-01-03", "2026-01-04"),
        ("春节", "2026-02-15", "2026-02-23", "2026-02-14,2026-02-28"),
        ("清明节", "2026-04-04", "2026-04-06", None),
        ("劳动节", "2026-05-01", "2026-05-05", "2026-05-09"),
        ("端午节", "2026-06-19", "2026-06-21", None),
        ("中秋节", "2026-09-25", "2026-09-27", None),
        ("国庆节", "2026-10-01", "2026-10-07", "2026-09-20,2026-10-10"),
    ],
}


def preset_years() -> list[int]:
    return sorted(_PRESETS)


def preset_days(year: int) -> list[tuple[date, str, str]]:
    """(day, kind, name) of the published arrangement for ``year``."""
    if year not in _PRESETS:
        raise DomainError("calendar_no_preset", year=year)
    days: list[tuple[date, str, str]] = []
    for name, first, last, makeup in _PRESETS[year]:
        day, end = date.fromisoformat(first), date.fromisoformat(last)
        while day <= end:
            days.append((day, CalendarDayKind.HOLIDAY.value, name))
            day += timedelta(days=1)
        for text in (makeup or "").split(","):
            if text:
                days.append((date.fromisoformat(text), CalendarDayKind.WORKDAY.value, name + "调休"))
    return sorted(days)


class CalendarService(LedgerService):
    """Reads and edits the calendar's exceptions of the current community."""

    def calendar(self) -> WorkCalendar:
        with self.db.session() as session:
            rows = session.execute(
                select(CalendarDay.day, CalendarDay.kind).where(self.live(CalendarDay))).all()
        holidays = [d for d, k in rows if k == CalendarDayKind.HOLIDAY.value]
        workdays = [d for d, k in rows if k == CalendarDayKind.WORKDAY.value]
        return WorkCalendar(holidays, workdays)

    def entries(self, year: int | None = None) -> list[CalendarEntry]:
        stmt = select(CalendarDay).where(self.live(CalendarDay)).order_by(CalendarDay.day)
        if year is not None:
            stmt = stmt.where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day < date(year + 1, 1, 1))
        with self.db.session() as session:
            return [CalendarEntry(r.id, r.day, r.kind, r.name) for r in session.scalars(stmt)]

    def set_day(self, day: date, kind: str, name: str = "") -> str:
        """Mark ``day`` as a holiday or a make-up working day (replacing what it was)."""
        if kind not in (CalendarDayKind.HOLIDAY.value, CalendarDayKind.WORKDAY.value):
            raise ValidationError([FieldError("kind", "bad_choice")])
        if len(name) > 50:
            raise ValidationError([FieldError("name", "too_long", {"max": 50})])
        with self.db.session() as session:
            row = session.scalar(select(CalendarDay).where(self.live(CalendarDay), CalendarDay.day == day))
            if row is not None:
                self.change(session, row, {"kind": kind, "name": name})
                return row.id
            return self.add(session, CalendarDay(day=day, kind=kind, name=name))

    def clear_day(self, day: date) -> bool:
        """Make ``day`` an ordinary day again; False when it was one already."""
        with self.db.session() as session:
            rows = session.scalars(
                select(CalendarDay).where(self.live(CalendarDay), CalendarDay.day == day)).all()
            log = self.log(session)
            for row in rows:
                log.deleted(row)
            return bool(rows)

    def load_preset(self, year: int) -> int:
        """Add the published arrangement for ``year``; days already set are left as they are."""
        days = preset_days(year)
        with self.db.session() as session:
            existing = set(session.scalars(select(CalendarDay.day).where(
                self.live(CalendarDay), CalendarDay.day >= date(year - 1, 12, 1),
                CalendarDay.day < date(year + 1, 2, 1))))
            rows = [{"day": d, "kind": k, "name": n, "community_id": self.community_id}
                    for d, k, n in days if d not in existing]
            return self.log(session).bulk_created(CalendarDay, rows)
