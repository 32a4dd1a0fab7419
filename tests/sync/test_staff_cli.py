"""Staff accounts from the command line: the password from standard input, kept as an argon2 hash."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from server.city import CityServer
from server.models import StaffUser
from server.staff import authenticate

from .http_server import BIN


def add_user(db: str, *args: str, password: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "community-ledger-server"), "--db", db, "add-user", *args],
                          input=password + "\n", capture_output=True, text=True, timeout=120)


def test_add_user_reads_the_password_from_standard_input(tmp_path: Path) -> None:
    db = str(tmp_path / "city.sqlite")
    result = add_user(db, "wangli", "--role", "district", "--district", "洮北区", password="区级账号-密码1")
    assert result.returncode == 0, result.stderr
    assert "区级账号-密码1" not in result.stdout + result.stderr
    city = CityServer(db)
    try:
        with city.session() as session:
            user = session.scalars(select(StaffUser)).one()
            assert (user.username, user.role, user.district) == ("wangli", "district", "洮北区")
            assert user.password_hash.startswith("$argon2id$") and "区级账号" not in user.password_hash
        staff = authenticate(city, "wangli", "区级账号-密码1")
        assert staff is not None and staff.scope == "洮北区"
        assert authenticate(city, "wangli", "区级账号-密码2") is None
        assert authenticate(city, "nobody", "区级账号-密码1") is None
    finally:
        city.close()


@pytest.mark.parametrize(("args", "password", "says"), [
    (("lihua", "--role", "district"), "long enough 1", "needs --district"),
    (("lihua", "--role", "city", "--district", "洮北区"), "long enough 1", "whole city"),
    (("lihua", "--role", "city"), "short", "at least 8"),
    (("li hua", "--role", "city"), "long enough 1", "user name"),
    (("admin", "--role", "city"), "long enough 1", "exists already"),
])
def test_a_user_that_cannot_be_added_is_refused_in_one_line(
        tmp_path: Path, args: tuple[str, ...], password: str, says: str) -> None:
    db = str(tmp_path / "city.sqlite")
    assert add_user(db, "admin", "--role", "city", password="first password").returncode == 0
    result = add_user(db, *args, password=password)
    assert result.returncode == 1
    assert says in result.stderr and result.stderr.count("\n") == 1
