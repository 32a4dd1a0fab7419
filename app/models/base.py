"""Declarative base, column types and the columns every synced record carries."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, MetaData, String, Text, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Marks (in a column's ``info``) the columns that hold people's names, which sort with the
# surname read as a surname (see ``app.db.collation``).
PERSON_NAME = "person_name"


def person_names() -> dict[str, bool]:
    """The ``info`` of a column that holds people's names."""
    return {PERSON_NAME: True}


# Marks (in a column's ``info``) a column holding the id of a record of another synced table.
REFERS_TO = "refers_to"


def refers_to(table: str) -> dict[str, str]:
    """The ``info`` of a column that holds the id of a record of ``table`` (or nothing)."""
    return {REFERS_TO: table}


def new_id() -> str:
    """A new record id: a random UUID in its canonical text form."""
    return str(uuid.uuid4())


class ScaledDecimal(TypeDecorator[Decimal]):
    """An exact decimal stored as a scaled integer (``scale`` digits after the point).

    SQLite has no exact decimal type; storing money and rates as integers keeps
    them exact on every backend and lets SQL sum them.
    """

    impl = Integer
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale
        self._factor = 10**scale

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        scaled = Decimal(value) * self._factor
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.scale} decimal places")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.scale)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        str: String(200),
        int: Integer,
        bool: Boolean,
        date: Date,
        datetime: DateTime,
    }


class SyncedRecord:
    """Columns of every record that travels in sync packages.

    ``hlc`` is the hybrid-logical-clock stamp of the last change; ``deleted_at``
    makes a delete a tombstone so it can travel too.  References between synced
    records are logical (validated by the service layer), not database foreign
    keys, because packages may deliver a child before its parent.
    """

    __sync__ = True

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    hlc: Mapped[str] = mapped_column(String(48))

    @declared_attr
    @classmethod
    def community_id(cls) -> Mapped[str]:
        return mapped_column(String(36), index=True)


LongText = Text
