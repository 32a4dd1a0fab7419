"""Imported dates are stored exactly as SQLAlchemy stores them on SQLite, whole seconds included."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Date, DateTime
from sqlalchemy.dialects import sqlite

from app.sync.apply import _iso_date, _iso_datetime


@pytest.mark.parametrize("value", [datetime(2026, 11, 26, 8, 0, 0), datetime(2026, 1, 2, 3, 4, 5, 678),
                                   datetime(999, 12, 31, 23, 59, 59, 999999)])
def test_datetime_text_is_sqlalchemys(value: datetime) -> None:
    dialect = sqlite.dialect()
    sqlalchemys = DateTime().dialect_impl(dialect).bind_processor(dialect)
    assert sqlalchemys is not None
    assert _iso_datetime(value) == sqlalchemys(value)
    assert _iso_datetime(value).endswith(f".{value.microsecond:06d}")  # type: ignore[union-attr]


@pytest.mark.parametrize("value", [date(2026, 1, 2), date(5, 1, 1)])
def test_date_text_is_sqlalchemys(value: date) -> None:
    dialect = sqlite.dialect()
    sqlalchemys = Date().dialect_impl(dialect).bind_processor(dialect)
    assert sqlalchemys is not None
    assert _iso_date(value) == sqlalchemys(value)


def test_none_stays_none() -> None:
    assert _iso_datetime(None) is None and _iso_date(None) is None
