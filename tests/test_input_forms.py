"""What people type is stored in one form: ID numbers, phones and codes in ASCII digits, so the
same number typed in full-width digits is the same number; a community code is a division code;
a database name every target system can hold."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.db.database import Database
from app.services.errors import ValidationError
from app.services.identity import make_id_number
from app.services.registry import RegistryService
from server.city import CityServer, ServerError

COMMUNITY = {"code": "220802001", "name": "幸福社区", "street": "明仁街道", "district": "洮北区",
             "city": "白城市", "org_kind": "committee"}
CLI = Path(sys.executable).parent / "community-ledger-cli"


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, timeout=120)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("community-ledger-cli: error: "), result.stderr
    return lines[0]


FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def _member(id_number: str, phone: str = "") -> dict[str, str]:
    return {"name": "王伟", "gender": "male", "join_date": "2001-07-01", "status": "full",
            "birth_date": "1971-03-09", "id_number": id_number, "phone": phone}


@pytest.fixture
def registry(tmp_path: Path) -> RegistryService:
    db = Database.open(tmp_path / "ledger.sqlite")
    svc = RegistryService(db)
    svc.create_community(dict(COMMUNITY))
    return svc


def test_a_full_width_id_number_is_stored_in_ascii_and_is_the_same_number(registry: RegistryService) -> None:
    number = make_id_number("220802", date(1971, 3, 9), 11)
    typed = number.translate(FULL_WIDTH)
    assert typed != number
    member = registry.create("party_member", _member(typed, phone="１３８ １２３４ ５６７８"))
    stored = registry.get("party_member", member)
    assert stored["id_number"] == number
    assert stored["phone"] == "13812345678"
    with pytest.raises(ValidationError) as err:
        registry.create("party_member", _member(number))
    assert err.value.codes() == {"id_number": "duplicate"}


def test_other_unicode_digits_and_a_lower_case_x_are_normalised(registry: RegistryService) -> None:
    number = make_id_number("110105", date(1949, 12, 31), 2)
    assert number.endswith("X")
    arabic_indic = number[:-1].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + "x"
    member = registry.create("party_member", {**_member(arabic_indic), "birth_date": "1949-12-31",
                                              "gender": "female"})
    assert registry.get("party_member", member)["id_number"] == number


@pytest.mark.parametrize("code", ["abc;drop", "", "2208020", "99080200100a", "990802001"])
def test_init_refuses_a_code_that_is_not_a_division_code(tmp_path: Path, code: str) -> None:
    path = tmp_path / "ledger.sqlite"
    result = cli("--db", path, "init", "--code", code, "--name", "幸福社区", "--street", "明仁街道",
                 "--district", "洮北区", "--city", "白城市")
    line = one_line_error(result)
    assert "code (" in line
    if code:
        assert "12-digit administrative division code, or the 9 digits of its street" in line


@pytest.mark.parametrize("code", ["220802001", "220802001001", "２２０８０２００１"])
def test_init_takes_a_9_or_12_digit_code(tmp_path: Path, code: str) -> None:
    path = tmp_path / "ledger.sqlite"
    result = cli("--db", path, "init", "--code", code, "--name", "幸福社区", "--street", "明仁街道",
                 "--district", "洮北区", "--city", "白城市")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("code", ["abc;drop", "", "12345"])
def test_the_server_refuses_a_code_that_is_not_a_division_code(tmp_path: Path, code: str) -> None:
    city = CityServer(str(tmp_path / "city.sqlite"))
    try:
        with pytest.raises(ServerError, match="12-digit administrative division code"):
            city.add_community(code, "幸福社区", "洮北区", "明仁街道")
        assert city.communities() == []
        city.add_community("２２０８０２００１", "幸福社区", "洮北区", "明仁街道")
        assert [c["code"] for c in city.communities()] == ["220802001"]
    finally:
        city.close()


@pytest.mark.parametrize("name", ["::::", "a<b.sqlite", "CON.sqlite", "ledger.sqlite.", 'x"y'])
def test_a_database_name_windows_cannot_hold_is_refused(tmp_path: Path, name: str) -> None:
    result = cli("--db", tmp_path / name, "init", "--code", "220802001", "--name", "幸福社区",
                 "--street", "明仁街道", "--district", "洮北区", "--city", "白城市")
    line = one_line_error(result)
    assert "cannot use" in line and "as a database file name" in line
    assert list(tmp_path.iterdir()) == []
