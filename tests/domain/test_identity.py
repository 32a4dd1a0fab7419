"""Resident ID numbers (GB 11643-1999) and phone numbers: checking, reading and masking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.services.identity import (
    id_birth_date,
    id_check_char,
    id_gender,
    id_number_problem,
    make_id_number,
    mask_id_number,
    mask_phone,
    normalise_id_number,
    phone_problem,
)

# The worked example printed in GB 11643-1999.
STANDARD_EXAMPLE = "11010519491231002X"


def weighted_check(first17: str) -> str:
    """The check character computed straight from the standard's definition (ISO 7064 MOD 11-2)."""
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    return "10X98765432"[total % 11]


def test_the_standards_examples() -> None:
    assert id_check_char(STANDARD_EXAMPLE[:17]) == "X"
    assert id_check_char("44052418800101001") == "4"
    assert id_number_problem(STANDARD_EXAMPLE) is None


@pytest.mark.parametrize("first17", [
    "22080219800501001", "22080219800501002", "11010119900307753", "44030419991231000",
    "65010220000229123", "22080219751111876", "32010619560818234", "51010719881008445",
])
def test_check_char_matches_the_mod_11_2_definition(first17: str) -> None:
    assert id_check_char(first17) == weighted_check(first17)
    assert id_number_problem(first17 + weighted_check(first17)) is None


def test_every_check_value_including_x_occurs() -> None:
    """Walk sequence numbers until each of the 11 check characters has been produced and accepted."""
    seen = set()
    for seq in range(200):
        number = make_id_number("220802", date(1980, 5, 1), seq)
        assert id_number_problem(number) is None
        seen.add(number[-1])
    assert seen == set("0123456789X")


@pytest.mark.parametrize("text", [" 11010519491231002x ", "110105 19491231 002X", "11010519491231002x"])
def test_lower_case_x_and_spaces_are_accepted(text: str) -> None:
    assert normalise_id_number(text) == STANDARD_EXAMPLE
    assert id_number_problem(text) is None


@pytest.mark.parametrize("text, code", [
    ("", "id_format"),
    ("1101051949123100", "id_format"),          # 16 characters
    ("110105194912310029X", "id_format"),       # 19 characters
    ("110105491231002", "id_format"),           # the old 15-digit form is not accepted
    ("X1010519491231002X", "id_format"),        # X only as the last character
    ("11010519491231002Y", "id_format"),
    ("110105194913310021", "id_birth"),         # month 13
    ("110105199902300021", "id_birth"),         # 30 February
    ("440524188001010014", "id_birth"),         # born before 1900
    ("110105194912310021", "id_checksum"),      # right shape, wrong check digit
    ("110105194912310020", "id_checksum"),
])
def test_bad_id_numbers_say_why(text: str, code: str) -> None:
    assert id_number_problem(text) == code


def test_an_id_number_born_tomorrow_is_refused() -> None:
    first17 = f"220802{date.today() + timedelta(days=1):%Y%m%d}001"
    assert id_number_problem(first17 + id_check_char(first17)) == "id_birth"


def test_birth_date_and_gender_are_read_from_the_number() -> None:
    assert id_birth_date(STANDARD_EXAMPLE) == date(1949, 12, 31)
    assert id_gender(STANDARD_EXAMPLE) == "female"  # sequence 002: even
    man = make_id_number("220802", date(1980, 5, 1), 1)
    assert (id_birth_date(man), id_gender(man)) == (date(1980, 5, 1), "male")


@pytest.mark.parametrize("text", ["13812345678", "19900001111", "138 1234 5678", "0436-3212345",
                                  "04363212345", "010-12345678", "0436-3212345-801"])
def test_good_phone_numbers(text: str) -> None:
    assert phone_problem(text) is None


@pytest.mark.parametrize("text", ["1381234567", "138123456789", "12812345678", "3212345", "436-3212345",
                                  "0436-321", "电话13812345678", "+8613812345678"])
def test_bad_phone_numbers(text: str) -> None:
    assert phone_problem(text) == "phone_format"


@pytest.mark.parametrize("value, masked", [
    (STANDARD_EXAMPLE, "1101**********002X"),
    ("220802198005010018", "2208**********0018"),
    ("12345678", "********"),
    ("", ""),
])
def test_id_numbers_are_masked(value: str, masked: str) -> None:
    assert mask_id_number(value) == masked
    if len(value) > 8:
        assert value[4:14] not in mask_id_number(value)


@pytest.mark.parametrize("value, masked", [
    ("13812345678", "138****5678"),
    ("0436-3212345", "043*****2345"),
    ("3212345", "3******"),
    ("", ""),
])
def test_phones_are_masked(value: str, masked: str) -> None:
    assert mask_phone(value) == masked
    assert len(mask_phone(value)) == len(value)
