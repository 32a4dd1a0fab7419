"""Secretary projects (书记项目): the project ledger, the progress board (挂图作战) and the
secretaries who have not claimed a project this year."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.database import Database
from app.printing.xlsx import SheetData
from app.services.errors import NotFoundError
from app.services.ledger_common import Clock
from app.services.projects import PROJECT_FIELDS, ProjectService, Secretary
from app.ui.controllers.records import RecordController
from app.ui.controllers.sources import ServiceSource
from app.ui.dialogs.record_form import RecordFormDialog
from app.ui.ledgers.projects_board import BoardView
from app.ui.ledgers.projects_detail import ProjectDetail, make_item, make_table, relabel_choices
from app.ui.ledgers.projects_labels import LEVELS, PROJECT, level_label
from app.ui.table_export import TableExport, table_sheet
from app.ui.views.record_list import RecordListView

UNCLAIMED_KINDS = (PROJECT, "community", "resident_unit", "party_group")


class ProjectListView(RecordListView):
    """The project list of one year (the page's year picker replaces the list's year filter)."""

    def __init__(self, controller: RecordController, source: ServiceSource, year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(controller, PROJECT, parent, source=source)
        combo = self.filters.pop("year", None)
        if combo is not None:
            combo.hide()
            for label in self.findChildren(QLabel):
                if label.buddy() is combo:
                    label.hide()
        self.title.hide()  # the page's tab names the list
        hint = self.search.placeholderText()
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance(hint) + 40)
        self.set_year(year)

    def set_year(self, year: int) -> None:
        self.query.set_filter("year", year)
        self._reload()

    def add_dialog(self) -> RecordFormDialog:
        dialog = super().add_dialog()
        relabel_choices(dialog, "level", LEVELS)
        return dialog

    def edit_dialog(self, record_id: str) -> RecordFormDialog:
        dialog = super().edit_dialog(record_id)
        relabel_choices(dialog, "level", LEVELS)
        return dialog


class UnclaimedView(QWidget):
    """Secretaries expected to claim a project who have none this year; a double-click starts
    a project for the secretary."""

    claim_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Secretary] = []
        self.summary = QLabel(self)
        self.summary.setObjectName("unclaimed_summary")
        self.summary.setWordWrap(True)
        self.table = make_table(self, "unclaimed", [self.tr("Level"), self.tr("Secretary"),
                                                self.tr("Party organisation")])
        self.table.setAlternatingRowColors(True)
        self.table.doubleClicked.connect(lambda index: self.claim_requested.emit(self.rows[index.row()]))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def set_rows(self, year: int, rows: list[Secretary]) -> None:
        self.rows = list(rows)
        if rows:
            self.summary.setText(self.tr(
                "{count} secretary(ies) have not claimed a project for {year}. Each secretary claims "
                "at least one project a year; double-click a row to record one.").format(
                    count=len(rows), year=year))
        else:
            self.summary.setText(
                self.tr("Every secretary has claimed a project for {year}.").format(year=year))
        self.table.setRowCount(len(rows))
        for row, s in enumerate(rows):
            cells = [level_label(s.level), s.name or self.tr("(name not recorded)"), s.org]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, make_item(text, s.ref_id))

    def names(self) -> list[str]:
        items = (self.table.item(r, 1) for r in range(self.table.rowCount()))
        return [item.text() for item in items if item is not None]


class ProjectsPage(QWidget):
    """Year picker; tabs: project ledger (list and detail), progress board, unclaimed."""

    LEDGER_TAB, BOARD_TAB, UNCLAIMED_TAB = 0, 1, 2

    def __init__(self, controller: RecordController, db: Database, parent: QWidget | None = None,
                 now: Clock = datetime.now) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = ProjectService(db, now)
        self._stale: set[int] = set()
        self._missing: int | None = None

        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setValue(self.service.today().year)
        self.year.setMinimumWidth(90)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")

        source = ServiceSource(
            controller, PROJECT, PROJECT_FIELDS,
            get=lambda record_id: controller.service.get(PROJECT, record_id),
            create=self.service.create, update=self.service.update, delete=self.service.delete,
            defaults=lambda: {"year": self.year.value()})
        self.list = ProjectListView(controller, source, self.year.value(), self)
        self.list.setObjectName("project_list")
        self.detail = ProjectDetail(controller, self.service, self)
        self.detail.setObjectName("project_detail")
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 450])

        self.board = BoardView(self)
        self.board.table.doubleClicked.connect(self._open_from_board)
        self.unclaimed = UnclaimedView(self)
        self.unclaimed.claim_requested.connect(lambda s: self.claim_dialog(s).exec())

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("project_tabs")
        self.tabs.addTab(self.splitter, self.tr("Project ledger"))
        self.tabs.addTab(self.board, self.tr("Progress board"))
        self.tabs.addTab(self.unclaimed, self.tr("Not claimed"))
        self.tabs.currentChanged.connect(self._refresh_tab)

        top = QHBoxLayout()
        year_label = QLabel(self.tr("Year"), self)
        year_label.setBuddy(self.year)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)
        self.export = TableExport(self, controller.runner, self._shown_sheets, self._shown_title, "board")
        self.export.button.setVisible(False)
        self.tabs.currentChanged.connect(
            lambda i: self.export.button.setVisible(i in (self.BOARD_TAB, self.UNCLAIMED_TAB)))
        top.addWidget(self.export.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self.year.valueChanged.connect(self._year_changed)
        self.list.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        controller.changed.connect(self._on_changed)
        self._refresh_summary()
        self._mark_stale()

    def _shown_title(self) -> str:
        if self.tabs.currentIndex() == self.UNCLAIMED_TAB:
            return self.tr("Secretaries without a project, {year}").format(year=self.year.value())
        return self.tr("Progress board of the secretary projects, {year}").format(year=self.year.value())

    def _shown_sheets(self) -> list[SheetData]:
        """The progress board or the secretaries without a project, as the open tab shows them."""
        unclaimed = self.tabs.currentIndex() == self.UNCLAIMED_TAB
        model = self.unclaimed.table.model() if unclaimed else self.board.model
        return [table_sheet(model, self._shown_title())]

    # --- public -----------------------------------------------------------------------

    def open_record(self, project_id: str) -> bool:
        """Show ``project_id``: its year, selected in the list, its detail beside it."""
        if not project_id:
            return False
        try:
            view = self.service.get(project_id)
        except NotFoundError:
            return False
        self.tabs.setCurrentIndex(self.LEDGER_TAB)
        if self.year.value() != view.year:
            self.year.setValue(view.year)
        self.list.search.clear()
        if not self.list.select_record(project_id):
            for combo in self.list.filters.values():
                combo.setCurrentIndex(0)
            self.list.select_record(project_id)
        self.detail.show_project(project_id)
        return True

    def claim_dialog(self, secretary: Secretary) -> RecordFormDialog:
        """A new project for ``secretary`` this year, with who claims it filled in."""
        values = {"year": self.year.value(), "level": secretary.level, "secretary_name": secretary.name}
        if secretary.level == "resident_unit":
            values["resident_unit_id"] = secretary.ref_id
        elif secretary.level == "party_group":
            values["party_group_id"] = secretary.ref_id

        def save(new: dict[str, Any]) -> None:
            project_id = self.list.source.create(new)
            self.open_record(project_id)

        dialog = RecordFormDialog(self.controller.service, PROJECT, save, values, self, fields=PROJECT_FIELDS)
        relabel_choices(dialog, "level", LEVELS)
        return dialog

    def add_record(self) -> None:
        self.tabs.setCurrentIndex(self.LEDGER_TAB)
        self.list.add_record()

    def edit_current(self) -> None:
        self.list.edit_current()

    def delete_current(self) -> None:
        self.list.delete_current()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(self.LEDGER_TAB)
        self.list.focus_search()

    def set_show_sensitive(self, show: bool) -> None:
        self.list.set_show_sensitive(show)

    # --- refreshing -------------------------------------------------------------------

    def _year_changed(self, year: int) -> None:
        self.list.set_year(year)
        self.detail.show_project(self.list.current_id())
        self._refresh_summary()
        self._mark_stale()

    def _selection_changed(self) -> None:
        record_id = self.list.current_id()
        if record_id is not None and record_id != self.detail.project_id:
            self.detail.show_project(record_id)

    def _on_changed(self, kind: str) -> None:
        if kind not in UNCLAIMED_KINDS:
            return
        # A milestone, evaluation or status change from the detail panel cannot change who
        # has claimed a project; anything else (a project added, edited, deleted, undone) can.
        claims = kind != PROJECT or not self.detail.writing
        if kind == PROJECT:
            shown = self.detail.project_id
            if shown is not None and self.list.current_id() != shown:
                self.list.select_record(shown)
            self.detail.refresh()
            self._refresh_summary(claims)
        self._mark_stale(claims)

    def _mark_stale(self, claims: bool = True) -> None:
        self._stale.add(self.BOARD_TAB)
        if claims:
            self._stale.add(self.UNCLAIMED_TAB)
        self._refresh_tab(self.tabs.currentIndex())

    def _refresh_tab(self, index: int) -> None:
        if index not in self._stale:
            return
        self._stale.discard(index)
        year = self.year.value()
        if index == self.BOARD_TAB:
            today = self.service.today()
            self.board.set_board(self.service.board(year), today.month if today.year == year else None)
        elif index == self.UNCLAIMED_TAB:
            self.unclaimed.set_rows(year, self.service.secretaries_without_project(year))

    def _refresh_summary(self, claims: bool = True) -> None:
        year = self.year.value()
        counts = self.service.counts(year)
        if claims or self._missing is None:
            self._missing = len(self.service.secretaries_without_project(year))
        missing = self._missing
        text = self.tr("{claimed} project(s) claimed, {done} done, {overdue} overdue; "
                       "{missing} secretary(ies) without a project").format(
            claimed=counts.claimed, done=counts.done, overdue=counts.overdue, missing=missing)
        self.summary.setText(text)
        self.tabs.setTabText(self.UNCLAIMED_TAB, self.tr("Not claimed") + (f" {missing}" if missing else ""))

    def _open_from_board(self, index: Any) -> None:
        project_id = self.board.model.data(index, Qt.ItemDataRole.UserRole + 1)
        if project_id:
            self.open_record(str(project_id))

    def board_rows(self) -> list[str]:
        return [r.title for r in self.board.model.rows]

