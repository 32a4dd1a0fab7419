"""Errors the service layer reports.  They carry codes, not sentences: the UI and the
command line turn a code into words in the user's language."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from app.refusal import DomainError

__all__ = ["DomainError", "FieldError", "NotFoundError", "ValidationError"]


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


class NotFoundError(DomainError):
    def __init__(self, kind: str, record_id: str) -> None:
        super().__init__("not_found", kind=kind, id=record_id)
