"""The home view's month approval box (上报与审核): each month handed up and where it stands
(waiting, returned with the staff's comment, approved and by whom), handing a month up, and asking
for an approved month to be unlocked."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db.database import Database
from app.services.approval import ApprovalService, MonthStatus
from app.ui.controllers.records import RecordController
from app.ui.errors import save_or_explain
from app.ui.labels import error_text

MONTH_ROLE = 0x0100 + 7
COLOURS = {"returned": "#c0392b", "approved": "#1e8449", "submitted": "#7d6608",
           "unlock_requested": "#7d6608"}


class MonthApprovalBox(QGroupBox):
    """``changed`` is emitted after a month was handed up or an unlock asked for."""

    changed = Signal()

    def __init__(self, controller: RecordController, db: Database, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Month approval"))
        self.controller = controller
        self.service = ApprovalService(db)
        today = today or date.today()
        last = date(today.year - (today.month == 1), 12 if today.month == 1 else today.month - 1, 1)
        self.month = QLineEdit(last.strftime("%Y-%m"), self)
        self.month.setObjectName("approval_month")
        self.month.setMaxLength(7)
        self.month.setPlaceholderText(self.tr("year-month"))
        self.person = QLineEdit(self)
        self.person.setObjectName("approval_person")
        self.person.setMaxLength(50)
        self.person.setPlaceholderText(self.tr("Handed up by"))
        self.submit_button = QPushButton(self.tr("Hand up"), self)
        self.submit_button.setObjectName("approval_submit")
        self.submit_button.clicked.connect(self._submit)
        self.unlock_button = QPushButton(self.tr("Ask to unlock…"), self)
        self.unlock_button.setObjectName("approval_unlock")
        self.unlock_button.clicked.connect(self._unlock)
        self.months = QListWidget(self)
        self.months.setObjectName("approval_months")
        self.months.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.month)
        row.addWidget(self.person, 1)
        row.addWidget(self.submit_button)
        row.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.months)

    def refresh(self) -> None:
        op = self.controller.runner.op(lambda _t: self.service.months())
        op.on_success(self.fill).in_parent(self).run()

    def fill(self, months: list[MonthStatus]) -> None:
        self.months.clear()
        if not months:
            QListWidgetItem(self.tr("No month handed up yet."), self.months)
            return
        for m in months:
            item = QListWidgetItem(self.line(m), self.months)
            item.setData(MONTH_ROLE, m.month)
            if m.state in COLOURS:
                item.setForeground(QBrush(QColor(COLOURS[m.state])))

    def line(self, m: MonthStatus) -> str:
        if m.state == "approved":
            return self.tr("{month}: approved by {by}, locked").format(month=m.month, by=m.decided_by)
        if m.state == "returned":
            return self.tr("{month}: returned by {by}: {comment}").format(month=m.month, by=m.decided_by,
                                                                          comment=m.comment)
        if m.state == "unlock_requested":
            return self.tr("{month}: unlock asked for, waiting for the staff").format(month=m.month)
        if m.state == "unlocked":
            return self.tr("{month}: unlocked by {by}, may be edited and handed up again").format(
                month=m.month, by=m.decided_by)
        return self.tr("{month}: handed up by {by}, waiting for approval").format(month=m.month,
                                                                                  by=m.submitted_by)

    def _word(self, code: str, params: dict[str, object]) -> str:
        return error_text("month_submission", code, dict(params))

    def _submit(self) -> None:
        if save_or_explain(self, lambda: self.service.submit(self.month.text(), self.person.text()),
                           self._word):
            self.refresh()
            self.changed.emit()

    def _unlock(self) -> None:
        item = self.months.currentItem()
        month = item.data(MONTH_ROLE) if item is not None else None
        month = month or self.month.text()
        reason, ok = QInputDialog.getText(self, self.tr("Ask to unlock"),
                                          self.tr("Why {month} must be changed:").format(month=month))
        if ok and save_or_explain(
                self, lambda: self.service.request_unlock(month, self.person.text(), reason), self._word):
            self.refresh()
            self.changed.emit()
