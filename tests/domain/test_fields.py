"""``clean()``: what each kind of field accepts, what it stores, and the code of every refusal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from app.services.errors import FieldError, ValidationError
from app.services.fields import Field, Kind, clean, parse_date

NAME = Field("name", required=True, max_len=5)
NOTE = Field("note", Kind.LONG_TEXT)
COUNT = Field("households", Kind.INT, minimum=0, maximum=100, default=0)
FEE = Field("fee", Kind.DECIMAL, minimum=Decimal(0), maximum=Decimal(100), scale=2)
DAY = Field("day", Kind.DATE)
FLAG = Field("flag", Kind.BOOL)
KIND = Field("kind", Kind.CHOICE, choices=("ordinary", "building"))
PHONE = Field("phone", Kind.PHONE)
ID = Field("id_number", Kind.ID_NUMBER)
AREA = Field("area_m2", Kind.DECIMAL, scale=2)
REF = Field("compound_id", Kind.REF, ref="compound")
REFS = Field("building_ids", Kind.MULTI_REF, ref="building")


def ok(field: Field, value: Any) -> Any:
    cleaned, error = clean(field, value)
    assert error is None, error
    return cleaned


def code(field: Field, value: Any) -> str:
    cleaned, error = clean(field, value)
    assert error is not None, f"{value!r} was accepted as {cleaned!r}"
    assert cleaned is None
    assert error.field == field.name
    return error.code


# --- accepted values ------------------------------------------------------------------------


@pytest.mark.parametrize("field, value, stored", [
    (NAME, "  阳光 ", "阳光"),
    (NOTE, "长" * 20000, "长" * 20000),
    (COUNT, "1,00", 100),
    (COUNT, " 7 ", 7),
    (COUNT, 42, 42),
    (COUNT, "+0", 0),
    (FEE, "0.85", Decimal("0.85")),
    (FEE, "99.5", Decimal("99.5")),
    (AREA, "41,000.50", Decimal("41000.50")),
    (FEE, Decimal("3"), Decimal("3")),
    (FEE, 12, Decimal("12")),
    (DAY, "2024-03-05", date(2024, 3, 5)),
    (DAY, "2024/3/5", date(2024, 3, 5)),
    (DAY, "2024.03.05", date(2024, 3, 5)),
    (DAY, "2024年3月5日", date(2024, 3, 5)),
    (DAY, "2024年3月5", date(2024, 3, 5)),
    (DAY, "20240305", date(2024, 3, 5)),
    (DAY, date(2024, 3, 5), date(2024, 3, 5)),
    (FLAG, True, True),
    (FLAG, "是", True),
    (FLAG, "yes", True),
    (FLAG, "1", True),
    (FLAG, "否", False),
    (FLAG, "False", False),
    (KIND, " building ", "building"),
    (PHONE, "138 1234 5678", "13812345678"),
    (ID, "11010519491231002x", "11010519491231002X"),
    (REF, "abc", "abc"),
    (REFS, ("a", "b"), ["a", "b"]),
])
def test_accepted_values_are_stored_normalised(field: Field, value: Any, stored: Any) -> None:
    cleaned = ok(field, value)
    assert cleaned == stored
    assert type(cleaned) is type(stored)


def test_money_never_becomes_a_float() -> None:
    cleaned = ok(Field("fee", Kind.DECIMAL, scale=4), "0.1")
    assert isinstance(cleaned, Decimal)
    assert cleaned * 3 == Decimal("0.3")


@pytest.mark.parametrize("field, stored", [
    (Field("t"), ""), (NOTE, ""), (PHONE, ""), (ID, ""), (FLAG, False), (REFS, []),
    (COUNT, 0), (Field("n", Kind.INT), None), (FEE, None), (DAY, None), (REF, None),
    (KIND, ""), (Field("k", Kind.CHOICE, choices=("a", "b"), default="b"), "b"),
])
@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_optional_fields(field: Field, stored: Any, blank: Any) -> None:
    assert ok(field, blank) == stored


# --- refusals: one test per error code ------------------------------------------------------


@pytest.mark.parametrize("blank", [None, "", "  \t"])
@pytest.mark.parametrize("field", [NAME, Field("d", Kind.DATE, required=True),
                                   Field("r", Kind.REF, required=True, ref="compound"),
                                   Field("b", Kind.BOOL, required=True)])
def test_required(field: Field, blank: Any) -> None:
    assert code(field, blank) == "required"


def test_too_long() -> None:
    assert code(NAME, "阳光花园小区") == "too_long"
    assert clean(NAME, "阳光花园小区")[1] == FieldError("name", "too_long", {"max": 5})
    assert code(NOTE, "x" * 20001) == "too_long"


@pytest.mark.parametrize("value", ["abc", "1.5", "一百", "1e3", True, False, "--1"])
def test_not_integer(value: Any) -> None:
    assert code(COUNT, value) == "not_integer"


@pytest.mark.parametrize("field, value, error", [
    (COUNT, "-1", FieldError("households", "too_small", {"min": 0})),
    (COUNT, 101, FieldError("households", "too_large", {"max": 100})),
    (FEE, "-0.01", FieldError("fee", "too_small", {"min": Decimal(0)})),
    (FEE, "100.01", FieldError("fee", "too_large", {"max": Decimal(100)})),
])
def test_out_of_range(field: Field, value: Any, error: FieldError) -> None:
    assert clean(field, value) == (None, error)


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", "-inf", "0.8元", "1.2.3"])
def test_not_number(value: str) -> None:
    assert code(FEE, value) == "not_number"


def test_too_many_decimals() -> None:
    assert clean(FEE, "0.855") == (None, FieldError("fee", "too_many_decimals", {"scale": 2}))
    assert code(AREA, "1.001") == "too_many_decimals"


@pytest.mark.parametrize("value", ["2024-02-30", "2024-13-01", "yesterday", "5/3/2024", "2024-3", "2024年"])
def test_bad_date(value: str) -> None:
    assert code(DAY, value) == "bad_date"


@pytest.mark.parametrize("value", ["1899-12-31", "2101-01-01", date(1800, 1, 1)])
def test_date_out_of_range(value: Any) -> None:
    assert code(DAY, value) == "date_out_of_range"


@pytest.mark.parametrize("field, value", [
    (KIND, "special"), (KIND, "Building"), (FLAG, "maybe"), (FLAG, "2")])
def test_bad_choice(field: Field, value: str) -> None:
    assert code(field, value) == "bad_choice"


@pytest.mark.parametrize("value", ["1381234567", "12345678901", "电话"])
def test_phone_format(value: str) -> None:
    assert code(PHONE, value) == "phone_format"


@pytest.mark.parametrize("value, error", [
    ("2208021980050100", "id_format"),
    ("220802198002300011", "id_birth"),
    ("220802198005010019", "id_checksum"),
])
def test_id_number_codes(value: str, error: str) -> None:
    assert code(ID, value) == error


def test_parse_date_rejects_impossible_days() -> None:
    assert parse_date("2023-02-29") is None
    assert parse_date("2024-02-29") == date(2024, 2, 29)


def test_sensitive_fields() -> None:
    assert PHONE.sensitive and ID.sensitive
    assert not NAME.sensitive and not COUNT.sensitive


def test_validation_error_lists_every_field() -> None:
    error = ValidationError([FieldError("name", "required"), FieldError("phone", "phone_format")])
    assert error.codes() == {"name": "required", "phone": "phone_format"}
    assert "name: required" in str(error)


def test_trailing_zeros_are_not_extra_decimals() -> None:
    assert clean(FEE, "0.850") == (Decimal("0.850"), None)
    assert clean(FEE, "1.2000") == (Decimal("1.2000"), None)
