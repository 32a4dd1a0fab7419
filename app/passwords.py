"""Passwords kept as argon2 hashes (argon2-cffi): the start-up password of a shared office PC."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 6


def hash_password(password: str) -> str:
    return PasswordHasher().hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    """Whether ``password`` is the one ``stored_hash`` was made from (False for a damaged hash)."""
    try:
        return bool(PasswordHasher().verify(stored_hash, password))
    except (VerificationError, InvalidHashError):
        return False
