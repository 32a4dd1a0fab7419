"""The progress board (挂图作战): projects as rows, the twelve months as columns.

Each milestone sits in the month it is due: done ones green with a tick, overdue ones red and
worded as overdue, open ones amber.  Colour is never the only sign, so a black-and-white
printout still reads.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, QRect, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.projects import Board, BoardRow, MilestoneView
from app.ui.ledgers.projects_labels import status_label
from app.ui.tr import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
# The milestones of a month cell, for tests and for whoever clicks a cell.
MILESTONES_ROLE = Qt.ItemDataRole.UserRole + 2

DONE, OVERDUE, DUE = "done", "overdue", "due"
# (background, text) per state of a cell.
COLOURS: dict[str, tuple[str, str]] = {
    DONE: ("#c8e6c9", "#1b5e20"),
    OVERDUE: ("#ffcdd2", "#b71c1c"),
    DUE: ("#ffe0b2", "#7a4100"),
}
TICK = "\u2713"
WARN = "\u26a0"
OPEN_MARK = "\u25cb"

MONTH_FIRST = 3
# Grid lines that survive printing and a little room around each cell's text.
TABLE_STYLE = "QTableView { gridline-color: #999; } QTableView::item { padding: 2px 4px; }"
OVERDUE_WORD = QT_TRANSLATE_NOOP("BoardModel", "overdue")


def cell_state(milestones: list[MilestoneView]) -> str | None:
    """The colour of a month cell: red if any milestone is overdue, green if all are done."""
    if not milestones:
        return None
    if any(m.overdue for m in milestones):
        return OVERDUE
    if all(m.done_on is not None for m in milestones):
        return DONE
    return DUE


class BoardModel(QAbstractTableModel):
    """Rows of a :class:`Board`: project, status, progress, then months 1..12."""

    PROJECT, STATUS, PROGRESS = 0, 1, 2
    HEADERS = (
        QT_TRANSLATE_NOOP("BoardModel", "Project"),
        QT_TRANSLATE_NOOP("BoardModel", "Status"),
        QT_TRANSLATE_NOOP("BoardModel", "Progress"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[BoardRow] = []
        self.months: tuple[int, ...] = tuple(range(1, 13))
        self.current_month: int | None = None

    def set_board(self, board: Board, current_month: int | None = None) -> None:
        self.beginResetModel()
        self.rows = list(board.rows)
        self.months = board.months
        self.current_month = current_month
        self.endResetModel()

    def month_column(self, month: int) -> int:
        return MONTH_FIRST + self.months.index(month)

    # --- Qt interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else MONTH_FIRST + len(self.months)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        month = self.months[section - MONTH_FIRST] if section >= MONTH_FIRST else None
        if role == Qt.ItemDataRole.DisplayRole:
            if month is None:
                return self.tr(self.HEADERS[section])
            return QLocale().standaloneMonthName(month, QLocale.FormatType.ShortFormat)
        if role == Qt.ItemDataRole.FontRole and month is not None and month == self.current_month:
            font = QFont()
            font.setBold(True)
            font.setUnderline(True)
            return font
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.project_id
        if column == self.PROJECT:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return f"{row.title}\n{row.secretary_name}"
            return None
        if column == self.STATUS:
            if role == Qt.ItemDataRole.DisplayRole:
                return status_label(row.status)
            if role == Qt.ItemDataRole.ForegroundRole and row.status == OVERDUE:
                return QBrush(QColor(COLOURS[OVERDUE][1]))
            return None
        if column == self.PROGRESS:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{row.progress}%"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        milestones = row.cells.get(self.months[column - MONTH_FIRST], [])
        if role == MILESTONES_ROLE:
            return milestones
        state = cell_state(milestones)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return "\n".join(self.milestone_text(m, role == Qt.ItemDataRole.ToolTipRole)
                             for m in milestones) or None
        if state is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(COLOURS[state][0]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(COLOURS[state][1]))
        if role == Qt.ItemDataRole.FontRole and state == OVERDUE:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def milestone_text(self, m: MilestoneView, long: bool = False) -> str:
        if m.done_on is not None:
            text = f"{TICK} {m.title}"
            return f"{text} {m.done_on.isoformat()}" if long else text
        if m.overdue:
            return f"{WARN} {m.title}（{self.tr(OVERDUE_WORD)}）"
        text = f"{OPEN_MARK} {m.title}"
        return f"{text} {m.due_date.isoformat()}" if long else text


class Legend(QWidget):
    """Coloured swatches with their meaning, in the same marks the cells use."""

    def __init__(self, items: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for background, foreground, text in items:
            swatch = QLabel(text, self)
            swatch.setObjectName("legend")
            swatch.setStyleSheet(f"background: {background}; color: {foreground}; padding: 3px 8px;"
                                 "border: 1px solid #bbb;")
            layout.addWidget(swatch)
        layout.addStretch(1)


class BoardView(QWidget):
    """The board as a table, with its legend and a count of overdue milestones.

    Row heights are computed from the texts and the column widths (not measured cell by cell
    by the view), so a board of hundreds of projects opens at once and no text is cut off.
    """

    PADDING = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = BoardModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("board")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setShowGrid(True)
        self.table.setStyleSheet(TABLE_STYLE)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_rows)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(64)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self._fit_timer.start())
        vheader = self.table.verticalHeader()
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

        self.summary = QLabel(self)
        self.summary.setObjectName("board_summary")
        self.legend = Legend([
            (*COLOURS[DONE], f"{TICK} " + self.tr("done")),
            (*COLOURS[DUE], f"{OPEN_MARK} " + self.tr("due, not done yet")),
            (*COLOURS[OVERDUE], f"{WARN} " + self.tr("overdue")),
        ], self)

        bar = QHBoxLayout()
        bar.addWidget(self.summary)
        bar.addSpacing(16)
        bar.addWidget(self.legend, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def set_board(self, board: Board, current_month: int | None = None) -> None:
        self.model.set_board(board, current_month)
        self.summary.setText(self.tr("{year}: {projects} project(s), {overdue} overdue milestone(s)").format(
            year=board.year, projects=len(board.rows), overdue=board.overdue_milestones))
        self._size_columns()
        self.fit_rows()

    def _size_columns(self) -> None:
        """Project, status and progress as wide as their texts; the months share the rest."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        rows = self.model.rows
        title_width = max([metrics.horizontalAdvance(r.title) for r in rows[:1000]] + [120])
        header.setSectionResizeMode(BoardModel.PROJECT, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(BoardModel.PROJECT, min(240, title_width + 2 * self.PADDING))
        for column in (BoardModel.STATUS, BoardModel.PROGRESS):
            texts = [str(self.model.headerData(column, Qt.Orientation.Horizontal))]
            texts += [str(self.model.data(self.model.index(r, column))) for r in range(min(len(rows), 1000))]
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(metrics.horizontalAdvance(t) for t in texts) + 2 * self.PADDING)

    def fit_rows(self) -> None:
        """Give every row the lines its fullest cell needs at the current column widths."""
        # Overdue milestones are drawn bold: measure with the bold face so they are never cut off.
        bold = QFont(self.table.font())
        bold.setBold(True)
        plain_metrics = self.table.fontMetrics()
        metrics = QFontMetrics(bold)
        header = self.table.horizontalHeader()
        vheader = self.table.verticalHeader()
        line = metrics.lineSpacing()

        def lines(text: str, column: int, fm: QFontMetrics = metrics) -> int:
            width = max(1, header.sectionSize(column) - self.PADDING)
            box = fm.boundingRect(QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), text)
            return max(1, -(-box.height() // line))

        for r, row in enumerate(self.model.rows):
            needed = lines(f"{row.title}\n{row.secretary_name}", BoardModel.PROJECT, plain_metrics)
            for month, milestones in row.cells.items():
                column = self.model.month_column(month)
                needed = max(needed, sum(
                    lines(self.model.milestone_text(m), column, metrics if m.overdue else plain_metrics)
                    for m in milestones))
            vheader.resizeSection(r, needed * line + self.PADDING)
