"""Where a list's records come from and how they are written.

The registry's kinds go through :class:`RegistryService`; a ledger with its own service
(meetings, appeals, projects, ...) hands its functions to :class:`ServiceSource`, and
every write becomes one undo step through :meth:`RecordController.perform`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.services.errors import FieldError, ValidationError
from app.services.fields import Field, Kind, clean
from app.services.listing import ListQuery
from app.ui import labels
from app.ui.controllers.records import ADD, DELETE, EDIT, RecordController, _text

Values = dict[str, Any]


class RecordSource:
    """A registry kind: listed and written through the generic registry service."""

    def __init__(self, controller: RecordController, kind: str) -> None:
        self.controller = controller
        self.kind = kind

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.controller.service.spec(self.kind).fields

    @property
    def title(self) -> str:
        return labels.kind_title(self.kind)

    def list_query(self) -> ListQuery:
        return self.controller.service.list_query(self.kind)

    def get(self, record_id: str) -> Values:
        return self.controller.service.get(self.kind, record_id)

    def create(self, values: Values) -> str:
        return self.controller.create(self.kind, values)

    def update(self, record_id: str, values: Values) -> None:
        self.controller.update(self.kind, record_id, values)

    def delete(self, record_id: str) -> None:
        self.controller.delete(self.kind, record_id)

    def defaults(self) -> Values:
        return {}


class ServiceSource(RecordSource):
    """A ledger kind written through its own service; listed through its registered list spec."""

    def __init__(
        self,
        controller: RecordController,
        kind: str,
        fields: tuple[Field, ...],
        get: Callable[[str], Values],
        create: Callable[[Values], str],
        update: Callable[[str, Values], Any],
        delete: Callable[[str], Any],
        defaults: Callable[[], Values] | None = None,
    ) -> None:
        super().__init__(controller, kind)
        self._fields = fields
        self._get, self._create, self._update, self._delete = get, create, update, delete
        self._defaults = defaults

    @property
    def fields(self) -> tuple[Field, ...]:
        return self._fields

    def get(self, record_id: str) -> Values:
        return self._get(record_id)

    def prepare(self, values: Values) -> Values:
        """Turn what the form holds for date-times and yuan amounts into the values the service takes."""
        errors: list[FieldError] = []
        prepared = dict(values)
        for f in self._fields:
            if f.kind in (Kind.DATETIME, Kind.FEN) and f.name in values:
                value, error = clean(f, values[f.name])
                if error:
                    errors.append(error)
                else:
                    prepared[f.name] = value
        if errors:
            raise ValidationError(errors)
        return prepared

    def create(self, values: Values) -> str:
        prepared = self.prepare(values)
        return self.controller.perform(_text(ADD, self.kind), self.kind, lambda: self._create(prepared))

    def update(self, record_id: str, values: Values) -> None:
        prepared = self.prepare(values)
        self.controller.perform(_text(EDIT, self.kind), self.kind,
                                lambda: self._update(record_id, prepared))

    def delete(self, record_id: str) -> None:
        self.controller.perform(_text(DELETE, self.kind), self.kind, lambda: self._delete(record_id))

    def defaults(self) -> Values:
        return self._defaults() if self._defaults else {}
