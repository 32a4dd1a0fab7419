"""The working-day calendar: weekends, holidays, make-up working days, and editing them."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.db.database import Database
from app.models import OutboxEntry
from app.services.errors import DomainError, ValidationError
from app.services.workdays import CalendarService, WorkCalendar, preset_days

D = date.fromisoformat


def national_day_2025(calendar: CalendarService) -> None:
    """The 2025 National Day and Mid-Autumn arrangement, entered by hand like a user would."""
    for day in range(1, 9):
        calendar.set_day(date(2025, 10, day), "holiday", "国庆节、中秋节")
    calendar.set_day(D("2025-09-28"), "workday", "调休")
    calendar.set_day(D("2025-10-11"), "workday", "调休")


def test_plain_weeks_skip_weekends() -> None:
    cal = WorkCalendar()
    assert cal.is_workday(D("2025-09-26"))  # Friday
    assert not cal.is_workday(D("2025-09-27"))  # Saturday
    assert cal.add_workdays(D("2025-09-26"), 1) == D("2025-09-29")
    assert cal.add_workdays(D("2025-09-26"), 0) == D("2025-09-26")
    assert cal.workdays_between(D("2025-09-26"), D("2025-09-29")) == 1
    assert cal.workdays_between(D("2025-09-29"), D("2025-09-26")) == -1


def test_deadlines_across_the_national_day_week(calendar: CalendarService) -> None:
    national_day_2025(calendar)
    cal = calendar.calendar()
    # The make-up Sunday counts, the holiday week does not.
    assert cal.is_workday(D("2025-09-28"))
    assert not cal.is_workday(D("2025-10-01"))
    assert not cal.is_workday(D("2025-10-08"))
    assert cal.is_workday(D("2025-10-11"))  # make-up Saturday
    # Received on Friday 26 September: 3 working days are Sun 28, Mon 29, Tue 30.
    assert cal.add_workdays(D("2025-09-26"), 3) == D("2025-09-30")
    # Received on 30 September: Thu 9, Fri 10 and the make-up Saturday 11 October.
    assert cal.add_workdays(D("2025-09-30"), 3) == D("2025-10-11")
    # 13 working days from 30 September end on Friday 24 October.
    assert cal.add_workdays(D("2025-09-30"), 13) == D("2025-10-24")
    assert cal.workdays_between(D("2025-09-30"), D("2025-10-09")) == 1
    assert cal.next_workday(D("2025-09-30")) == D("2025-10-09")


def test_editing_the_calendar_changes_deadlines(calendar: CalendarService) -> None:
    national_day_2025(calendar)
    assert calendar.calendar().add_workdays(D("2025-09-30"), 3) == D("2025-10-11")
    assert calendar.clear_day(D("2025-10-08"))
    assert not calendar.clear_day(D("2025-10-08"))
    assert calendar.calendar().add_workdays(D("2025-09-30"), 3) == D("2025-10-10")
    # Setting a day again replaces what it was instead of adding a second entry.
    calendar.set_day(D("2025-10-11"), "holiday", "")
    entries = [e for e in calendar.entries(2025) if e.day == D("2025-10-11")]
    assert [(e.kind) for e in entries] == ["holiday"]
    assert not calendar.calendar().is_workday(D("2025-10-11"))


def test_bad_kind_is_refused(calendar: CalendarService) -> None:
    with pytest.raises(ValidationError) as exc:
        calendar.set_day(D("2025-10-01"), "festival")
    assert exc.value.codes() == {"kind": "bad_choice"}


def test_preset_loads_the_published_arrangement_once(calendar: CalendarService) -> None:
    added = calendar.load_preset(2025)
    assert added == len(preset_days(2025))
    assert calendar.load_preset(2025) == 0
    cal = calendar.calendar()
    assert cal.add_workdays(D("2025-09-30"), 3) == D("2025-10-11")
    assert not cal.is_workday(D("2025-01-28"))  # Spring Festival eve
    assert cal.is_workday(D("2025-01-26"))  # make-up Sunday
    with pytest.raises(DomainError) as exc:
        calendar.load_preset(1999)
    assert exc.value.code == "calendar_no_preset"


def test_calendar_edits_land_in_the_outbox(db: Database, calendar: CalendarService) -> None:
    calendar.set_day(D("2025-10-01"), "holiday", "国庆节")
    calendar.clear_day(D("2025-10-01"))
    with db.session() as session:
        ops = [(e.table_name, e.op) for e in session.scalars(
            select(OutboxEntry).where(OutboxEntry.table_name == "calendar_day").order_by(OutboxEntry.seq))]
    assert ops == [("calendar_day", "upsert"), ("calendar_day", "delete")]
