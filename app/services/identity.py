"""Chinese resident ID numbers (GB 11643-1999) and phone numbers: checking and masking."""

from __future__ import annotations

import re
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")
_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def id_check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def normalise_id_number(text: str) -> str:
    return text.strip().replace(" ", "").upper()


def id_number_problem(text: str) -> str | None:
    """None when ``text`` is a valid 18-character ID number, else an error code."""
    value = normalise_id_number(text)
    if not _ID_RE.match(value):
        return "id_format"
    if id_birth_date(value) is None:
        return "id_birth"
    if id_check_char(value[:17]) != value[17]:
        return "id_checksum"
    return None


def id_birth_date(value: str) -> date | None:
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None
    if born.year < 1900 or born > date.today():
        return None
    return born


def id_gender(value: str) -> str:
    """'male' or 'female' from the sequence digit (odd for men)."""
    return "male" if int(value[16]) % 2 == 1 else "female"


def make_id_number(region: str, born: date, sequence: int) -> str:
    """A valid ID number; used by the demo data and the tests."""
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    return first17 + id_check_char(first17)


def phone_problem(text: str) -> str | None:
    value = text.strip().replace(" ", "")
    if _MOBILE_RE.match(value) or _LANDLINE_RE.match(value):
        return None
    return "phone_format"


def mask_id_number(value: str) -> str:
    """'220802199001011234' -> '2208**********1234'."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """'13812345678' -> '138****5678'; landlines keep the area code and last four digits."""
    if not value:
        return ""
    if len(value) <= 7:
        return value[:1] + "*" * (len(value) - 1)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
