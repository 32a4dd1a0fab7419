"""Compound guarantees (五包保): compounds by the five tasks, coloured by status, with totals.

A double-click on a task cell sets its status, date and note; the leader of a compound's
guarantee is added, edited and deleted from the buttons above the matrix.  Every change is one
undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.database import Database
from app.models.ledgers import TaskStatus
from app.services.errors import DomainError
from app.services.fields import Field, Kind
from app.services.guarantees import GUARANTEE_FIELDS, STATUSES, TASKS, GuaranteeService, Matrix, MatrixRow
from app.services.ledger_common import Clock, Values, validate
from app.ui import labels
from app.ui.controllers.records import RecordController
from app.ui.controllers.sources import ServiceSource
from app.ui.dialogs.record_form import RecordFormDialog
from app.ui.ledgers.guarantees_words import KIND, TASK_KIND, TASK_STATUSES, TASK_TITLES
from app.ui.ledgers.projects_board import TABLE_STYLE, TICK, Legend
from app.ui.ledgers.projects_detail import relabel_choices
from app.ui.table_export import TableExport, table_sheet
from app.ui.tr import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex

# (background, text) per task status.
COLOURS: dict[str, tuple[str, str]] = {
    TaskStatus.NOT_STARTED.value: ("#eeeeee", "#555555"),
    TaskStatus.IN_PROGRESS.value: ("#ffe0b2", "#7a4100"),
    TaskStatus.DONE.value: ("#c8e6c9", "#1b5e20"),
}
MARKS = {TaskStatus.NOT_STARTED.value: "\u2013", TaskStatus.IN_PROGRESS.value: "\u25d1",
         TaskStatus.DONE.value: TICK}
TOTALS_BACKGROUND = "#dde3ea"
PADDING = 10

TASK_FIELDS = (
    Field("status", Kind.CHOICE, required=True, choices=STATUSES, default=TaskStatus.NOT_STARTED.value),
    Field("done_on", Kind.DATE),
    Field("note", max_len=200),
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TASK_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3


def task_title(task: str) -> str:
    return labels.tr(TASK_TITLES.get(task, task))


def task_status_label(status: str) -> str:
    return labels.tr(TASK_STATUSES.get(status, status))


class MatrixModel(QAbstractTableModel):
    """One row per compound under guarantee, then a totals row."""

    COMPOUND, LEADER, POST, UNIT = 0, 1, 2, 3
    TASK_FIRST = 4
    DONE_COUNT = TASK_FIRST + len(TASKS)
    HEADERS = {
        COMPOUND: QT_TRANSLATE_NOOP("MatrixModel", "Compound"),
        LEADER: QT_TRANSLATE_NOOP("MatrixModel", "Responsible leader"),
        POST: QT_TRANSLATE_NOOP("MatrixModel", "Post"),
        UNIT: QT_TRANSLATE_NOOP("MatrixModel", "Unit"),
        DONE_COUNT: QT_TRANSLATE_NOOP("MatrixModel", "Tasks done"),
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matrix = Matrix([], {t: dict.fromkeys(STATUSES, 0) for t in TASKS}, 0, 0, 0)

    def set_matrix(self, matrix: Matrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.endResetModel()

    @property
    def rows(self) -> list[MatrixRow]:
        return self.matrix.rows

    def task_column(self, task: str) -> int:
        return self.TASK_FIRST + TASKS.index(task)

    def task_of(self, column: int) -> str | None:
        return TASKS[column - self.TASK_FIRST] if self.TASK_FIRST <= column < self.DONE_COUNT else None

    def is_totals(self, row: int) -> bool:
        return row == len(self.rows)

    def row_of(self, guarantee_id: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.guarantee_id == guarantee_id), None)

    # --- Qt interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.DONE_COUNT + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return "" if self.is_totals(section) else str(section + 1)
        task = self.task_of(section)
        if task is not None:
            return task_title(task)
        return self.tr(self.HEADERS[section])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if self.is_totals(index.row()):
            return self._totals_data(index.column(), role)
        row = self.rows[index.row()]
        column = index.column()
        task = self.task_of(column)
        if role == ID_ROLE:
            return row.guarantee_id
        if role == TASK_ROLE:
            return task
        if task is None:
            if role != Qt.ItemDataRole.DisplayRole:
                if role == Qt.ItemDataRole.TextAlignmentRole and column == self.DONE_COUNT:
                    return int(Qt.AlignmentFlag.AlignCenter)
                return None
            if column == self.DONE_COUNT:
                return f"{row.done_count} / {len(TASKS)}"
            return (row.compound_name, row.leader_name, row.leader_post, row.leader_unit)[column]
        cell = row.tasks.get(task)
        status = cell.status if cell else TaskStatus.NOT_STARTED.value
        if role == STATUS_ROLE:
            return status
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{MARKS[status]} {task_status_label(status)}"
            if cell is not None and cell.done_on is not None:
                text += f"\n{cell.done_on.isoformat()}"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [f"{row.compound_name} · {task_title(task)}: {task_status_label(status)}"]
            if cell is not None and cell.done_on is not None:
                parts.append(cell.done_on.isoformat())
            if cell is not None and cell.note:
                parts.append(cell.note)
            return "\n".join(parts)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(COLOURS[status][0]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(COLOURS[status][1]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _totals_data(self, column: int, role: int) -> Any:
        m = self.matrix
        task = self.task_of(column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COMPOUND:
                return self.tr("Total: {count} compound(s)").format(count=m.compounds)
            if column == self.LEADER:
                return self.tr("{count} leader(s)").format(count=m.leaders)
            if column == self.DONE_COUNT:
                return self.tr("All five done: {count}").format(count=m.all_done)
            if task is not None:
                counts = m.totals.get(task, {})
                return self.tr("Done {done} / {total}\nin progress {doing}").format(
                    done=counts.get(TaskStatus.DONE.value, 0), total=m.compounds,
                    doing=counts.get(TaskStatus.IN_PROGRESS.value, 0))
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(TOTALS_BACKGROUND))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.TASK_FIRST:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class GuaranteesPage(QWidget):
    """The five-guarantee matrix with its legend, totals and editing."""

    def __init__(self, controller: RecordController, db: Database, parent: QWidget | None = None,
                 now: Clock = datetime.now) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = GuaranteeService(db, now)
        self.source = ServiceSource(
            controller, KIND, GUARANTEE_FIELDS,
            get=lambda record_id: controller.service.get(KIND, record_id),
            create=self.service.create, update=self.service.update, delete=self.service.delete)

        title = QLabel(self.tr("Compound guarantees (five tasks)"), self)
        font = title.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.add_button = QPushButton(self.tr("New"), self)
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.add_button.clicked.connect(lambda: self.guarantee_dialog().exec())
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.legend = Legend([
            (*COLOURS[s], f"{MARKS[s]} {task_status_label(s)}") for s in STATUSES], self)
        hint = QLabel(self.tr("Double-click a task to record its status, date and note."), self)
        hint.setStyleSheet("color: #666;")

        self.model = MatrixModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("matrix")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setStyleSheet(TABLE_STYLE)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        self._task_min = 0
        self.table.viewport().installEventFilter(self)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addSpacing(16)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.delete_button)
        self.export = TableExport(self, controller.runner, lambda: [table_sheet(self.model, title.text())],
                                  title.text, "matrix")
        bar.addWidget(self.export.button)
        legend_bar = QHBoxLayout()
        legend_bar.addWidget(self.legend)
        legend_bar.addStretch(1)
        legend_bar.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addLayout(legend_bar)
        layout.addWidget(self.table, 1)

        controller.changed.connect(self._on_changed)
        self.refresh()

    # --- reading ----------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.current_id()
        column = self.table.currentIndex().column()
        matrix = self.service.matrix()
        self.model.set_matrix(matrix)
        self._size_table()
        compounds = len(self.controller.service.options("compound"))
        without = max(0, compounds - matrix.compounds)
        text = self.tr("{compounds} compound(s) under guarantee by {leaders} leader(s); "
                       "all five tasks done in {all_done}.").format(
            compounds=matrix.compounds, leaders=matrix.leaders, all_done=matrix.all_done)
        if without:
            text += " " + self.tr("{count} compound(s) have no leader yet.").format(count=without)
        self.summary.setText(text)
        if selected is not None:
            self.select(selected, max(0, column))
        self._update_buttons()

    def _size_table(self) -> None:
        """Columns as wide as their texts (the tasks share the rest), rows two lines high."""
        metrics = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        header = self.table.horizontalHeader()
        model = self.model
        pad = 2 * PADDING

        def width(column: int, rows: range) -> int:
            texts = [str(model.headerData(column, Qt.Orientation.Horizontal))]
            texts += [str(model.data(model.index(r, column)) or "") for r in rows]
            totals = str(model.data(model.index(len(model.rows), column)) or "")
            return max([metrics.horizontalAdvance(t) for t in texts]
                       + [bold_metrics.horizontalAdvance(line) for line in totals.split("\n")]) + pad

        some = range(min(len(model.rows), 2000))
        for column in (*range(MatrixModel.TASK_FIRST), MatrixModel.DONE_COUNT):
            header.resizeSection(column, min(320, width(column, some)))
        task_headers = [metrics.horizontalAdvance(task_title(t)) for t in TASKS]
        totals = [bold_metrics.horizontalAdvance(line) for t in TASKS
                  for line in str(model.data(model.index(len(model.rows), model.task_column(t)))).split("\n")]
        self._task_min = max(task_headers + totals) + pad
        self.table.verticalHeader().setDefaultSectionSize(2 * bold_metrics.lineSpacing() + PADDING)
        self._fit_tasks()

    def _fit_tasks(self) -> None:
        """The five tasks share the width the other columns leave, never narrower than their texts."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in (*range(MatrixModel.TASK_FIRST), MatrixModel.DONE_COUNT))
        free = self.table.viewport().width() - others
        width = max(self._task_min, free // len(TASKS))
        for task in TASKS:
            header.resizeSection(self.model.task_column(task), width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_tasks()
        return super().eventFilter(watched, event)

    def matrix_rows(self) -> list[MatrixRow]:
        return list(self.model.rows)

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.model.is_totals(index.row()):
            return None
        if not self.table.selectionModel().isSelected(index):
            return None
        return str(self.model.data(index, ID_ROLE))

    def select(self, guarantee_id: str, column: int = 0) -> bool:
        row = self.model.row_of(guarantee_id)
        if row is None:
            return False
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(index)
        return True

    def open_record(self, guarantee_id: str) -> bool:
        return self.select(guarantee_id)

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _on_changed(self, kind: str) -> None:
        if kind in (KIND, "compound"):
            self.refresh()

    # --- writing ----------------------------------------------------------------------

    def _double_clicked(self, index: QModelIndex) -> None:
        if not index.isValid() or self.model.is_totals(index.row()):
            return
        guarantee_id = str(self.model.data(index, ID_ROLE))
        task = self.model.task_of(index.column())
        dialog = self.task_dialog(guarantee_id, task) if task else self.guarantee_dialog(guarantee_id)
        dialog.exec()

    def guarantee_dialog(self, guarantee_id: str | None = None) -> RecordFormDialog:
        """Add a guarantee (a compound and its leader), or edit ``guarantee_id``."""
        values = self.source.get(guarantee_id) if guarantee_id else {}

        def save(new: Values) -> None:
            if guarantee_id is None:
                self.select(self.source.create(new))
            else:
                self.source.update(guarantee_id, new)
                self.select(guarantee_id)

        return RecordFormDialog(self.controller.service, KIND, save, values, self, fields=GUARANTEE_FIELDS)

    def add_record(self) -> None:
        self.guarantee_dialog().exec()

    def edit_current(self) -> None:
        guarantee_id = self.current_id()
        if guarantee_id is not None:
            self.guarantee_dialog(guarantee_id).exec()

    def delete_current(self) -> None:
        guarantee_id = self.current_id()
        row = self.model.row_of(guarantee_id) if guarantee_id else None
        if guarantee_id is None or row is None:
            return
        name = self.model.rows[row].compound_name
        answer = QMessageBox.question(
            self, self.tr("Delete"),
            self.tr("Delete the guarantee of \u201c{name}\u201d and its five tasks?\n"
                    "You can undo this with Ctrl+Z.").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.source.delete(guarantee_id)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Delete"), labels.error_text(KIND, exc.code, exc.params))

    def task_dialog(self, guarantee_id: str, task: str) -> RecordFormDialog:
        """Status, date and note of one task of one compound."""
        row = self.model.rows[self.model.row_of(guarantee_id) or 0]
        cell = row.tasks.get(task)
        values: Values = {"status": cell.status if cell else TaskStatus.NOT_STARTED.value,
                          "done_on": cell.done_on if cell else None, "note": cell.note if cell else ""}

        def save(new: Values) -> None:
            cleaned = validate(TASK_FIELDS, new)
            self._perform(self.tr("Set \u201c{task}\u201d of {compound}").format(
                task=task_title(task), compound=row.compound_name),
                lambda: self.service.set_task(guarantee_id, task, cleaned["status"], cleaned.get("done_on"),
                                              cleaned.get("note") or ""))
            self.select(guarantee_id, self.model.task_column(task))

        dialog = RecordFormDialog(self.controller.service, TASK_KIND, save, values, self, fields=TASK_FIELDS)
        relabel_choices(dialog, "status", TASK_STATUSES)
        dialog.setWindowTitle(f"{row.compound_name} · {task_title(task)}")
        dialog.resize(480, 300)
        return dialog

    def _perform(self, text: str, action: Callable[[], Any]) -> Any:
        return self.controller.perform(text, KIND, action)
