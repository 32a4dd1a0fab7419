"""A request refused as a whole, by a code the UI and the command line turn into words.

It lives at the top of the package because the lowest layers refuse too: the change log refuses
an edit in an approved month (:mod:`app.sync.locks`).
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A request the domain refuses as a whole (not tied to one field)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code if not params else f"{code} {params}")
        self.code = code
        self.params = params
