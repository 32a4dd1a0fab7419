"""Field descriptions of a record kind, and turning user input into checked values.

The same description drives the service's validation, the form the UI builds and the
command line, so a rule is written once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from app.services.errors import FieldError
from app.services.identity import (
    division_code_problem,
    id_number_problem,
    normalise_code,
    normalise_id_number,
    normalise_phone,
    phone_problem,
)


class Kind(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    INT = "int"
    DECIMAL = "decimal"
    DATE = "date"
    DATETIME = "datetime"
    FEN = "fen"  # money: typed in yuan ("12.50"), kept as whole fen (1250)
    BOOL = "bool"
    CHOICE = "choice"
    REF = "ref"
    MULTI_REF = "multi_ref"
    PHONE = "phone"
    ID_NUMBER = "id_number"
    DIVISION_CODE = "division_code"  # a community's administrative division code


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind = Kind.TEXT
    required: bool = False
    max_len: int = 100
    minimum: int | Decimal | None = None
    maximum: int | Decimal | None = None
    scale: int = 0
    choices: tuple[str, ...] = ()
    ref: str | None = None
    default: Any = None

    @property
    def sensitive(self) -> bool:
        return self.kind in (Kind.PHONE, Kind.ID_NUMBER)


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(text: str) -> date | None:
    text = text.strip()
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


_TIME = re.compile(r"^(.+?)[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_datetime(text: str) -> datetime | None:
    """'2024-03-05 14:30' (or any date form :func:`parse_date` takes, then hours and minutes)."""
    m = _TIME.match(text.strip())
    if not m:
        return None
    day = parse_date(m[1])
    if day is None:
        return None
    try:
        return datetime(day.year, day.month, day.day, int(m[2]), int(m[3]), int(m[4] or 0))
    except ValueError:
        return None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean(field: Field, value: Any) -> tuple[Any, FieldError | None]:
    """Turn one input value into the stored value, or say what is wrong with it."""
    name = field.name
    if _blank(value):
        if field.required:
            return None, FieldError(name, "required")
        if field.kind in (Kind.TEXT, Kind.LONG_TEXT, Kind.PHONE, Kind.ID_NUMBER, Kind.DIVISION_CODE):
            return "", None
        if field.kind is Kind.CHOICE:
            return (field.default or ""), None
        if field.kind is Kind.BOOL:
            return False, None
        if field.kind is Kind.MULTI_REF:
            return [], None
        if field.kind is Kind.INT and field.default is not None:
            return field.default, None
        return None, None

    kind = field.kind
    if kind in (Kind.TEXT, Kind.LONG_TEXT):
        text = str(value).strip()
        limit = field.max_len if kind is Kind.TEXT else 20000
        if len(text) > limit:
            return None, FieldError(name, "too_long", {"max": limit})
        return text, None
    if kind is Kind.PHONE:
        text = normalise_phone(str(value))
        code = phone_problem(text)
        return (None, FieldError(name, code)) if code else (text, None)
    if kind is Kind.ID_NUMBER:
        text = normalise_id_number(str(value))
        code = id_number_problem(text)
        return (None, FieldError(name, code)) if code else (text, None)
    if kind is Kind.DIVISION_CODE:
        text = normalise_code(str(value))
        code = division_code_problem(text)
        return (None, FieldError(name, code)) if code else (text, None)
    if kind is Kind.INT:
        if isinstance(value, bool):
            return None, FieldError(name, "not_integer")
        if isinstance(value, int):
            number = value
        else:
            text = str(value).strip().replace(",", "")
            if not re.fullmatch(r"[+-]?\d+", text):
                return None, FieldError(name, "not_integer")
            number = int(text)
        return _check_range(field, number)
    if kind is Kind.DECIMAL:
        try:
            number_d = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", ""))
        except InvalidOperation:
            return None, FieldError(name, "not_number")
        if not number_d.is_finite():
            return None, FieldError(name, "not_number")
        # Trailing zeros are not precision: "0.850" is 0.85.
        if -number_d.normalize().as_tuple().exponent > field.scale:  # type: ignore[operator]
            return None, FieldError(name, "too_many_decimals", {"scale": field.scale})
        return _check_range(field, number_d)
    if kind is Kind.DATE:
        if isinstance(value, date) and not isinstance(value, datetime):
            parsed: date | None = value
        else:
            parsed = parse_date(str(value))
        if parsed is None:
            return None, FieldError(name, "bad_date")
        if parsed.year < 1900 or parsed.year > 2100:
            return None, FieldError(name, "date_out_of_range")
        return parsed, None
    if kind is Kind.FEN:
        if isinstance(value, int) and not isinstance(value, bool):
            return _check_range(field, value)
        text = str(value).strip().replace(",", "").replace("，", "")
        if not re.fullmatch(r"[+-]?\d+(\.\d{1,2})?", text):
            return None, FieldError(name, "bad_money")
        return _check_range(field, int((Decimal(text) * 100).to_integral_value()))
    if kind is Kind.DATETIME:
        parsed_dt = value if isinstance(value, datetime) else parse_datetime(str(value))
        if parsed_dt is None:
            return None, FieldError(name, "bad_datetime")
        if parsed_dt.year < 1900 or parsed_dt.year > 2100:
            return None, FieldError(name, "date_out_of_range")
        return parsed_dt, None
    if kind is Kind.BOOL:
        if isinstance(value, bool):
            return value, None
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "y", "是"):
            return True, None
        if text in ("0", "false", "no", "n", "否"):
            return False, None
        return None, FieldError(name, "bad_choice")
    if kind is Kind.CHOICE:
        text = str(value).strip()
        if text not in field.choices:
            return None, FieldError(name, "bad_choice")
        return text, None
    if kind is Kind.REF:
        return str(value), None
    if kind is Kind.MULTI_REF:
        return [str(v) for v in value], None
    raise AssertionError(kind)


def _check_range(field: Field, number: Any) -> tuple[Any, FieldError | None]:
    if field.minimum is not None and number < field.minimum:
        return None, FieldError(field.name, "too_small", {"min": field.minimum})
    if field.maximum is not None and number > field.maximum:
        return None, FieldError(field.name, "too_large", {"max": field.maximum})
    return number, None
