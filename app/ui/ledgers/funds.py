"""经费: the funds ledger — entries in yuan kept in fen, and the running balance per fund and year."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.database import Database
from app.printing.xlsx import SheetData
from app.services.fields import Field, Kind
from app.services.funds import ENTRY_FIELDS, FUND_FIELDS, FundService
from app.ui import labels
from app.ui.controllers.records import RecordController
from app.ui.controllers.sources import ServiceSource
from app.ui.models.record_table_model import format_fen
from app.ui.table_export import TableExport, table_sheet
from app.ui.views.record_list import RecordListView


def _in_yuan(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    return tuple(Field(f.name, Kind.FEN, required=f.required, minimum=f.minimum, maximum=f.maximum,
                       default=f.default) if f.name.endswith("_fen") else f for f in fields)


class FundsPage(QWidget):
    def __init__(self, controller: RecordController, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = FundService(db)
        registry = controller.service
        entries = ServiceSource(
            controller, "fund_entry", _in_yuan(ENTRY_FIELDS),
            get=lambda i: registry.get("fund_entry", i),
            create=self.service.add_entry, update=self.service.update_entry, delete=self.service.delete_entry,
            defaults=lambda: {"entry_date": date.today()})
        funds = ServiceSource(
            controller, "fund", _in_yuan(FUND_FIELDS),
            get=lambda i: registry.get("fund", i),
            create=self.service.create_fund,
            update=lambda i, v: registry.update("fund", i, v),
            delete=lambda i: registry.delete("fund", i))
        self.entries = RecordListView(controller, "fund_entry", self, source=entries)
        self.ledger = RunningBalance(self.service, controller, self)
        self.funds = RecordListView(controller, "fund", self, source=funds)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.entries, self.tr("Entries"))
        self.tabs.addTab(self.ledger, self.tr("Ledger with running balance"))
        self.tabs.addTab(self.funds, self.tr("Funds"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def open_record(self, entry_id: str) -> None:
        self.tabs.setCurrentWidget(self.entries)
        self.entries.select_record(entry_id)


class RunningBalance(QWidget):
    """One fund's year: opening balance, each entry with the balance after it, totals."""

    COLUMNS = 7

    def __init__(self, service: FundService, controller: RecordController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.fund = QComboBox(self)
        self.fund.setObjectName("fund")
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.summary = QLabel(self)
        self.summary.setObjectName("balance_summary")
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("running_balance")
        self.table.setHorizontalHeaderLabels([
            labels.field_label("fund_entry", "entry_date"), labels.field_label("fund_entry", "voucher_no"),
            labels.field_label("fund_entry", "purpose"), self.tr("Income (yuan)"), self.tr("Expense (yuan)"),
            self.tr("Balance (yuan)"), labels.field_label("fund_entry", "handler")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        head = QHBoxLayout()
        head.addWidget(QLabel(labels.field_label("fund_entry", "fund_id"), self))
        head.addWidget(self.fund, 1)
        head.addWidget(QLabel(self.tr("Year"), self))
        head.addWidget(self.year)
        head.addStretch(1)
        self.export = TableExport(self, controller.runner, self.sheets, self.title, "running_balance")
        head.addWidget(self.export.button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.fund.currentIndexChanged.connect(lambda _i: self.refresh())
        self.year.valueChanged.connect(lambda _v: self.refresh())
        controller.changed.connect(self._on_changed)
        self.reload_funds()

    def title(self) -> str:
        return self.tr("{fund}, {year}").format(fund=self.fund.currentText(), year=self.year.value())

    def sheets(self) -> list[SheetData]:
        sheet = table_sheet(self.table.model(), self.title())
        sheet.subtitle = self.summary.text()
        return [sheet]

    def _on_changed(self, kind: str) -> None:
        if kind == "fund":
            self.reload_funds()
        elif kind == "fund_entry":
            self.refresh()

    def reload_funds(self) -> None:
        current = self.fund.currentData()
        self.fund.blockSignals(True)
        self.fund.clear()
        for f in self.service.funds():
            self.fund.addItem(f"{f.name}（{labels.choice_label(f.kind)}）", f.fund_id)
        self.fund.setCurrentIndex(max(0, self.fund.findData(current)))
        self.fund.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        fund_id = self.fund.currentData()
        if not fund_id:
            self.table.setRowCount(0)
            self.summary.clear()
            return
        ledger = self.service.ledger(str(fund_id), self.year.value())
        summary = self.tr("Brought forward {opening} · income {income} · expense {expense} · "
                          "balance {closing} (yuan)")
        self.summary.setText(summary.format(
            opening=format_fen(ledger.opening_fen), income=format_fen(ledger.income_fen),
            expense=format_fen(ledger.expense_fen), closing=format_fen(ledger.closing_fen)))
        self.table.setRowCount(len(ledger.rows))
        for r, row in enumerate(ledger.rows):
            income = format_fen(row.amount_fen) if row.direction == "income" else ""
            expense = format_fen(row.amount_fen) if row.direction == "expense" else ""
            values: list[Any] = [row.entry_date.isoformat(), row.voucher_no, row.purpose, income, expense,
                                 format_fen(row.balance_fen), row.handler]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c in (3, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
