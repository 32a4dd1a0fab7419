"""A list of one record kind: search as you type, filters, sorting, add / edit / delete."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.errors import DomainError
from app.ui import labels
from app.ui.controllers.records import RecordController
from app.ui.controllers.sources import RecordSource
from app.ui.dialogs.record_form import RecordFormDialog
from app.ui.models.record_table_model import RecordTableModel, display_value

# Which record kind fills the picker of a list filter.
FILTER_SOURCES: dict[str, str] = {
    "compound_id": "compound",
    "party_group_id": "party_group",
    "property_company_id": "property_company",
    "committee_id": "homeowner_committee",
    "fund_id": "fund",
    "organ_id": "organ",
    "resident_unit_id": "resident_unit",
}
# Filters the list supports but does not offer as a picker (set by the page around it).
HIDDEN_FILTERS = {"committee_id"}
SEARCH_DELAY_MS = 60


# How many rows the column widths are measured on when a list opens.
MEASURED_ROWS = 50
MAX_COLUMN_WIDTH = 320
# Room beside a cell's text (margins) and a header's (the sort arrow).
CELL_PADDING = 16
HEADER_PADDING = 28

class RecordListView(QWidget):
    """The list page of one kind.  All edits go through the :class:`RecordController`."""

    count_changed = Signal(int)

    def __init__(self, controller: RecordController, kind: str, parent: QWidget | None = None,
                 source: RecordSource | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.kind = kind
        self.source = source or RecordSource(controller, kind)
        self._fields = {f.name: f for f in self.source.fields}
        self.query = self.source.list_query()
        self.model = RecordTableModel(self.query, kind, self)

        self.title = QLabel(self.source.title, self)
        font = self.title.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.title.setFont(font)

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search (Ctrl+F)"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        self.filters: dict[str, QComboBox] = {}
        for key in self.query.filter_keys:
            if key not in HIDDEN_FILTERS:
                combo = QComboBox(self)
                combo.setObjectName(f"filter_{key}")
                combo.setMinimumContentsLength(8)
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                self.filters[key] = combo
                combo.currentIndexChanged.connect(lambda _i, k=key: self._apply_filter(k))
        self.reload_filter_options()

        self.add_button = QPushButton(self.tr("New"), self)
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.export_button = QPushButton(self.tr("Export Excel"), self)
        self.export_button.setObjectName("export_excel")
        self.export_button.setToolTip(self.tr("Save the records the list shows as an Excel workbook"))
        self.export_button.clicked.connect(self.export_excel)
        self.add_button.clicked.connect(self.add_record)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.count_label = QLabel(self)

        self.table = QTableView(self)
        self.table.setObjectName("records")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        newest_first = bool(controller.service.spec(kind).extra.get("default_sort_desc"))
        if newest_first:
            self.query.set_sort(0, True)
            self.model.refresh()
        self.table.horizontalHeader().setSortIndicator(
            0, Qt.SortOrder.DescendingOrder if newest_first else Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setDefaultSectionSize(120)
        self.table.horizontalHeader().setMaximumSectionSize(MAX_COLUMN_WIDTH)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addSpacing(16)
        bar.addWidget(self.search, 2)
        for key, combo in self.filters.items():
            label = QLabel(labels.field_label(kind, key), self)
            label.setBuddy(combo)
            bar.addWidget(label)
            bar.addWidget(combo, 1)
        bar.addStretch(0)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.delete_button)
        bar.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        controller.changed.connect(self._on_changed)
        self.fit_columns()
        self._update_count()
        self._update_buttons()

    def fit_columns(self) -> None:
        """Widths that fit the headers and the first rows (more than a maximised window shows).

        Measured here from the texts: Qt's own measuring asks the model for every cell's size in
        several roles, a third of the time the list needs to appear. A longer value further down
        is elided, with the whole text in its tooltip, and every column can be widened by hand.
        """
        model, header = self.model, self.table.horizontalHeader()
        cells, heads = self.table.fontMetrics(), header.fontMetrics()
        rows = min(model.rowCount(), MEASURED_ROWS)
        for column in range(model.columnCount()):
            texts = [model.data(model.index(row, column)) for row in range(rows)]
            width = max((cells.horizontalAdvance(str(t)) for t in texts if t), default=0) + CELL_PADDING
            title = model.headerData(column, Qt.Orientation.Horizontal)
            width = max(width, heads.horizontalAdvance(str(title or "")) + HEADER_PADDING)
            header.resizeSection(column, min(width, MAX_COLUMN_WIDTH))

    # --- filters and search -----------------------------------------------------------

    def reload_filter_options(self) -> None:
        for key, combo in self.filters.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("All"), None)
            field = self._fields.get(key)
            options: list[tuple[Any, str]]
            if key in FILTER_SOURCES:
                options = list(self.controller.service.options(FILTER_SOURCES[key]))
            elif field is not None and field.choices:
                options = [(c, labels.choice_label(c, self.kind)) for c in field.choices]
            else:
                options = [(v, labels.yes_no(v) if isinstance(v, bool)
                            else labels.choice_label(str(v), self.kind))
                           for v in self.query.distinct(key)]
            for value, text in options:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def set_filter(self, key: str, value: Any) -> None:
        combo = self.filters[key]
        combo.setCurrentIndex(max(0, combo.findData(value)))

    def show_everything(self) -> None:
        """Clear the search and every filter at once, and list all records again."""
        self._search_timer.stop()
        for combo in self.filters.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.query.set_search("")
        for key in self.filters:
            self.query.set_filter(key, None)
        self._reload()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _apply_search(self) -> None:
        self.query.set_search(self.search.text())
        self._reload()

    def _apply_filter(self, key: str) -> None:
        self.query.set_filter(key, self.filters[key].currentData())
        self._reload()

    def _reload(self) -> None:
        self.model.refresh()
        self._update_count()
        self._update_buttons()

    def _on_changed(self, kind: str) -> None:
        related = kind in FILTER_SOURCES.values() or kind in ("party_member", "building")
        if kind in (self.kind, "*") or related:
            if kind != self.kind:
                self.reload_filter_options()
            self._reload()

    def refresh(self) -> None:
        """Read the rows again (figures derived from other records changed), keeping the selection."""
        current = self.current_id()
        self._reload()
        if current is not None:
            self.select_record(current)

    def _update_count(self) -> None:
        count = self.model.rowCount()
        searched = self.query.search_text
        if count == 0 and searched:
            self.count_label.setText(self.tr(
                "Nothing found for “{text}”. Type part of a name, its pinyin or initials (zgx for "
                "张桂香), or clear the search and the filters to see every record.").format(text=searched))
        else:
            self.count_label.setText(self.tr("{count} record(s)").format(count=count))
        self.count_changed.emit(count)

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    # --- records ---------------------------------------------------------------------

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.record_id(index.row())

    def select_record(self, record_id: str) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            for start in range(0, self.model.rowCount(), self.model.BLOCK):
                self.model.record_id(start)
                row = self.model.row_of(record_id)
                if row is not None:
                    break
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def new_values(self) -> dict[str, Any]:
        """Defaults for a new record: the list's current filters carry over."""
        values: dict[str, Any] = dict(self.source.defaults())
        for key, value in self.query.filters.items():
            if key in self._fields:
                values[key] = value
        return values

    def add_dialog(self) -> RecordFormDialog:
        """A form for a new record; saving it adds the record and selects it in the list."""

        def save(values: dict[str, Any]) -> None:
            record_id = self.source.create(values)
            self.select_record(record_id)

        return self.form_dialog(save, self.new_values())

    def edit_dialog(self, record_id: str) -> RecordFormDialog:
        values = self.source.get(record_id)

        def save(new_values: dict[str, Any]) -> None:
            self.source.update(record_id, new_values)
            self.select_record(record_id)

        return self.form_dialog(save, values, record_id)

    def form_dialog(self, save: Callable[[dict[str, Any]], Any], values: dict[str, Any],
                    record_id: str | None = None) -> RecordFormDialog:
        """The form a record of this list is entered in (``record_id`` when it edits one)."""
        return RecordFormDialog(self.controller.service, self.kind, save, values, self,
                                fields=self.source.fields)

    def add_record(self) -> None:
        self.add_dialog().exec()

    def edit_current(self) -> None:
        record_id = self.current_id()
        if record_id is None:
            return
        try:
            dialog = self.edit_dialog(record_id)
        except DomainError as exc:
            QMessageBox.warning(self, labels.kind_title(self.kind),
                                labels.error_text(self.kind, exc.code, exc.params))
            self._reload()
            return
        dialog.exec()

    def delete_current(self) -> None:
        record_id = self.current_id()
        if record_id is None:
            return
        row = self.table.currentIndex().row()
        name = self.model.data(self.model.index(row, 0)) or ""
        answer = QMessageBox.question(
            self, self.tr("Delete"),
            self.tr("Delete {kind} \u201c{name}\u201d?\nYou can undo this with Ctrl+Z.").format(
                kind=labels.kind_title(self.kind), name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.source.delete(record_id)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Delete"), labels.error_text(self.kind, exc.code, exc.params))

    def set_show_sensitive(self, show: bool) -> None:
        self.model.set_show_sensitive(show)

    # --- export ------------------------------------------------------------------------

    def export_excel(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export Excel"), f"{self.source.title}.xlsx",
                                              "Excel (*.xlsx)")
        if name:
            self.export_to(Path(name if name.lower().endswith(".xlsx") else f"{name}.xlsx"))

    def export_to(self, path: Path) -> None:
        """Write what the list shows (its search, filters and order; personal data as shown)."""
        from app.printing.xlsx import list_sheet, write_workbook

        query = self.source.list_query()
        query.set_search(self.query.search_text)
        for key, value in self.query.filters.items():
            query.set_filter(key, value)
        query.set_sort(self.query.sort_column, self.query.sort_descending)
        headers = [str(self.model.headerData(c, Qt.Orientation.Horizontal))
                   for c in range(self.model.columnCount())]
        sheet = list_sheet(self.kind, query, title=self.source.title, headers=headers,
                           full=self.model.show_sensitive,
                           words=lambda k, v: display_value(k, v, False, self.kind))
        (self.controller.runner.op(lambda _task: write_workbook(path, [sheet]))
         .on_success(lambda rows: self.count_label.setText(
             self.tr("{count} record(s) saved to {path}").format(count=rows, path=path)))
         .with_progress(self.tr("Exporting…"), parent=self).for_kind(self.kind).in_parent(self).run())
