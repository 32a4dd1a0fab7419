"""Residents' appeals (民生诉求): the list, one appeal's details and trail, the workflow buttons
(接、分、办、督、访) and the supervision view of near-due and overdue appeals with the rates.

Every workflow step runs through :meth:`RecordController.perform`, so each is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db.database import Database
from app.models.ledgers import AppealState, VisitResult
from app.printing.xlsx import SheetData
from app.services.appeals import (
    CORRECTABLE,
    OPEN_STATES,
    RECEIVE_FIELDS,
    AppealEventView,
    AppealRates,
    AppealRules,
    AppealService,
    AppealView,
    DueItem,
    Supervision,
    read_correction,
)
from app.services.errors import DomainError, FieldError, ValidationError
from app.services.fields import Field, Kind, clean
from app.services.identity import mask_phone
from app.services.ledger_common import Values, validate
from app.services.workdays import WorkCalendar
from app.ui import labels
from app.ui.controllers.records import RecordController
from app.ui.controllers.sources import ServiceSource
from app.ui.dialogs.record_form import RecordFormDialog
from app.ui.ledgers.appeals_dialogs import DispatchDialog, RulesDialog, StepDialog
from app.ui.ledgers.appeals_words import SERVICE_STEP, error_text, percent, step_title, when
from app.ui.table_export import TableExport, table_sheet
from app.ui.user import UserName
from app.ui.views.record_list import RecordListView

Clock = Callable[[], datetime]

# The receive form: the service's fields, with the time of receipt as a date-time editor and
# the category starting empty (it sets the deadline: the user picks it, the service insists).
RECEIVED_AT = Field("received_at", Kind.DATETIME, required=True)
RECEIVE_FORM_FIELDS: tuple[Field, ...] = tuple(
    RECEIVED_AT if f.name == "received_at" else replace(f, required=False) if f.name == "category" else f
    for f in RECEIVE_FIELDS)

CORRECT_FORM_FIELDS = tuple(f for f in RECEIVE_FORM_FIELDS if f.name in CORRECTABLE)

# The usual next step from each state, shown emphasised.
NEXT_STEP = {"received": "dispatch", "returned": "dispatch", "dispatched": "accept", "handling": "close",
             "closed": "visit", "visited": "archive"}
_NEXT_STYLE = "font-weight: bold; background-color: #c0392b; color: white; padding: 3px 10px;"

# Workflow buttons, in the order of the work.
BUTTON_STEPS = (
    "dispatch", "accept", "return", "note",
    "request_extension", "approve_extension", "refuse_extension", "remind",
    "escalate", "close", "visit", "archive",
)

REASON = (Field("reason", Kind.LONG_TEXT, required=True),)
NOTE_REQUIRED = (Field("note", Kind.LONG_TEXT, required=True),)
NOTE = (Field("note", max_len=200),)
EXTENSION = (Field("until", Kind.DATE, required=True), Field("reason", required=True, max_len=150))
REPLY = (Field("reply", Kind.LONG_TEXT, required=True),)
VISIT = (Field("result", Kind.CHOICE, required=True, choices=tuple(v.value for v in VisitResult)),
         Field("note", max_len=200))
# The verdict starts empty in the form, so no answer is recorded by accident.
VISIT_FORM = (replace(VISIT[0], required=False), VISIT[1])

_OVERDUE_STYLE = "color: #c0392b; font-weight: bold;"
_NEAR_STYLE = "color: #b9770e; font-weight: bold;"


def _cell(text: str, record_id: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if record_id is not None:
        item.setData(Qt.ItemDataRole.UserRole, record_id)
    return item


def _read_only_table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class AppealList(RecordListView):
    """The common list; its receive form is only as tall as its fields."""

    def add_dialog(self) -> RecordFormDialog:
        dialog = super().add_dialog()
        height = dialog.form.sizeHint().height() + dialog.buttons.sizeHint().height() + 48
        dialog.resize(dialog.width(), min(dialog.height(), height))
        return dialog


# --- one appeal ------------------------------------------------------------------------


class AppealDetail(QWidget):
    """The selected appeal: its fields, deadline, state, workflow buttons and its trail."""

    step_requested = Signal(str)
    correct_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("detail_title")
        font = self.title.font()
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        self.title.setFont(font)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("detail_state")

        self.values: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, text in (
            ("received_at", labels.field_label("appeal", "received_at")),
            ("category", labels.field_label("appeal", "category")),
            ("resident", labels.field_label("appeal", "resident_name")),
            ("address", labels.field_label("appeal", "address")),
            ("content", labels.field_label("appeal", "content")),
            ("assignee", labels.field_label("appeal", "assignee_name")),
            ("deadline", labels.field_label("appeal", "deadline")),
            ("extension", self.tr("Extension")),
            ("supervision", self.tr("Reminders and escalation")),
            ("reply", labels.field_label("appeal", "reply")),
            ("visit_result", labels.field_label("appeal", "visit_result")),
        ):
            value = QLabel(self)
            value.setObjectName(f"value_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(text, value)
            self.values[key] = value

        self.actor = QLineEdit(self)
        self.actor.setObjectName("actor")
        self.actor.setPlaceholderText(self.tr("Your name"))
        self.actor.setMinimumWidth(140)
        actor_label = QLabel(self.tr("Handled by"), self)
        actor_label.setBuddy(self.actor)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(actor_label, 0, 0)
        grid.addWidget(self.actor, 1, 0)
        # Only the steps the appeal's state allows are shown, the usual next one emphasised.
        steps = QHBoxLayout()
        steps.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        for step in BUTTON_STEPS:
            button = QPushButton(step_title(step), self)
            button.setObjectName(f"step_{step}")
            button.clicked.connect(lambda _c=False, s=step: self.step_requested.emit(s))
            steps.addWidget(button)
            self.buttons[step] = button
        self.correct_button = QPushButton(self.tr("Correct…"), self)
        self.correct_button.setObjectName("correct")
        self.correct_button.setToolTip(self.tr("Correct a mistake in what was received; the change "
                                               "is kept in the trail."))
        self.correct_button.clicked.connect(self.correct_requested)
        steps.addSpacing(12)
        steps.addWidget(self.correct_button)
        grid.addLayout(steps, 1, 1)

        trail_box = QGroupBox(self.tr("Trail"), self)
        self.trail = _read_only_table(trail_box, "trail", [
            self.tr("Time"), self.tr("Step"), self.tr("Handled by"), self.tr("Note"), self.tr("State after")])
        self.trail.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.trail.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.trail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header.sectionResized.connect(lambda *_: self.trail.resizeRowsToContents())
        trail_layout = QVBoxLayout(trail_box)
        trail_layout.setContentsMargins(4, 4, 4, 4)
        trail_layout.addWidget(self.trail)

        self.empty = QLabel(self.tr("Select an appeal in the list to see it here."), self)
        self.empty.setObjectName("detail_empty")
        self.empty.setWordWrap(True)

        self.body = QWidget(self)
        fields_box = QWidget(self.body)
        fields_box.setLayout(self.form)
        fields_scroll = QScrollArea(self.body)
        fields_scroll.setWidgetResizable(True)
        fields_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        fields_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        fields_scroll.setWidget(fields_box)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.state_label)
        head.addStretch(1)
        head.addLayout(grid)
        lower = QHBoxLayout()
        lower.addWidget(fields_scroll, 2)
        lower.addWidget(trail_box, 3)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(head)
        body.addLayout(lower, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.body, 1)
        self.show_appeal(None)

    def show_appeal(self, view: AppealView | None, events: list[AppealEventView] | None = None,
                    calendar: WorkCalendar | None = None, today: date | None = None,
                    rules: AppealRules | None = None, show_sensitive: bool = False) -> None:
        self.empty.setVisible(view is None)
        self.body.setVisible(view is not None)
        if view is None:
            for button in self.buttons.values():
                button.setEnabled(False)
            self.correct_button.hide()
            self.trail.setRowCount(0)
            return
        assert calendar is not None and today is not None and rules is not None
        self.title.setText(self.tr("Appeal {number}").format(number=view.number))
        self.state_label.setText(labels.choice_label(view.state, "appeal"))
        v = self.values
        v["received_at"].setText(f"{when(view.received_at)}（{labels.choice_label(view.channel)}）")
        category = labels.choice_label(view.category)
        if view.urgency != "normal":
            category += f"（{labels.choice_label(view.urgency)}）"
        v["category"].setText(category)
        phone = view.resident_phone if show_sensitive or not view.resident_phone \
            else mask_phone(view.resident_phone)
        v["resident"].setText("  ".join(filter(None, (view.resident_name, phone))))
        v["address"].setText(view.address)
        v["content"].setText(view.content)
        assignee = view.assignee_name
        if view.assignee_kind:
            assignee = f"{view.assignee_name}（{labels.choice_label(view.assignee_kind)}）"
        v["assignee"].setText(assignee)
        text, style = self._deadline_text(view, calendar, today)
        v["deadline"].setText(text)
        v["deadline"].setStyleSheet(style)
        v["extension"].setText(
            self.tr("Requested until {date}, waiting for a decision").format(date=when(view.extension_until))
            if view.extension_until else "")
        marks = []
        if view.reminder_count:
            marks.append(self.tr("Reminded {n} time(s)").format(n=view.reminder_count))
        if view.escalated:
            marks.append(self.tr("Escalated"))
        if view.reopen_count:
            marks.append(self.tr("Reopened {n} time(s)").format(n=view.reopen_count))
        v["supervision"].setText("；".join(marks))
        v["reply"].setText(view.reply)
        v["visit_result"].setText(labels.choice_label(view.visit_result) if view.visit_result else "")
        for key, value in v.items():
            self.form.setRowVisible(value, bool(value.text()) or key in ("content", "deadline"))
        self._enable_steps(view, rules)
        self._fill_trail(events or [])

    def _deadline_text(self, view: AppealView, cal: WorkCalendar, today: date) -> tuple[str, str]:
        if view.deadline is None:
            return "", ""
        day = view.deadline.isoformat()
        if view.state not in OPEN_STATES:
            return day, ""
        if view.deadline < today:
            late = cal.workdays_between(view.deadline, today)
            return self.tr("{date}, overdue by {n} working day(s)").format(date=day, n=late), _OVERDUE_STYLE
        left = cal.workdays_between(today, view.deadline)
        if view.deadline == today:
            return self.tr("{date}, due today").format(date=day), _NEAR_STYLE
        return self.tr("{date}, {n} working day(s) left").format(date=day, n=left), ""

    def _enable_steps(self, view: AppealView, rules: AppealRules) -> None:
        allowed = set(view.allowed_steps)
        following = NEXT_STEP.get(view.state)
        if view.extension_until and view.state == AppealState.HANDLING.value:
            following = "approve_extension"
        for step, button in self.buttons.items():
            possible = SERVICE_STEP.get(step, step) in allowed
            if step == "request_extension" and view.extension_until:
                possible = False  # one request at a time: it waits for its decision
            if step in ("approve_extension", "refuse_extension") and not view.extension_until:
                possible = False
            button.setEnabled(possible)
            button.setVisible(possible)
            button.setToolTip("")
            nxt = possible and step == following
            button.setProperty("next_step", nxt)
            button.setStyleSheet(_NEXT_STYLE if nxt else "")
            button.setDefault(nxt)
        self.correct_button.setVisible(view.state != AppealState.ARCHIVED.value)
        escalate = self.buttons["escalate"]
        if escalate.isEnabled() and (view.escalated or view.overdue_workdays < rules.escalate_after_days):
            escalate.setEnabled(False)
            escalate.setVisible(False)
            needed = self.tr("Escalation comes after {n} working day(s) overdue")
            escalate.setToolTip(self.tr("Already escalated") if view.escalated
                                else needed.format(n=rules.escalate_after_days))

    def _fill_trail(self, events: list[AppealEventView]) -> None:
        self.trail.setRowCount(len(events))
        for row, event in enumerate(events):
            note = event.note
            if event.step == "correct":
                note = "；".join(
                    labels.field_label("appeal", k) + (f"：{old} → {new}" if old or new else "")
                    for k, (old, new) in read_correction(note).items())
            elif event.step in ("visit", "reopen"):
                result, _sep, rest = note.partition(" ")
                note = " ".join(filter(None, (labels.choice_label(result), rest)))
            cells = (when(event.at), step_title(event.step), event.actor, note,
                     labels.choice_label(event.state_after, "appeal"))
            for col, text in enumerate(cells):
                self.trail.setItem(row, col, _cell(text))
        self.trail.resizeRowsToContents()

    def step_texts(self) -> list[str]:
        """The Step column of the trail, top to bottom."""
        items = (self.trail.item(r, 1) for r in range(self.trail.rowCount()))
        return [item.text() if item is not None else "" for item in items]


# --- supervision -----------------------------------------------------------------------


class SupervisionPanel(QWidget):
    """督办: appeals near their deadline, overdue, due for escalation; the four rates."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rates_box = QGroupBox(self.tr("Rates"), self)
        rates_layout = QGridLayout(rates_box)
        self.rates: dict[str, QLabel] = {}
        for col, (key, text) in enumerate((
            ("response", self.tr("Response rate")),
            ("resolution", self.tr("Resolution rate")),
            ("on_time", self.tr("On-time rate")),
            ("satisfaction", self.tr("Satisfaction rate")),
        )):
            caption = QLabel(text, rates_box)
            value = QLabel(rates_box)
            value.setObjectName(f"rate_{key}")
            font = value.font()
            font.setPointSize(font.pointSize() + 6)
            font.setBold(True)
            value.setFont(font)
            detail = QLabel(rates_box)
            detail.setObjectName(f"rate_{key}_count")
            rates_layout.addWidget(caption, 0, col)
            rates_layout.addWidget(value, 1, col)
            rates_layout.addWidget(detail, 2, col)
            self.rates[key] = value
            self.rates[f"{key}_count"] = detail

        headers = [self.tr("Number"), self.tr("Content"), self.tr("Receiver"), self.tr("Deadline"),
                   self.tr("Working days"), self.tr("State")]
        self.tables: dict[str, QTableWidget] = {}
        self.boxes: dict[str, QGroupBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(rates_box)
        for key in ("overdue", "near_due", "escalation_due"):
            box = QGroupBox(self)
            table = _read_only_table(box, key, headers)
            table.setWordWrap(False)
            header = table.horizontalHeader()
            header.setMinimumSectionSize(80)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            header.setStretchLastSection(False)
            table.cellClicked.connect(lambda row, _col, t=table: self._open(t, row))
            table.cellActivated.connect(lambda row, _col, t=table: self._open(t, row))
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(table)
            layout.addWidget(box, 1)
            self.tables[key] = table
            self.boxes[key] = box

    def show_data(self, supervision: Supervision, rates: AppealRates) -> None:
        titles = {
            "overdue": self.tr("Overdue ({n})"),
            "near_due": self.tr("Near the deadline ({n})"),
            "escalation_due": self.tr("Due for escalation ({n})"),
        }
        lists = {"overdue": supervision.overdue, "near_due": supervision.near_due,
                 "escalation_due": supervision.escalation_due}
        for key, items in lists.items():
            self.boxes[key].setTitle(titles[key].format(n=len(items)))
            self._fill(self.tables[key], items)
        for key, value, part, whole in (
            ("response", rates.response_rate, rates.responded, rates.received),
            ("resolution", rates.resolution_rate, rates.resolved, rates.received),
            ("on_time", rates.on_time_rate, rates.closed_on_time, rates.resolved),
            ("satisfaction", rates.satisfaction_rate, rates.satisfied, rates.visited),
        ):
            self.rates[key].setText(percent(value))
            self.rates[f"{key}_count"].setText(f"{part} / {whole}")

    def _fill(self, table: QTableWidget, items: list[DueItem]) -> None:
        table.setUpdatesEnabled(False)
        table.setRowCount(len(items))
        for row, item in enumerate(items):
            content = item.content if len(item.content) <= 40 else item.content[:39] + "…"
            if item.workdays_left < 0:
                days = self.tr("overdue {n}").format(n=-item.workdays_left)
            else:
                days = self.tr("{n} left").format(n=item.workdays_left)
            state = labels.choice_label(item.state, "appeal")
            if item.escalated:
                state = self.tr("{state}, escalated").format(state=state)
            for col, text in enumerate((item.number, content, item.assignee_name, item.deadline.isoformat(),
                                        days, state)):
                table.setItem(row, col, _cell(text, item.id))
        for col in (0, 2, 3, 4, 5):
            table.resizeColumnToContents(col)
        table.setUpdatesEnabled(True)

    def sheets(self) -> list[SheetData]:
        """The three lists as shown, one sheet each."""
        return [table_sheet(self.tables[key].model(), self.boxes[key].title())
                for key in ("overdue", "near_due", "escalation_due")]

    def _open(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self.open_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))


# --- the page --------------------------------------------------------------------------


class AppealsPage(QWidget):
    """The appeals ledger: list and details on one tab, supervision on the other."""

    def __init__(self, controller: RecordController, db: Database, parent: QWidget | None = None,
                 *, now: Clock | None = None, user: UserName | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.db = db
        self.user = user
        self.service = AppealService(db, now or datetime.now)
        self.show_sensitive = False
        self.active_dialog: QDialog | None = None
        self._current: AppealView | None = None

        self.source = ServiceSource(
            controller, "appeal", RECEIVE_FORM_FIELDS,
            get=lambda record_id: controller.service.get("appeal", record_id),
            create=self._receive, update=self._refuse_edit, delete=self.service.delete,
            defaults=lambda: {"received_at": self.service.now().replace(second=0, microsecond=0)})
        self.list = AppealList(controller, "appeal", self, source=self.source)
        self.list.setObjectName("appeal_list")
        self.list.edit_button.hide()
        self.list.title.hide()
        self.list.search.setMinimumWidth(160)
        self.list.table.doubleClicked.disconnect()
        self.list.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

        self.detail = AppealDetail(self)
        self.detail.setObjectName("appeal_detail")
        self.detail.step_requested.connect(self.run_step)
        self.detail.correct_requested.connect(self.correct)
        if user is not None:
            self.detail.actor.setText(user.name)
            self.detail.actor.editingFinished.connect(lambda: user.set(self.detail.actor.text()))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("appeal_splitter")
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        # The list gets the room: a dozen rows or more above the selected appeal's details.
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([480, 320])
        splitter.setChildrenCollapsible(False)

        self.supervision = SupervisionPanel(self)
        self.supervision.setObjectName("supervision")
        self.supervision.open_requested.connect(self.open_record)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("appeal_tabs")
        self.tabs.addTab(splitter, self.tr("Appeals"))
        self.tabs.addTab(self.supervision, self.tr("Supervision"))
        self.rules_button = QPushButton(self.tr("Deadlines and holidays…"), self)
        self.rules_button.setObjectName("rules_button")
        self.rules_button.clicked.connect(self.open_rules)
        self.supervision_export = TableExport(self, controller.runner, self.supervision.sheets,
                                              lambda: self.tr("Supervision of appeals"), "supervision")
        corner = QWidget(self)
        corner_layout = QHBoxLayout(corner)
        corner_layout.setContentsMargins(0, 0, 0, 0)
        corner_layout.setSizeConstraint(QHBoxLayout.SizeConstraint.SetFixedSize)
        corner_layout.addWidget(self.supervision_export.button)
        corner_layout.addWidget(self.rules_button)
        self.supervision_export.button.setVisible(False)
        self.tabs.currentChanged.connect(
            lambda i: self.supervision_export.button.setVisible(self.tabs.widget(i) is self.supervision))
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_if_shown())
        self._supervision_stale = True

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        controller.changed.connect(self._on_changed)

    # --- the list's writes ----------------------------------------------------------------

    def actor(self) -> str:
        """Who handles the step: the user's name, asked for the first time it is needed."""
        typed = self.detail.actor.text().strip()
        if typed or self.user is None:
            return typed
        name = self.user.ask(self)
        self.detail.actor.setText(name)
        return name

    def _receive(self, values: Values) -> str:
        raw = dict(values)
        received, problem = clean(RECEIVED_AT, raw.get("received_at"))
        if problem is not None:
            errors: list[FieldError] = [problem]
            try:
                validate([f for f in RECEIVE_FIELDS if f.name != "received_at"], raw)
            except ValidationError as exc:
                errors.extend(exc.errors)
            raise ValidationError(errors)
        raw["received_at"] = received
        return self.service.receive(raw, actor=self.actor())

    @staticmethod
    def _refuse_edit(_record_id: str, _values: Values) -> None:
        raise DomainError("read_only_kind", kind="appeal")

    # --- selection and refreshing ---------------------------------------------------------

    def current_id(self) -> str | None:
        return self._current.id if self._current is not None else None

    def _selection_changed(self) -> None:
        record_id = self.list.current_id()
        if record_id is not None:
            self.show_record(record_id)

    def show_record(self, record_id: str | None) -> None:
        if record_id is None:
            self._current = None
            self.detail.show_appeal(None)
            return
        try:
            view = self.service.get(record_id)
        except DomainError:
            self._current = None
            self.detail.show_appeal(None)
            return
        self._current = view
        self.detail.show_appeal(view, self.service.events(record_id), self.service.calendar(),
                                self.service.today(), self.service.rules(), self.show_sensitive)

    def _on_changed(self, kind: str) -> None:
        if kind not in ("appeal", "calendar_day"):
            return
        record_id = self.current_id()
        if record_id is not None:
            self.list.select_record(record_id)
        self.show_record(record_id)
        self._supervision_stale = True
        self._refresh_if_shown()

    def _refresh_if_shown(self) -> None:
        if self._supervision_stale and self.tabs.currentWidget() is self.supervision:
            self.refresh_supervision()

    def refresh_supervision(self) -> None:
        """Read the supervision lists and rates again (done when the tab is shown)."""
        self._supervision_stale = False
        self.supervision.show_data(self.service.supervision(), self.service.rates())

    def open_record(self, appeal_id: str) -> bool:
        """Select the appeal in the list and show it (the dashboard's to-do items use this)."""
        self.tabs.setCurrentIndex(0)
        if not self.list.select_record(appeal_id):
            self.list.show_everything()
            if not self.list.select_record(appeal_id):
                self.show_record(appeal_id)
                return self._current is not None
        self.show_record(appeal_id)
        return True

    def set_show_sensitive(self, show: bool) -> None:
        self.show_sensitive = show
        self.list.set_show_sensitive(show)
        self.show_record(self.current_id())

    # --- the workflow -----------------------------------------------------------------

    def run_step(self, step: str) -> QDialog | None:
        """Do ``step`` on the shown appeal; steps that need input open a small dialog (returned)."""
        view = self._current
        if view is None:
            return None
        appeal_id, actor = view.id, self.actor()
        s = self.service
        undo_text = self.tr("{step}: appeal {number}").format(step=step_title(step), number=view.number)

        def perform(fn: Callable[[], Any]) -> Any:
            return self.controller.perform(undo_text, "appeal", fn)

        direct: dict[str, Callable[[], Any]] = {
            "accept": lambda: s.accept(appeal_id, actor),
            "approve_extension": lambda: s.decide_extension(appeal_id, True, actor),
            "archive": lambda: s.archive(appeal_id, actor),
        }
        if step == "accept":
            answer = QMessageBox.question(
                self, step_title(step),
                self.tr("Acknowledge receipt of appeal {number} for {assignee}, handled by {actor}?").format(
                    number=view.number, assignee=view.assignee_name, actor=actor or "—"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes)
            if answer != QMessageBox.StandardButton.Yes:
                return None
        if step in direct:
            try:
                perform(direct[step])
            except DomainError as exc:
                QMessageBox.warning(self, step_title(step), error_text(exc.code, exc.params))
                self.show_record(appeal_id)
            return None

        if step == "dispatch":
            return self._open_dispatch(view, perform)

        def with_values(fields: tuple[Field, ...], call: Callable[[Values], Any]) -> Callable[[Values], Any]:
            def save(values: Values) -> Any:
                cleaned = validate(fields, values)
                return perform(lambda: call(cleaned))
            return save

        form_fields = {"visit": VISIT_FORM}
        dialogs: dict[str, tuple[tuple[Field, ...], Callable[[Values], Any], str]] = {
            "return": (REASON, lambda v: s.return_(appeal_id, v["reason"], actor),
                       self.tr("Send the appeal back for dispatching again, saying why.")),
            "note": (NOTE_REQUIRED, lambda v: s.add_note(appeal_id, v["note"], actor), ""),
            "request_extension": (
                EXTENSION, lambda v: s.request_extension(appeal_id, v["until"], v["reason"], actor),
                self.tr("The current deadline is {date}.").format(date=when(view.deadline))),
            "refuse_extension": (NOTE, lambda v: s.decide_extension(appeal_id, False, actor, v["note"]),
                                 self.tr("The deadline stays {date}.").format(date=when(view.deadline))),
            "remind": (NOTE, lambda v: s.remind(appeal_id, actor, v["note"]),
                       self.tr("Record a reminder sent to {name}.").format(name=view.assignee_name)),
            "escalate": (NOTE, lambda v: s.escalate(appeal_id, actor, v["note"]),
                         self.tr("Overdue by {n} working day(s).").format(n=view.overdue_workdays)),
            "close": (REPLY, lambda v: s.close(appeal_id, v["reply"], actor), ""),
            "visit": (VISIT, lambda v: s.return_visit(appeal_id, v["result"], actor, v["note"]),
                      self.tr("A dissatisfied resident reopens the appeal for handling.")),
        }
        fields, call, intro = dialogs[step]
        dialog = StepDialog(self.controller, self.tr("{step}: appeal {number}").format(
            step=step_title(step), number=view.number), form_fields.get(step, fields),
            with_values(fields, call), self, intro)
        return self._open(dialog)

    def correct(self) -> RecordFormDialog | None:
        """修改: correct what was taken down at receipt; the change goes into the trail."""
        view = self._current
        if view is None:
            return None
        appeal_id, s = view.id, self.service
        values = self.controller.service.get("appeal", appeal_id)

        def save(new_values: Values) -> None:
            actor = self.actor()
            self.controller.perform(
                self.tr("{step}: appeal {number}").format(step=step_title("correct"), number=view.number),
                "appeal", lambda: s.correct(appeal_id, new_values, actor))

        dialog = RecordFormDialog(self.controller.service, "appeal", save, values, self,
                                  fields=CORRECT_FORM_FIELDS)
        dialog.setWindowTitle(self.tr("Correct appeal {number}").format(number=view.number))
        self._open(dialog)
        return dialog

    def _open_dispatch(self, view: AppealView, perform: Callable[[Callable[[], Any]], Any]) -> QDialog:
        s = self.service
        start = view.received_at.date() if view.state == AppealState.RECEIVED.value else s.today()
        days = s.rules().deadline_days(view.category, view.urgency)
        deadline = s.deadline_for(view.category, view.urgency, start)
        actor = self.actor()

        def save(kind: str, name: str, receiver_id: str | None, note: str) -> None:
            perform(lambda: s.dispatch(view.id, kind, name, receiver_id, actor, note))

        return self._open(DispatchDialog(self.controller, deadline, days, save, self))

    def _open(self, dialog: QDialog) -> QDialog:
        self.active_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._closed(d))
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None

    def open_rules(self) -> RulesDialog:
        dialog = RulesDialog(self.controller, self.service, self)
        self._open(dialog)
        return dialog
