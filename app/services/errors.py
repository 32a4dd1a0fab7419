"""Errors the service layer reports.  They carry codes, not sentences: the UI and the
command line turn a code into words in the user's language."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)


class ValidationError(Exception):
    """One or more fields are invalid; nothing was saved."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors

    def codes(self) -> dict[str, str]:
        return {e.field: e.code for e in self.errors}


class DomainError(Exception):
    """A request the domain refuses as a whole (not tied to one field)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code if not params else f"{code} {params}")
        self.code = code
        self.params = params


class NotFoundError(DomainError):
    def __init__(self, kind: str, record_id: str) -> None:
        super().__init__("not_found", kind=kind, id=record_id)
