"""Fixtures of the ledger tests: a settable clock and the services on the test database."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.db.database import Database
from app.services.appeals import AppealService
from app.services.registry import RegistryService
from app.services.workdays import CalendarService


class Clock:
    """The time the services see; tests move it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, text: str) -> None:
        self.now = datetime.fromisoformat(text)

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2025, 9, 26, 9, 0))


@pytest.fixture
def calendar(db: Database, registry: RegistryService, clock: Clock) -> CalendarService:
    return CalendarService(db, clock)


@pytest.fixture
def appeals(db: Database, registry: RegistryService, clock: Clock) -> AppealService:
    return AppealService(db, clock)
