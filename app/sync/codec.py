"""Field values as JSON: how dates, decimals and timestamps travel in the outbox and in packages.

``to_json_value`` writes a Python value; ``decoder_for`` returns the reverse for one column, which
also refuses values of the wrong kind (a package from elsewhere is never trusted).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, String, Text

from app.models.base import ScaledDecimal


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


class BadValueError(ValueError):
    """A JSON value that does not fit its column: ``expected`` names the kind of value the column
    takes (``text``, ``integer``, ``boolean``, ``date``, ``datetime``, ``decimal``, ``value``);
    ``params`` give its bounds (``max`` characters, ``scale`` decimal places)."""

    def __init__(self, expected: str, **params: Any) -> None:
        super().__init__(expected)
        self.expected = expected
        self.params = params


Decoder = Callable[[Any], Any]


def _text(length: int | None) -> Decoder:
    def decode(value: Any) -> Any:
        if not isinstance(value, str):
            raise BadValueError("text", max=length)
        if length is not None and len(value) > length:
            raise BadValueError("text", max=length)
        return value

    return decode


def _integer(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValueError("integer")
    if not -(2**63) <= value < 2**63:
        raise BadValueError("integer")
    return value


def _boolean(value: Any) -> Any:
    if not isinstance(value, bool):
        raise BadValueError("boolean")
    return value


def _date(value: Any) -> Any:
    if not isinstance(value, str):
        raise BadValueError("date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadValueError("date") from None


def _datetime(value: Any) -> Any:
    if not isinstance(value, str):
        raise BadValueError("datetime")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise BadValueError("datetime") from None


def _scaled(scale: int) -> Decoder:
    def decode(value: Any) -> Any:
        if not isinstance(value, str):
            raise BadValueError("decimal", scale=scale)
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise BadValueError("decimal", scale=scale) from None
        if not number.is_finite() or number != number.quantize(Decimal(1).scaleb(-scale)):
            raise BadValueError("decimal", scale=scale)
        return number

    return decode


def decoder_for(column: Column[Any]) -> Decoder:
    """How a JSON value becomes a value of ``column`` (None allowed only where the column allows it)."""
    kind = column.type
    inner: Decoder
    if isinstance(kind, ScaledDecimal):
        inner = _scaled(kind.scale)
    elif isinstance(kind, Boolean):
        inner = _boolean
    elif isinstance(kind, DateTime):
        inner = _datetime
    elif isinstance(kind, Date):
        inner = _date
    elif isinstance(kind, Integer):
        inner = _integer
    elif isinstance(kind, String | Text):
        inner = _text(getattr(kind, "length", None))
    else:
        raise TypeError(f"no JSON form for column {column.name} of type {kind!r}")
    nullable = bool(column.nullable)

    def decode(value: Any) -> Any:
        if value is None:
            if nullable:
                return None
            raise BadValueError("value")
        return inner(value)

    return decode


TEXT, INTEGER, BOOLEAN, DATE, DATETIME, OTHER = 0, 1, 2, 3, 4, 5


def column_kind(column: Column[Any]) -> tuple[int, int | None, bool]:
    """(kind, maximum text length, nullable): lets a hot loop check plain values without a call."""
    kind = column.type
    nullable = bool(column.nullable)
    if isinstance(kind, ScaledDecimal):
        return OTHER, None, nullable
    if isinstance(kind, DateTime):
        return DATETIME, None, nullable
    if isinstance(kind, Date):
        return DATE, None, nullable
    if isinstance(kind, Boolean):
        return BOOLEAN, None, nullable
    if isinstance(kind, Integer):
        return INTEGER, None, nullable
    if isinstance(kind, String | Text):
        return TEXT, getattr(kind, "length", None), nullable
    return OTHER, None, nullable


def empty_value(column: Column[Any]) -> Any:
    """The value a column holds before any change has set it: its default, else None or a blank."""
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return default.arg  # type: ignore[attr-defined]
    if column.nullable:
        return None
    kind = column.type
    if isinstance(kind, ScaledDecimal):
        return Decimal(0)
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, DateTime):
        return datetime(1970, 1, 1)
    if isinstance(kind, Date):
        return date(1970, 1, 1)
    if isinstance(kind, Integer):
        return 0
    return ""
