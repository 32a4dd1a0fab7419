"""Field values as JSON: how dates, decimals and timestamps travel in the outbox and in packages."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any


def to_json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_json_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: to_json_value(v) for k, v in fields.items()}
