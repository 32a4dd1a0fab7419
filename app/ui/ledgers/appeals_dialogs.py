"""Small dialogs of the appeal workflow, and the deadlines-and-calendar settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.models.ledgers import AssigneeKind
from app.services.appeals import AppealService
from app.services.errors import DomainError, FieldError
from app.services.fields import Field
from app.services.workdays import CalendarService, preset_years
from app.ui import labels
from app.ui.controllers.records import RecordController
from app.ui.dialogs.record_form import RecordForm
from app.ui.errors import save_or_explain
from app.ui.ledgers.appeals_words import error_text
from app.ui.screen import fit_to_screen
from app.ui.views.record_list import RecordListView

_ERROR_STYLE = "color: #c0392b;"


def _error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(f"error_{name}")
    label.setStyleSheet(_ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class StepDialog(QDialog):
    """Asks for the few values one step needs; ``save`` gets them and may refuse.

    A :class:`ValidationError` is shown next to its field, a :class:`DomainError` in a
    message box; the dialog stays open until the step is done or cancelled.
    """

    def __init__(self, controller: RecordController, title: str, fields: tuple[Field, ...],
                 save: Callable[[dict[str, Any]], Any], parent: QWidget | None = None,
                 intro: str = "", values: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.form = RecordForm(controller.service, "appeal", self, fields=fields)
        self.form.set_values(values or {})
        self.intro = QLabel(intro, self)
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        self.intro.setVisible(bool(intro))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def try_save(self) -> bool:
        save = lambda: self._save(self.form.values())  # noqa: E731
        if not save_or_explain(self, save, error_text, self.form.show_errors):
            return False
        self.accept()
        return True


class DispatchDialog(QDialog):
    """派单: the kind of receiver, the receiver (picked from the registry or typed), a note.

    The deadline the dispatch will set is shown before the user confirms.
    """

    def __init__(self, controller: RecordController, deadline: date, workdays: int,
                 save: Callable[[str, str, str | None, str], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._save = save
        self.setWindowTitle(self.tr("Dispatch appeal"))
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("field_assignee_kind")
        for kind in AssigneeKind:
            self.kind_combo.addItem(labels.choice_label(kind.value), kind.value)
        self.receiver = QComboBox(self)
        self.receiver.setObjectName("field_assignee_name")
        self.receiver.setMinimumContentsLength(20)
        self.note = QLineEdit(self)
        self.note.setObjectName("field_note")
        self.deadline_label = QLabel(self)
        self.deadline_label.setObjectName("deadline")
        if workdays == 0:
            text = self.tr("{date} (the same day)").format(date=deadline.isoformat())
        else:
            text = self.tr("{date} ({n} working days)").format(date=deadline.isoformat(), n=workdays)
        self.deadline_label.setText(text)
        self.errors = {name: _error_label(self, name) for name in ("assignee_kind", "assignee_name")}

        form = QFormLayout()
        form.addRow(labels.field_label("appeal", "assignee_kind") + " *",
                    self._with_error(self.kind_combo, "assignee_kind"))
        form.addRow(labels.field_label("appeal", "assignee_name") + " *",
                    self._with_error(self.receiver, "assignee_name"))
        form.addRow(labels.field_label("appeal", "deadline"), self.deadline_label)
        form.addRow(labels.field_label("appeal", "note"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._fill_receivers())
        self._fill_receivers()

    def _with_error(self, editor: QWidget, name: str) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.errors[name])
        return box

    def _fill_receivers(self) -> None:
        kind = self.kind_combo.currentData()
        self.receiver.clear()
        typed = kind == AssigneeKind.DEPARTMENT.value
        self.receiver.setEditable(typed)
        if typed:
            line = self.receiver.lineEdit()
            assert line is not None
            line.setPlaceholderText(self.tr("Type the department, e.g. the street's construction office"))
            line.setObjectName("receiver_text")
            return
        for value, text in self.controller.service.options(kind):
            self.receiver.addItem(text, value)

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))

    def values(self) -> tuple[str, str, str | None, str]:
        kind = str(self.kind_combo.currentData())
        name = self.receiver.currentText().strip()
        receiver_id = None if kind == AssigneeKind.DEPARTMENT.value else self.receiver.currentData()
        return kind, name, receiver_id, self.note.text().strip()

    def try_save(self) -> bool:
        for label in self.errors.values():
            label.clear()
            label.hide()
        if not save_or_explain(self, lambda: self._save(*self.values()), error_text, self._place):
            return False
        self.accept()
        return True

    def _place(self, errors: list[FieldError]) -> list[FieldError]:
        """Show each error under its field; the receiver's id is worded under the receiver's name."""
        unplaced: list[FieldError] = []
        for error in errors:
            shown = self.errors.get("assignee_name" if error.field == "assignee_id" else error.field)
            if shown is None:
                unplaced.append(error)
                continue
            shown.setText(error_text(error.code, error.params))
            shown.show()
        return unplaced


class RulesDialog(QDialog):
    """办理时限: working days per category, supervision thresholds, and the holiday calendar."""

    def __init__(self, controller: RecordController, service: AppealService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = service
        self.setWindowTitle(self.tr("Deadlines and holidays"))
        rules = service.rules()
        self.spins: dict[str, QSpinBox] = {}

        days = QGroupBox(self.tr("Deadline after dispatch, in working days"), self)
        days_form = QFormLayout(days)
        for key, text in (
            ("consultation_days", labels.choice_label("consultation")),
            ("help_days", labels.choice_label("help")),
            ("complaint_days", labels.choice_label("complaint")),
            ("suggestion_days", labels.choice_label("suggestion")),
            ("emergency_days", self.tr("Emergency (0: the same day)")),
        ):
            days_form.addRow(text, self._spin(key, getattr(rules, key)))

        watch = QGroupBox(self.tr("Supervision"), self)
        watch_form = QFormLayout(watch)
        watch_form.addRow(self.tr("Near due when this many working days are left"),
                          self._spin("near_due_days", rules.near_due_days))
        watch_form.addRow(self.tr("Escalate after this many working days overdue"),
                          self._spin("escalate_after_days", rules.escalate_after_days))

        calendar = QGroupBox(self.tr("Holidays and make-up workdays"), self)
        self.calendar = RecordListView(controller, "calendar_day", calendar)
        self.calendar.setObjectName("calendar")
        self.calendar.title.hide()
        self.preset = QComboBox(calendar)
        self.preset.setObjectName("preset_year")
        for year in preset_years():
            self.preset.addItem(str(year), year)
        self.preset.setCurrentIndex(max(0, self.preset.findData(service.today().year)))
        self.load_preset_button = QPushButton(self.tr("Load the published holidays"), calendar)
        self.load_preset_button.clicked.connect(self.load_preset)
        hint = QLabel(self.tr("Days are saved as soon as they are added; the State Council's arrangement "
                              "of a year can be loaded and then corrected."), calendar)
        hint.setWordWrap(True)
        preset_bar = QHBoxLayout()
        preset_bar.addWidget(QLabel(self.tr("Year"), calendar))
        preset_bar.addWidget(self.preset)
        preset_bar.addWidget(self.load_preset_button)
        preset_bar.addStretch(1)
        cal_layout = QVBoxLayout(calendar)
        cal_layout.addWidget(hint)
        cal_layout.addLayout(preset_bar)
        cal_layout.addWidget(self.calendar, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(days, 1)
        top.addWidget(watch, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(calendar, 1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 820, 640)

    def _spin(self, key: str, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(f"rule_{key}")
        spin.setRange(0, 365)
        spin.setValue(value)
        spin.setSuffix(self.tr(" working days"))
        self.spins[key] = spin
        return spin

    def values(self) -> dict[str, int]:
        return {key: spin.value() for key, spin in self.spins.items()}

    def try_save(self) -> bool:
        values = self.values()
        current = self.service.rules()
        changed = {k: v for k, v in values.items() if getattr(current, k) != v}
        if changed and not save_or_explain(
                self, lambda: self.controller.perform(self.tr("Change appeal deadlines"), "appeal",
                                                      lambda: self.service.set_rules(**changed)),
                error_text):
            return False
        self.accept()
        return True

    def load_preset(self) -> int:
        year = int(self.preset.currentData())
        calendar = CalendarService(self.service.db, self.service.now)
        try:
            return self.controller.perform(
                self.tr("Load the holidays of {year}").format(year=year), "calendar_day",
                lambda: calendar.load_preset(year))
        except DomainError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc.code, exc.params))
            return 0

