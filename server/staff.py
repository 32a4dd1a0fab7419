"""Staff accounts of the web page: city staff see the whole city, district staff their district."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from server.city import CityServer, ServerError
from server.models import StaffUser

ROLES = ("city", "district")
MIN_PASSWORD = 8
_NAME = re.compile(r"^[\w.@-]{1,50}$")


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@dataclass(frozen=True)
class Staff:
    username: str
    role: str
    district: str

    @property
    def scope(self) -> str | None:
        """The district this user sees, or ``None`` for the whole city."""
        return self.district if self.role == "district" else None


def add_user(server: CityServer, username: str, password: str, role: str, district: str = "") -> Staff:
    if not _NAME.match(username):
        raise ServerError("a user name is 1 to 50 letters, digits or . @ _ -")
    if role not in ROLES:
        raise ServerError(f"the role is one of {', '.join(ROLES)}")
    district = district.strip()
    if role == "district" and not district:
        raise ServerError("a district user needs --district")
    if role == "city" and district:
        raise ServerError("a city user sees the whole city: leave out --district")
    if len(password) < MIN_PASSWORD:
        raise ServerError(f"the password needs at least {MIN_PASSWORD} characters")
    with server.writing("user:" + username) as session:
        if session.get(StaffUser, username) is not None:
            raise ServerError(f"the user {username} exists already")
        session.add(StaffUser(username=username, password_hash=_hasher().hash(password), role=role,
                              district=district, created_at=datetime.now()))
    return Staff(username, role, district)


def find_user(server: CityServer, username: str) -> Staff | None:
    with server.session() as session:
        user = session.get(StaffUser, username)
        return Staff(user.username, user.role, user.district) if user is not None else None


def authenticate(server: CityServer, username: str, password: str) -> Staff | None:
    """The user, when the password is theirs (it takes as long when the user does not exist)."""
    with server.session() as session:
        user = session.get(StaffUser, username) if _NAME.match(username) else None
        stored = user.password_hash if user is not None else None
    try:
        if stored is None:
            _hasher().verify(_dummy_hash(), password)
            return None
        _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    assert user is not None
    return Staff(user.username, user.role, user.district)


@cache
def _dummy_hash() -> str:
    return _hasher().hash("not a password of anyone's")
