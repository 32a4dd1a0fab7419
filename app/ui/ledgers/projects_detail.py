"""One secretary project in detail: derived progress and status, milestones and evaluations.

Every change goes through :meth:`RecordController.perform`, so it is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.ledgers import ProjectStatus
from app.services.errors import DomainError, NotFoundError
from app.services.projects import (
    EVALUATION_FIELDS,
    MILESTONE_FIELDS,
    OVERDUE,
    MilestoneView,
    ProjectService,
    ProjectView,
)
from app.ui import labels
from app.ui.controllers.records import RecordController
from app.ui.dialogs.record_form import RecordFormDialog
from app.ui.ledgers.projects_board import COLOURS, DONE, DUE, OPEN_MARK, TICK, WARN
from app.ui.ledgers.projects_labels import (
    EVALUATION,
    MILESTONE,
    PROJECT,
    STAGES,
    level_label,
    method_label,
    stage_label,
    status_label,
)

Values = dict[str, Any]
ID_ROLE = Qt.ItemDataRole.UserRole + 1
STORED_STATUSES = tuple(s.value for s in ProjectStatus)


def relabel_choices(dialog: RecordFormDialog, name: str, words: dict[str, str]) -> None:
    """Word a choice field of a form with this ledger's own labels."""
    combo = dialog.form.editors.get(name)
    if isinstance(combo, QComboBox):
        for i in range(combo.count()):
            value = combo.itemData(i)
            if value in words:
                combo.setItemText(i, labels.tr(words[value]))


def make_item(text: str, data: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if data is not None:
        item.setData(ID_ROLE, data)
    return item


def make_table(parent: QWidget, object_name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(object_name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setWordWrap(False)
    return table


class ProjectDetail(QWidget):
    """The selected project; empty (with a hint) while none is selected."""

    def __init__(self, controller: RecordController, service: ProjectService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = service
        self.project_id: str | None = None
        self.view: ProjectView | None = None
        self.writing = False

        self.hint = QLabel(self.tr("Select a project in the list to see its milestones and evaluations."),
                           self)
        self.hint.setWordWrap(True)
        self.title = QLabel(self)
        self.title.setObjectName("project_title")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel(self)
        self.meta.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 100)
        self.progress.setFormat("%p%")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status")
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("set_status")
        for value in STORED_STATUSES:
            self.status_combo.addItem(status_label(value), value)
        self.status_combo.activated.connect(self._status_chosen)

        state = QFormLayout()
        state.addRow(self.tr("Progress"), self.progress)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_label)
        status_row.addStretch(1)
        status_row.addWidget(QLabel(self.tr("Set status:"), self))
        status_row.addWidget(self.status_combo)
        state.addRow(self.tr("Status"), status_row)

        # Milestones
        self.milestones = make_table(self, "milestones", [
            self.tr("Stage"), self.tr("Milestone"), self.tr("Due date"), self.tr("Done on"),
            self.tr("State")])
        self.milestones.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.milestones.horizontalHeader().setStretchLastSection(False)
        self.milestones.itemSelectionChanged.connect(self._update_buttons)
        self.milestones.doubleClicked.connect(lambda _i: self.edit_milestone())
        self.complete_button = QPushButton(self.tr("Mark done"), self)
        self.reopen_button = QPushButton(self.tr("Reopen"), self)
        self.add_milestone_button = QPushButton(self.tr("Add…"), self)
        self.edit_milestone_button = QPushButton(self.tr("Edit…"), self)
        self.delete_milestone_button = QPushButton(self.tr("Delete"), self)
        self.complete_button.clicked.connect(self.complete_current)
        self.reopen_button.clicked.connect(self.reopen_current)
        self.add_milestone_button.clicked.connect(lambda: self.milestone_dialog().exec())
        self.edit_milestone_button.clicked.connect(self.edit_milestone)
        self.delete_milestone_button.clicked.connect(self.delete_milestone)
        milestone_box = QGroupBox(self.tr("Milestones"), self)
        buttons = QVBoxLayout()
        for b in (self.complete_button, self.reopen_button):
            buttons.addWidget(b)
        buttons.addSpacing(12)
        for b in (self.add_milestone_button, self.edit_milestone_button, self.delete_milestone_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box_layout = QHBoxLayout(milestone_box)
        box_layout.addWidget(self.milestones, 1)
        box_layout.addLayout(buttons)

        # Evaluations
        self.evaluations = make_table(self, "evaluations", [
            self.tr("Method"), self.tr("Date"), self.tr("Satisfaction"), self.tr("Evaluated by"),
            self.tr("Notes")])
        self.evaluations.setWordWrap(True)
        self.evaluations.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.evaluations.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.add_evaluation_button = QPushButton(self.tr("Add evaluation…"), self)
        self.add_evaluation_button.clicked.connect(lambda: self.evaluation_dialog().exec())
        evaluation_box = QGroupBox(self.tr("Evaluations"), self)
        eval_buttons = QVBoxLayout()
        eval_buttons.addWidget(self.add_evaluation_button)
        eval_buttons.addStretch(1)
        eval_layout = QHBoxLayout(evaluation_box)
        eval_layout.addWidget(self.evaluations, 1)
        eval_layout.addLayout(eval_buttons)

        # Who and what on the left, where it stands on the right; milestones beside evaluations.
        self.body = QWidget(self)
        about = QVBoxLayout()
        about.addWidget(self.title)
        about.addWidget(self.meta)
        about.addWidget(self.problem)
        about.addStretch(1)
        head = QHBoxLayout()
        head.addLayout(about, 3)
        head.addSpacing(16)
        head.addLayout(state, 2)
        boxes = QHBoxLayout()
        boxes.addWidget(milestone_box, 3)
        boxes.addWidget(evaluation_box, 2)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(head)
        body.addLayout(boxes, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.hint)
        layout.addWidget(self.body, 1)
        self.show_project(None)

    # --- showing ----------------------------------------------------------------------

    def show_project(self, project_id: str | None) -> None:
        self.project_id = project_id
        self.refresh()

    def refresh(self) -> None:
        view: ProjectView | None = None
        if self.project_id is not None:
            try:
                view = self.service.get(self.project_id)
            except NotFoundError:
                self.project_id = None
        self.view = view
        self.hint.setVisible(view is None)
        self.body.setVisible(view is not None)
        if view is None:
            self.milestones.setRowCount(0)
            self.evaluations.setRowCount(0)
            return
        values = self.controller.service.get(PROJECT, view.id)
        self.title.setText(view.title)
        self.meta.setText(self.tr("{year} · {secretary} · {level} · team: {team}").format(
            year=view.year, secretary=view.secretary_name, level=level_label(view.level),
            team=values.get("team") or "—"))
        problem = str(values.get("problem") or "").strip()
        self.problem.setText(self.tr("Problem: {text}").format(text=problem) if problem else "")
        self.problem.setVisible(bool(problem))
        self.progress.setValue(view.progress)
        self.status_label.setText(status_label(view.status))
        colour = COLOURS[OVERDUE][1] if view.status == OVERDUE else (
            COLOURS[DONE][1] if view.status == ProjectStatus.DONE.value else "")
        self.status_label.setStyleSheet(f"font-weight: bold; color: {colour or 'palette(text)'};")
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(view.stored_status)))
        self._fill_milestones(view.milestones)
        self._fill_evaluations(self.service.evaluations(view.id))
        self._update_buttons()

    def _fill_milestones(self, milestones: list[MilestoneView]) -> None:
        selected = self.current_milestone()
        selected_id = selected.id if selected else None
        table = self.milestones
        table.setRowCount(len(milestones))
        for row, m in enumerate(milestones):
            if m.done_on is not None:
                state, text = DONE, f"{TICK} " + self.tr("done")
            elif m.overdue:
                state, text = OVERDUE, f"{WARN} " + self.tr("overdue")
            else:
                state, text = DUE, f"{OPEN_MARK} " + self.tr("not done yet")
            cells = [stage_label(m.stage), m.title, m.due_date.isoformat(),
                     m.done_on.isoformat() if m.done_on else "", text]
            for column, value in enumerate(cells):
                item = make_item(value, m.id)
                if state == OVERDUE:
                    item.setBackground(QBrush(QColor(COLOURS[OVERDUE][0])))
                    item.setForeground(QBrush(QColor(COLOURS[OVERDUE][1])))
                elif column == 4:
                    item.setForeground(QBrush(QColor(COLOURS[state][1])))
                if column == 4:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(row, column, item)
            if m.id == selected_id:
                table.selectRow(row)

    def _fill_evaluations(self, rows: list[Values]) -> None:
        table = self.evaluations
        table.setRowCount(len(rows))
        for row, ev in enumerate(rows):
            satisfaction = ev.get("satisfaction")
            score = "" if satisfaction is None else f"{_number(satisfaction)}%"
            notes = str(ev.get("notes") or "")
            cells = [method_label(ev["method"]), ev["evaluated_on"].isoformat(), score,
                     str(ev.get("evaluator") or ""), notes.replace("\n", " ")]
            for column, value in enumerate(cells):
                item = make_item(value, ev["id"])
                if column == 4:
                    item.setToolTip(notes)
                table.setItem(row, column, item)

    def milestone_rows(self) -> list[MilestoneView]:
        return list(self.view.milestones) if self.view else []

    def current_milestone(self) -> MilestoneView | None:
        rows = self.milestones.selectionModel().selectedRows() if self.milestones.selectionModel() else []
        if not rows or self.view is None:
            return None
        item = self.milestones.item(rows[0].row(), 0)
        wanted = item.data(ID_ROLE) if item else None
        return next((m for m in self.view.milestones if m.id == wanted), None)

    def select_milestone(self, milestone_id: str) -> None:
        for row in range(self.milestones.rowCount()):
            item = self.milestones.item(row, 0)
            if item is not None and item.data(ID_ROLE) == milestone_id:
                self.milestones.selectRow(row)
                return

    def _update_buttons(self) -> None:
        m = self.current_milestone()
        self.complete_button.setEnabled(m is not None and m.done_on is None)
        self.reopen_button.setEnabled(m is not None and m.done_on is not None)
        self.edit_milestone_button.setEnabled(m is not None)
        self.delete_milestone_button.setEnabled(m is not None)

    # --- changes ----------------------------------------------------------------------

    def _perform(self, text: str, action: Callable[[], Any]) -> Any:
        """One undo step; while it runs, :attr:`writing` tells listeners the change is this
        project's milestones, evaluations or status (not who claimed what)."""
        self.writing = True
        try:
            return self.controller.perform(text, PROJECT, action)
        finally:
            self.writing = False

    def _status_chosen(self, _index: int) -> None:
        status = self.status_combo.currentData()
        view = self.view
        if view is None or status == view.stored_status:
            return
        self.set_status(status)

    def set_status(self, status: str) -> bool:
        view = self.view
        if view is None:
            return False
        try:
            self._perform(self.tr("Set project status to {status}").format(status=status_label(status)),
                          lambda: self.service.set_status(view.id, status))
        except DomainError as exc:
            QMessageBox.warning(self, labels.kind_title(PROJECT),
                                labels.error_text(PROJECT, exc.code, exc.params))
            self.refresh()
            return False
        self.refresh()
        return True

    def complete_current(self) -> None:
        m = self.current_milestone()
        if m is None or m.done_on is not None:
            return
        self._perform(self.tr("Mark milestone \u201c{title}\u201d done").format(title=m.title),
                      lambda: self.service.complete_milestone(m.id))
        self.refresh()

    def reopen_current(self) -> None:
        m = self.current_milestone()
        if m is None or m.done_on is None:
            return
        self._perform(self.tr("Reopen milestone \u201c{title}\u201d").format(title=m.title),
                      lambda: self.service.reopen_milestone(m.id))
        self.refresh()

    def milestone_dialog(self, milestone_id: str | None = None) -> RecordFormDialog:
        """A form to add a milestone to the project, or to edit ``milestone_id``."""
        project_id = self.project_id
        if milestone_id is None:
            year = self.view.year if self.view else self.service.today().year
            values: Values = {"stage": "other", "due_date": _clamp_to_year(self.service.today(), year)}
        else:
            values = self.service.milestone_values(milestone_id)

        def save(new: Values) -> None:
            if milestone_id is None:
                assert project_id is not None
                new_id = self._perform(self.tr("Add milestone"),
                                       lambda: self.service.add_milestone(project_id, new))
            else:
                self._perform(self.tr("Edit milestone"),
                              lambda: self.service.update_milestone(milestone_id, new))
                new_id = milestone_id
            self.refresh()
            self.select_milestone(new_id)

        dialog = RecordFormDialog(self.controller.service, MILESTONE, save, values, self,
                                  fields=MILESTONE_FIELDS)
        relabel_choices(dialog, "stage", STAGES)
        return dialog

    def edit_milestone(self) -> None:
        m = self.current_milestone()
        if m is not None:
            self.milestone_dialog(m.id).exec()

    def delete_milestone(self) -> None:
        m = self.current_milestone()
        if m is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete"),
            self.tr("Delete milestone \u201c{title}\u201d?\nYou can undo this with Ctrl+Z.").format(
                title=m.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._perform(self.tr("Delete milestone"), lambda: self.service.delete_milestone(m.id))
        self.refresh()

    def evaluation_dialog(self) -> RecordFormDialog:
        project_id = self.project_id

        def save(new: Values) -> None:
            assert project_id is not None
            self._perform(self.tr("Add evaluation"), lambda: self.service.add_evaluation(project_id, new))
            self.refresh()

        return RecordFormDialog(self.controller.service, EVALUATION, save,
                                {"evaluated_on": self.service.today()}, self, fields=EVALUATION_FIELDS)


def _clamp_to_year(day: date, year: int) -> date:
    if day.year == year:
        return day
    return date(year, 12, 31) if day.year > year else date(year, 1, 1)


def _number(value: Decimal | float | int) -> str:
    text = format(Decimal(str(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
