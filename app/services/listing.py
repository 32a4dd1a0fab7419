"""Lists read in windows straight from SQL, so a list of any size opens at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, func, or_, select
from sqlalchemy.orm import QueryableAttribute

from app.db.collation import by_pinyin, holds_person_names, letters_of
from app.services.fields import Kind

Expr = ColumnElement[Any] | QueryableAttribute[Any]


@dataclass(frozen=True)
class ListColumn:
    """One column of a list.

    Text sorts in pinyin (phone-book) order; ``code`` marks text that is a code or a number
    written as text (appeal numbers, months, vouchers), which keeps its stored order.
    """

    key: str
    expr: Expr
    kind: Kind = Kind.TEXT
    searchable: bool = False
    code: bool = False

    @property
    def order(self) -> Expr:
        """The expression the list sorts by when this column's header is clicked."""
        if self.kind is Kind.TEXT and not self.code:
            return by_pinyin(self.expr)
        return self.expr


class ListQuery:
    """Count and fetch rows of one list with the current search, filters and sort order.

    Each row is a tuple: the record id first, then one value per column. Rows sort by the
    chosen column, then by the default one and the ``then`` columns, then by id, so every
    window is stable.
    """

    def __init__(
        self,
        engine: Engine,
        columns: Sequence[ListColumn],
        base: Callable[[Select[Any]], Select[Any]],
        id_expr: Expr,
        filters: dict[str, Expr] | None = None,
        default_sort: int = 0,
        then: Sequence[int] = (),
    ) -> None:
        self.engine = engine
        self.columns = list(columns)
        self._base = base
        self._id = id_expr
        self._filter_exprs = filters or {}
        self.search_text = ""
        self.filters: dict[str, Any] = {}
        self._ties = [default_sort, *then]
        self.sort_column = default_sort
        self.sort_descending = False

    @property
    def filter_keys(self) -> list[str]:
        return list(self._filter_exprs)

    def set_search(self, text: str) -> None:
        self.search_text = text.strip()

    def set_filter(self, key: str, value: Any) -> None:
        if key not in self._filter_exprs:
            raise KeyError(key)
        if value is None:
            self.filters.pop(key, None)
        else:
            self.filters[key] = value

    def set_sort(self, column: int, descending: bool = False) -> None:
        self.sort_column = column
        self.sort_descending = descending

    def _where(self, stmt: Select[Any]) -> Select[Any]:
        stmt = self._base(stmt)
        for key, value in self.filters.items():
            stmt = stmt.where(self._filter_exprs[key] == value)
        if self.search_text:
            pattern = f"%{self._escape(self.search_text)}%"
            matches = [c.expr.like(pattern, escape="\\") for c in self.columns if c.searchable]
            letters = self.search_text.replace(" ", "").casefold()
            if letters.isascii() and letters.isalpha():
                # zgx or zhangguixiang finds 张桂香: people's names also by their pinyin.
                spelled = f"%{letters}%"
                matches += [letters_of(c.expr).like(spelled) for c in self.columns
                            if c.searchable and holds_person_names(c.expr)]
            stmt = stmt.where(or_(*matches))
        return stmt

    @staticmethod
    def _escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

    def distinct(self, key: str) -> list[Any]:
        """The values the filter ``key`` takes among the list's records (search and filters aside)."""
        expr = self._filter_exprs[key]
        stmt = self._base(select(expr).distinct()).where(expr.is_not(None)).order_by(expr)
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(stmt)]

    def count(self) -> int:
        stmt = self._where(select(func.count()))
        with self.engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def rows(self, offset: int, limit: int) -> list[tuple[Any, ...]]:
        stmt = self._where(select(self._id, *(c.expr for c in self.columns)))
        order = self.columns[self.sort_column].order
        order_by = [order.desc() if self.sort_descending else order.asc()]
        for tie in dict.fromkeys(self._ties):
            if tie != self.sort_column:
                order_by.append(self.columns[tie].order.asc())
        stmt = stmt.order_by(*order_by, self._id).offset(offset).limit(limit)
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(stmt)]

    def all_rows(self) -> list[tuple[Any, ...]]:
        return self.rows(0, -1)
