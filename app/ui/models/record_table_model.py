"""A table model that reads its rows from SQL in blocks, so any list opens at once."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.services.fields import Kind
from app.services.identity import mask_id_number, mask_phone
from app.services.listing import ListQuery
from app.ui import labels

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_NUMERIC = (Kind.INT, Kind.DECIMAL, Kind.FEN)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_ID = int(ID_ROLE)
_TEXT_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole.value), int(Qt.ItemDataRole.ToolTipRole.value), _ID})


def format_fen(fen: int) -> str:
    """1234567 fen -> '12,345.67' yuan."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{yuan:,}.{cents:02d}"


def display_value(kind: Kind, value: Any, show_sensitive: bool, record_kind: str | None = None) -> str:
    """How a stored value reads in a list cell."""
    if value is None or value == "":
        return ""
    if kind is Kind.BOOL:
        return labels.yes_no(bool(value))
    if kind is Kind.CHOICE:
        return labels.choice_label(str(value), record_kind)
    if kind is Kind.PHONE:
        return str(value) if show_sensitive else mask_phone(str(value))
    if kind is Kind.ID_NUMBER:
        return str(value) if show_sensitive else mask_id_number(str(value))
    if kind is Kind.FEN:
        return format_fen(int(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f").rstrip(
            "0").rstrip(".")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class RecordTableModel(QAbstractTableModel):
    """Rows of a :class:`ListQuery`; blocks of ``BLOCK`` rows are fetched on demand and cached."""

    BLOCK = 200
    MAX_BLOCKS = 20

    def __init__(self, query: ListQuery, kind: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.query = query
        self.kind = kind
        self.show_sensitive = False
        self._count = 0
        self._blocks: OrderedDict[int, list[tuple[Any, ...]]] = OrderedDict()
        self._shown: dict[int, tuple[str, ...]] = {}
        self._count = query.count()

    # --- Qt interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.query.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return labels.field_label(self.kind, self.query.columns[section].key)
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every cell of the screen in several roles: plain int comparisons, and each
        # row's texts made once.
        role = int(role)
        if role == _ALIGNMENT:
            return _RIGHT if self.query.columns[index.column()].kind in _NUMERIC else None
        if role not in _TEXT_ROLES or not index.isValid():
            return None
        if role == _ID:
            row = self._row(index.row())
            return None if row is None else row[0]
        texts = self._texts(index.row())
        return None if texts is None else texts[index.column()]

    def _texts(self, row: int) -> tuple[str, ...] | None:
        """The row's cells as the list shows them."""
        texts = self._shown.get(row)
        if texts is None:
            values = self._row(row)
            if values is None:
                return None
            texts = tuple(display_value(c.kind, v, self.show_sensitive, self.kind)
                          for c, v in zip(self.query.columns, values[1:], strict=True))
            if len(self._shown) >= self.BLOCK * self.MAX_BLOCKS:
                self._shown.clear()
            self._shown[row] = texts
        return texts

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self.query.sort_column, self.query.sort_descending):
            return  # the view asks again when sorting is switched on and its indicator is set
        self.query.set_sort(column, descending)
        self.refresh(recount=False)

    # --- ours ---------------------------------------------------------------------

    def refresh(self, recount: bool = True) -> None:
        """Drop cached rows and re-read the count (after a search, filter or edit; a new order
        keeps the count)."""
        self.beginResetModel()
        self._blocks.clear()
        self._shown.clear()
        if recount:
            self._count = self.query.count()
        self.endResetModel()

    def set_show_sensitive(self, show: bool) -> None:
        self.show_sensitive = show
        self._shown.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, self.columnCount() - 1))

    def record_id(self, row: int) -> str | None:
        found = self._row(row)
        return None if found is None else str(found[0])

    def row_of(self, record_id: str) -> int | None:
        """The row showing ``record_id`` among the rows already read, if any."""
        for block, rows in self._blocks.items():
            for offset, row in enumerate(rows):
                if row[0] == record_id:
                    return block * self.BLOCK + offset
        return None

    def _row(self, row: int) -> tuple[Any, ...] | None:
        if row < 0 or row >= self._count:
            return None
        block = row // self.BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            rows = self.query.rows(block * self.BLOCK, self.BLOCK)
            self._blocks[block] = rows
            if len(self._blocks) > self.MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        offset = row - block * self.BLOCK
        return rows[offset] if offset < len(rows) else None
