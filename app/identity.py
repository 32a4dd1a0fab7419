"""Chinese resident ID numbers (GB 11643-1999), phone numbers and administrative division codes:
normalising, checking and masking.

One set of rules: the services check what people type with them, and sync checks every incoming
change with them (through the rule a column names in its ``info``, see :func:`value_rule`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
# ASCII digits only: ``\d`` would also take full-width and other Unicode digits.
_ID_RE = re.compile(r"^[0-9]{17}[0-9X]$")
_MOBILE_RE = re.compile(r"^1[3-9][0-9]{9}$")
_LANDLINE_RE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?$")
# A community's code: the 12-digit administrative division code of GB/T 10114 (province, city,
# county, street, community), or the 9 digits of its street, as the case's codes (220802001) are.
_DIVISION_RE = re.compile(r"^[0-9]{9}([0-9]{3})?$")
# The provinces' first two digits (GB/T 2260).
PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
    "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
})


def id_check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def ascii_digits(text: str) -> str:
    """``text`` in NFKC form with every decimal digit of any script as its ASCII digit
    (full-width １ and Arabic-Indic ١ both become 1)."""
    folded = unicodedata.normalize("NFKC", text)
    if folded.isascii():
        return folded
    return "".join(str(d) if (d := unicodedata.decimal(c, None)) is not None else c for c in folded)


def normalise_id_number(text: str) -> str:
    """The stored form of an ID number: ASCII digits, an upper-case X, no spaces."""
    return ascii_digits(text).strip().replace(" ", "").upper()


def normalise_phone(text: str) -> str:
    """The stored form of a phone number: ASCII digits and hyphens, no spaces."""
    return ascii_digits(text).strip().replace(" ", "")


def normalise_code(text: str) -> str:
    """The stored form of an administrative division code: ASCII digits, no spaces."""
    return ascii_digits(text).strip().replace(" ", "")


# What a community code must be, in words (the command lines; the UI says it in its own words).
DIVISION_CODE_WORDS = ("a community code is the 12-digit administrative division code, or the 9 digits "
                       "of its street (such as 220802001)")


def division_code_problem(text: str) -> str | None:
    """None when ``text`` is a 12-digit administrative division code (or its 9-digit street part)
    of a province that exists, else ``division_code``."""
    value = normalise_code(text)
    if not _DIVISION_RE.match(value) or value[:2] not in PROVINCES:
        return "division_code"
    return None


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
    value = normalise_phone(text)
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


# --- the rules a column may name ---------------------------------------------------------------

ID_NUMBER = "id_number"
PHONE = "phone"
DIVISION_CODE = "division_code"
# Marks (in a column's ``info``) the rule the column's values follow.
RULE = "value_rule"

# Each rule: its normal form, its check, and the code of a value not in its normal form.
_RULES: dict[str, tuple[Callable[[str], str], Callable[[str], str | None], str]] = {
    ID_NUMBER: (normalise_id_number, id_number_problem, "id_format"),
    PHONE: (normalise_phone, phone_problem, "phone_format"),
    DIVISION_CODE: (normalise_code, division_code_problem, "division_code"),
}


def value_rule(name: str) -> dict[str, str]:
    """The ``info`` of a column whose values follow rule ``name`` (:data:`ID_NUMBER`, :data:`PHONE`,
    :data:`DIVISION_CODE`)."""
    if name not in _RULES:
        raise KeyError(name)
    return {RULE: name}


def stored_value_problem(rule: str, value: str) -> str | None:
    """Why ``value`` may not be stored in a column of ``rule`` (an error code), or None.

    A stored value is already in its normal form: one that is not (full-width digits, a lower-case
    x, spaces) was not written by these rules, and is refused like any other invalid value.  A blank
    ID number or phone is no value; a community always has its code.
    """
    normalise, problem, not_normal = _RULES[rule]
    if value == "" and rule != DIVISION_CODE:
        return None
    if normalise(value) != value:
        return not_normal
    return problem(value)
