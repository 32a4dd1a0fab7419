"""社区工作日: organs and cadres, who came each month and what they did, the quarterly feedback."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.database import Database
from app.services.errors import DomainError, ValidationError
from app.services.fields import Field, Kind
from app.services.workday import VISIT_FIELDS, WorkdayService
from app.ui.controllers.records import RecordController
from app.ui.controllers.sources import ServiceSource
from app.ui.ledgers.words import show_error
from app.ui.models.record_table_model import format_fen
from app.ui.table_export import TableExport, table_sheet
from app.ui.views.record_list import RecordListView


def visit_fields() -> tuple[Field, ...]:
    """The visit form: goods typed in yuan, arrival and departure as date-times."""
    fields: list[Field] = []
    for f in VISIT_FIELDS:
        if f.name == "goods_fen":
            fields.append(Field("goods_fen", Kind.FEN, minimum=0, maximum=f.maximum, default=0))
        elif f.name == "appeal_id":
            fields.append(Field("appeal_id", Kind.REF, ref="appeal"))
        else:
            fields.append(f)
        if f.name == "cadre_id":
            fields += [Field("arrived_at", Kind.DATETIME), Field("left_at", Kind.DATETIME)]
    return tuple(fields)


class WorkdayPage(QWidget):
    def __init__(self, controller: RecordController, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = WorkdayService(db)
        registry = controller.service
        source = ServiceSource(
            controller, "workday_visit", visit_fields(),
            get=lambda i: registry.get("workday_visit", i, extra=("arrived_at", "left_at")),
            create=self.service.record, update=self.service.update, delete=self.service.delete,
            defaults=lambda: {"month": date.today().strftime("%Y-%m")})
        self.visits = RecordListView(controller, "workday_visit", self, source=source)
        self.confirm_button = QPushButton(self.tr("Confirm by the community…"), self.visits)
        self.confirm_button.clicked.connect(self.confirm)
        self.visits.layout().addWidget(self.confirm_button)  # type: ignore[union-attr]

        self.summary = QuarterSummary(self.service, self)
        summary = self.summary
        self.summary_export = TableExport(summary, controller.runner,
                                          lambda: [table_sheet(summary.table.model(), summary.title())],
                                          summary.title, "quarter_summary")
        self.summary.head.addWidget(self.summary_export.button)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.visits, self.tr("Work-day records"))
        self.tabs.addTab(self.summary, self.tr("Quarterly feedback to organs"))
        self.tabs.addTab(RecordListView(controller, "organ", self), self.tr("Organs"))
        self.tabs.addTab(RecordListView(controller, "cadre", self), self.tr("Cadres"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        controller.changed.connect(lambda kind: self.summary.refresh() if kind == "workday_visit" else None)

    def confirm(self) -> None:
        visit = self.visits.current_id()
        if visit is None:
            return
        by, ok = QInputDialog.getText(self, self.tr("Confirm"), self.tr("Confirmed by (name):"))
        if not ok:
            return
        try:
            self.controller.perform(self.tr("Confirm a work-day record"), "workday_visit",
                                    lambda: self.service.confirm(visit, by))
        except (ValidationError, DomainError) as exc:
            show_error(self, "workday_visit", exc)

    def open_record(self, visit_id: str) -> None:
        self.tabs.setCurrentWidget(self.visits)
        self.visits.select_record(visit_id)

    def set_show_sensitive(self, show: bool) -> None:
        for i in range(self.tabs.count()):
            page: Any = self.tabs.widget(i)
            if isinstance(page, RecordListView):
                page.set_show_sensitive(show)


class QuarterSummary(QWidget):
    """Per organ: visits, cadres, party lessons, pairings, appeals solved, goods — for one quarter."""

    def __init__(self, service: WorkdayService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        today = date.today()
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.quarter = QComboBox(self)
        for q in (1, 2, 3, 4):
            self.quarter.addItem(self.tr("Quarter {q}").format(q=q), q)
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.quarter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table = QTableWidget(0, 8, self)
        self.table.setObjectName("quarter_summary")
        self.table.setHorizontalHeaderLabels([
            self.tr("Organ"), self.tr("Visits"), self.tr("Cadres"), self.tr("Party lessons"),
            self.tr("Pairings"), self.tr("Appeals solved"), self.tr("Goods (yuan)"), self.tr("Confirmed")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Year"), self))
        head.addWidget(self.year)
        head.addWidget(self.quarter)
        head.addStretch(1)
        self.head = head
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        self.refresh()

    def title(self) -> str:
        return self.tr("Work day feedback to organs, {year} quarter {quarter}").format(
            year=self.year.value(), quarter=self.quarter.currentData())

    def refresh(self) -> None:
        rows = self.service.quarterly_summary(self.year.value(), int(self.quarter.currentData()))
        self.table.setRowCount(len(rows) + (1 if rows else 0))
        totals = [0] * 7
        for r, s in enumerate(rows):
            numbers = [s.visits, s.cadres, s.party_lessons, s.pairings, s.appeals_solved, s.goods_fen,
                       s.confirmed]
            self._row(r, s.organ_name, numbers)
            totals = [a + b for a, b in zip(totals, numbers, strict=True)]
        if rows:
            self._row(len(rows), self.tr("Total"), totals)

    def _row(self, r: int, name: str, numbers: list[int]) -> None:
        self.table.setItem(r, 0, QTableWidgetItem(name))
        for c, n in enumerate(numbers, start=1):
            item = QTableWidgetItem(format_fen(n) if c == 6 else str(n))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, c, item)

