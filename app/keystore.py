"""Secrets held by the platform's keyring rather than in the ledger file.

The ledger file can be copied by anyone who can read it (a shared office PC, a stick left in a
drive); what the keyring holds is tied to the user's login: the Windows Credential Manager
(protected by DPAPI), the macOS Keychain, the Secret Service of a Linux desktop.  The ``keyring``
library speaks to each of them.  Where none is there (a Linux PC without a desktop keyring, a
locked or refused one) :func:`store` says so and the caller keeps the secret in the ledger, which
is private to the user's account (see :mod:`app.atomic`).
"""

from __future__ import annotations

import json
from typing import Any

SERVICE = "Community Ledger"


class KeystoreUnavailableError(Exception):
    """The platform's keyring cannot be reached now (it was, when the secret went into it)."""


def _backend() -> Any | None:
    """The platform's keyring, or None where there is none worth the name (no backend, or one
    that only refuses, as on a Linux server without a Secret Service)."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration is no keyring
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return backend


def available() -> bool:
    return _backend() is not None


def store(name: str, secret: str) -> bool:
    """Put ``secret`` under ``name`` in the keyring and read it back; False where it cannot hold it."""
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, name, secret)
        return bool(backend.get_password(SERVICE, name) == secret)
    except Exception:  # refused, locked, dismissed: the caller keeps the secret itself
        return False


def fetch(name: str) -> str | None:
    """The secret under ``name``; None when the keyring has none by that name (the ledger came from
    another computer or account). Raises :class:`KeystoreUnavailableError` when no keyring answers."""
    backend = _backend()
    if backend is None:
        raise KeystoreUnavailableError(name)
    try:
        secret = backend.get_password(SERVICE, name)
    except Exception as exc:
        raise KeystoreUnavailableError(name) from exc
    return None if secret is None else str(secret)


def remove(name: str) -> None:
    backend = _backend()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, name)
    except Exception:  # nothing there, or the keyring refuses: nothing more to remove
        return


def reference(name: str) -> str:
    """What the ledger keeps in place of a secret the keyring holds under ``name``."""
    return json.dumps({"held_by": "keyring", "name": name}, sort_keys=True)


def referenced(value: str | None) -> str | None:
    """The keyring name ``value`` refers to, or None when ``value`` is not such a reference."""
    if not value or not value.startswith("{"):
        return None
    try:
        doc = json.loads(value)
    except ValueError:
        return None
    if isinstance(doc, dict) and doc.get("held_by") == "keyring" and isinstance(doc.get("name"), str):
        return str(doc["name"])
    return None
