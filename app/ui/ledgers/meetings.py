"""会议活动: meetings and activities, who was expected and who came, minutes and attachments."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.db.database import Database
from app.models.ledgers import AttendeeKind
from app.printing.xlsx import SheetData
from app.services.errors import DomainError, ValidationError
from app.services.fields import parse_datetime
from app.services.kinds import record_kinds
from app.services.meetings import MeetingService, Person, viewable_copies_dir, viewable_copy
from app.services.venues import VenueService
from app.ui import labels
from app.ui.controllers.records import ADD, RecordController, _text
from app.ui.controllers.sources import RecordSource, ServiceSource
from app.ui.dialogs.record_form import RecordFormDialog
from app.ui.ledgers.words import show_error
from app.ui.screen import fit_to_screen
from app.ui.table_export import TableExport, table_sheet
from app.ui.user import UserName
from app.ui.views.record_list import RecordListView

OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
STATUS_COLOURS = {"present": "#1e8449", "leave": "#b9770e", "absent": "#c0392b"}
NOT_HELD_COLOUR = "#7f8c8d"


class MeetingsPage(QWidget):
    """The list of meetings above; the selected meeting's attendance, minutes and files below."""

    def __init__(self, controller: RecordController, db: Database, parent: QWidget | None = None,
                 *, user: UserName | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.db = db
        self.service = MeetingService(db)
        self.venues = VenueService(db)

        def defaults() -> dict[str, object]:
            # The person using this PC usually keeps the minutes: 记录人 starts as their name.
            return {"recorder": user.name} if user is not None and user.name else {}

        source = ServiceSource(
            controller, "meeting", record_kinds()["meeting"].fields,
            get=self.service.get, create=self.service.create,
            update=self.service.update, delete=self.service.delete, defaults=defaults)
        self.list = MeetingList(controller, self.service, self, source=source, venues=self.venues)
        self.reminder = QLabel(self)
        self.reminder.setObjectName("reminder")
        self.reminder.setWordWrap(True)
        self.reminder.setStyleSheet("color: #c0392b; font-weight: bold;")

        self.tabs = QTabWidget(self)
        self.attendance = AttendancePanel(self, self)
        self.minutes = QTextBrowser(self)
        self.minutes.setObjectName("minutes")
        self.files = AttachmentsPanel(self, self)
        self.tabs.addTab(self.attendance, self.tr("Attendance"))
        self.tabs.addTab(self.minutes, self.tr("Minutes"))
        self.tabs.addTab(self.files, self.tr("Photos and scans"))

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.tabs)
        splitter.setSizes([380, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.reminder)
        layout.addWidget(splitter, 1)

        self.list.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        controller.changed.connect(self._on_changed)
        self.refresh_reminders()
        self.show_selected()

    # --- selection ----------------------------------------------------------------

    def meeting_id(self) -> str | None:
        return self.list.current_id()

    def open_record(self, meeting_id: str) -> None:
        self.list.select_record(meeting_id)
        self.show_selected()

    def show_selected(self) -> None:
        meeting_id = self.meeting_id()
        self.tabs.setEnabled(meeting_id is not None)
        self.attendance.load(meeting_id)
        self.files.load(meeting_id)
        self.minutes.setHtml(self._minutes_html(meeting_id) if meeting_id else "")

    def _on_changed(self, kind: str) -> None:
        if kind == "meeting_attendee":
            self.list.refresh()  # the list's 应到 / 实到 / 请假 figures
        if kind in ("meeting", "meeting_attendee", "meeting_attachment", "party_member"):
            self.refresh_reminders()
            self.show_selected()

    def refresh_reminders(self) -> None:
        reminders = self.service.reminders()
        if not reminders:
            self.reminder.hide()
            return
        parts = [self.tr("No {kind} held in {year} Q{quarter} yet").format(
            kind=labels.choice_label(r.kind), year=r.year, quarter=r.quarter) for r in reminders]
        self.reminder.setText("⚠ " + "；".join(parts))
        self.reminder.show()

    def _minutes_html(self, meeting_id: str) -> str:
        try:
            m = self.service.get(meeting_id)
        except DomainError:
            return ""
        rows = [(self.tr("Topic"), m["topic"]), (self.tr("Agenda"), m["agenda"]),
                (self.tr("Key points"), m["key_points"]), (self.tr("Differing views"), m["dissent"]),
                (self.tr("Decisions"), m["decisions"])]
        body = "".join(f"<h4>{title}</h4><p>{_html(text) or '—'}</p>" for title, text in rows)
        return body + "<p><i>" + self.tr("Edit the meeting to change its minutes.") + "</i></p>"

    def set_show_sensitive(self, show: bool) -> None:
        self.list.set_show_sensitive(show)


class MeetingList(RecordListView):
    """The list of meetings; a new meeting is entered with the attendees its kind proposes."""

    def __init__(self, controller: RecordController, service: MeetingService, parent: QWidget | None = None,
                 source: RecordSource | None = None, venues: VenueService | None = None) -> None:
        super().__init__(controller, "meeting", parent, source=source)
        self.meetings = service
        self.venues = venues or VenueService(service.db)

    def add_dialog(self) -> RecordFormDialog:
        dialog: MeetingFormDialog

        def save(values: dict[str, Any]) -> None:
            record_id = self.create_meeting(values, dialog.proposal.people())
            self.select_record(record_id)

        dialog = MeetingFormDialog(self.controller, self.meetings, save, self.new_values(), self,
                                   fields=self.source.fields, venues=self.venues)
        return dialog

    def form_dialog(self, save: Callable[[dict[str, Any]], Any], values: dict[str, Any],
                    record_id: str | None = None) -> RecordFormDialog:
        return RoomCheckedDialog(self.controller, self.venues, save, values, self, fields=self.source.fields,
                                 meeting_id=record_id)

    def create_meeting(self, values: dict[str, Any], people: list[Person]) -> str:
        """The meeting and its expected attendees, saved as one undo step."""
        assert isinstance(self.source, ServiceSource)
        prepared = self.source.prepare(values)
        service = self.meetings

        def create() -> str:
            meeting = service.create(prepared)
            if people:
                service.add_attendees(meeting, people)
            return meeting

        return self.controller.perform(_text(ADD, "meeting"), "meeting", create)


class AttendeeProposal(QWidget):
    """Who a new meeting's kind proposes to expect, each ticked; untick whoever is not expected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("proposal_title")
        self.title.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("proposal")
        self.list.itemChanged.connect(lambda _i: self._update_title())
        self.hint = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        self._people: list[Person] = []

    def propose(self, people: list[Person], hint: str = "") -> None:
        self._people = list(people)
        self.hint = hint
        self.list.blockSignals(True)
        self.list.clear()
        for n, person in enumerate(people):
            extra = "，".join(t for t in (person.post, person.org) if t)
            item = QListWidgetItem(person.name + (f"（{extra}）" if extra else ""), self.list)
            item.setData(Qt.ItemDataRole.UserRole, n)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.list.blockSignals(False)
        self._update_title()

    def people(self) -> list[Person]:
        """The ticked people, in the order shown."""
        return [self._people[self.list.item(i).data(Qt.ItemDataRole.UserRole)]
                for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _update_title(self) -> None:
        if not self._people:
            self.title.setText(self.hint or self.tr("Attendees can be added after saving, "
                                                    "on the Attendance tab below the list."))
            return
        self.title.setText(self.tr("Expected attendees: %1 of %2 ticked. They are put on the "
                                   "sign-in sheet when the meeting is saved.")
                           .replace("%1", str(len(self.people()))).replace("%2", str(len(self._people))))


class RoomCheckedDialog(RecordFormDialog):
    """A meeting's form whose place is picked from the venues' rooms (or typed); saving a meeting
    into a room another meeting holds at an overlapping time asks first."""

    def __init__(self, controller: RecordController, venues: VenueService,
                 save: Callable[[dict[str, Any]], Any], values: dict[str, Any],
                 parent: QWidget | None = None, fields: Any = None, meeting_id: str | None = None) -> None:
        super().__init__(controller.service, "meeting", save, values, parent, fields=fields,
                         suggestions={"place": venues.room_places()})
        self.venues = venues
        self.meeting_id = meeting_id

    def try_save(self) -> bool:
        if not self.room_is_free_or_accepted():
            return False
        return super().try_save()

    def room_is_free_or_accepted(self) -> bool:
        """True when no other meeting holds the room then, or the user saves all the same."""
        values = self.form.values()
        starts = parse_datetime(str(values.get("starts_at") or ""))
        ends_text = str(values.get("ends_at") or "").strip()
        ends = parse_datetime(ends_text) if ends_text else None
        if starts is None or (ends_text and ends is None) or (ends is not None and ends <= starts):
            return True  # the form's own checks say what is wrong with the time
        clashes = self.venues.room_clashes(str(values.get("place") or ""), starts, ends, self.meeting_id)
        if not clashes:
            return True
        lines = [self.tr("{time}–{end} “{topic}”").format(
            time=c.starts_at.strftime("%Y-%m-%d %H:%M"), end=c.ends_at.strftime("%H:%M"), topic=c.topic)
            for c in clashes]
        text = self.tr("{place} is already booked at an overlapping time:\n{meetings}\n\n"
                       "Save this meeting there all the same?").format(
            place=clashes[0].place, meetings="\n".join(lines))
        answer = QMessageBox.warning(self, self.tr("Room already booked"), text,
                                     QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                     QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes


class MeetingFormDialog(RoomCheckedDialog):
    """A new meeting: its fields, and beside them the attendees its kind proposes to review."""

    def __init__(self, controller: RecordController, meetings: MeetingService,
                 save: Callable[[dict[str, Any]], Any], values: dict[str, Any],
                 parent: QWidget | None = None, fields: Any = None,
                 venues: VenueService | None = None) -> None:
        super().__init__(controller, venues or VenueService(meetings.db), save, values, parent, fields=fields)
        self.meetings = meetings
        self.proposal = AttendeeProposal(self)
        self.body.addWidget(self.proposal, 1)
        for name in ("kind", "party_group_id"):
            editor = self.form.editors.get(name)
            if isinstance(editor, QComboBox):
                editor.currentIndexChanged.connect(lambda _i: self.propose())
        self.propose()
        fit_to_screen(self, 980, self.height())

    def propose(self) -> None:
        values = self.form.values()
        kind, group = values.get("kind"), values.get("party_group_id")
        hint = ""
        if kind == "group_meeting" and not group:
            hint = self.tr("Choose the party group: its members are proposed as attendees.")
        self.proposal.propose(self.meetings.proposed_attendees(str(kind or ""), group), hint)


def _html(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>")


class AttendancePanel(QWidget):
    """Expected attendees and how each attended; counts and quorum are derived."""

    COLUMNS = ("name", "org", "post", "status", "leave_reason", "signed_at")

    def __init__(self, page: MeetingsPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self._meeting: str | None = None
        self._ids: list[str] = []
        self.summary = QLabel(self)
        self.summary.setObjectName("attendance_summary")
        self.quorum = QLabel(self)
        self.quorum.setObjectName("quorum")
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("attendees")
        self.table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Party group / building / unit"), self.tr("Post"),
            self.tr("Attendance"), self.tr("Reason for leave"), self.tr("Signed in at")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.add_members_button = QPushButton(self.tr("Add members…"), self)
        self.add_person_button = QPushButton(self.tr("Add a person…"), self)
        self.present_button = QPushButton(self.tr("Present"), self)
        self.leave_button = QPushButton(self.tr("On leave…"), self)
        self.absent_button = QPushButton(self.tr("Absent"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.add_members_button.clicked.connect(self.add_members)
        self.add_person_button.clicked.connect(self.add_person)
        self.present_button.clicked.connect(lambda: self.mark("present"))
        self.leave_button.clicked.connect(lambda: self.mark("leave"))
        self.absent_button.clicked.connect(lambda: self.mark("absent"))
        self.remove_button.clicked.connect(self.remove)

        buttons = QHBoxLayout()
        for b in (self.add_members_button, self.add_person_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.present_button, self.leave_button, self.absent_button, self.remove_button):
            buttons.addWidget(b)
        self.export = TableExport(self, page.controller.runner, self.sheets, self.title, "attendees")
        self.export.button.setEnabled(False)
        head = QHBoxLayout()
        head.addWidget(self.summary)
        head.addStretch(1)
        head.addWidget(self.quorum)
        head.addWidget(self.export.button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def title(self) -> str:
        if self._meeting is None:
            return self.tr("Attendance")
        meeting = self.page.service.get(self._meeting)
        return self.tr("Attendance of {topic}, {time}").format(
            topic=meeting.get("topic") or "", time=meeting["starts_at"].strftime("%Y-%m-%d %H:%M"))

    def sheets(self) -> list[SheetData]:
        """The attendees as the panel shows them, the counts and quorum under the title."""
        sheet = table_sheet(self.table.model(), self.title())
        sheet.subtitle = "　".join(t for t in (self.summary.text(), self.quorum.text()) if t)
        return [sheet]

    def load(self, meeting_id: str | None) -> None:
        self._meeting = meeting_id
        self.export.button.setEnabled(meeting_id is not None)
        self.table.setRowCount(0)
        self._ids = []
        if meeting_id is None:
            self.summary.clear()
            self.quorum.clear()
            return
        service = self.page.service
        try:
            people = service.attendees(meeting_id)
            upcoming = service.get(meeting_id)["starts_at"] > datetime.now()
        except DomainError:
            return
        self.table.setRowCount(len(people))
        for row, person in enumerate(people):
            self._ids.append(person.id)
            # Before the meeting nobody is absent yet: only a leave asked for in advance shows.
            not_held = upcoming and person.status == "absent"
            status = self.tr("Not held yet") if not_held else labels.choice_label(person.status)
            values = (person.name, person.org, person.post, status, person.leave_reason,
                      person.signed_at.strftime("%H:%M") if person.signed_at else "")
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                if col == 3:
                    colour = NOT_HELD_COLOUR if not_held else STATUS_COLOURS.get(person.status, "#000000")
                    item.setForeground(_colour(colour))
                self.table.setItem(row, col, item)
        counts = service.counts(meeting_id)
        if upcoming and counts.present == 0:
            self.summary.setText(self.tr("Not held yet: expected {e}, on leave {l}").format(
                e=counts.expected, l=counts.on_leave))
        else:
            self.summary.setText(self.tr("Expected {e}, present {p}, on leave {l}, absent {a}").format(
                e=counts.expected, p=counts.present, l=counts.on_leave, a=counts.absent - counts.on_leave))
        quorum = service.quorum(meeting_id)
        if quorum is None:
            self.quorum.clear()
        else:
            text = self.tr("Quorum met: {present} of {total} full members present (at least {need})") \
                if quorum.met else \
                self.tr("Quorum NOT met: {present} of {total} full members present (at least {need})")
            self.quorum.setText(text.format(present=quorum.full_present, total=quorum.full_members,
                                            need=quorum.required))
            self.quorum.setStyleSheet(f"color: {'#1e8449' if quorum.met else '#c0392b'}; font-weight: bold;")

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self._ids[r] for r in rows if r < len(self._ids)]

    def _perform(self, text: str, kind: str, action: Any) -> Any:
        try:
            return self.page.controller.perform(text, kind, action)
        except (ValidationError, DomainError) as exc:
            show_error(self, kind, exc)
            return None

    def add_members(self) -> None:
        if self._meeting is None:
            return
        meeting, service = self._meeting, self.page.service
        try:
            group = service.get(meeting).get("party_group_id")
        except DomainError:
            return
        dialog = AddMembersDialog(self.page.controller, self, party_group_id=group)
        if not dialog.exec():
            return
        source = dialog.source_kind()
        if source == AddMembersDialog.COMMITTEE:
            action: Any = lambda: service.add_committee(meeting)  # noqa: E731
        elif source == AddMembersDialog.CADRES:
            action = lambda: service.add_cadres(meeting, dialog.organ_id())  # noqa: E731
        else:
            action = lambda: service.add_members(meeting, dialog.party_group_id(),  # noqa: E731
                                                 dialog.full_only())
        self._perform(self.tr("Add attendees"), "meeting_attendee", action)

    def add_person(self) -> None:
        if self._meeting is None:
            return
        dialog = AddPersonDialog(self)
        if not dialog.exec():
            return
        meeting = self._meeting
        person = Person(AttendeeKind.TYPED.value, None, dialog.name.text().strip(),
                        dialog.org.text().strip(), dialog.post.text().strip())
        if not person.name:
            return
        self._perform(self.tr("Add attendees"), "meeting_attendee",
                      lambda: self.page.service.add_attendees(meeting, [person]))

    def mark(self, status: str) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        reason = ""
        if status == "leave":
            reason, ok = QInputDialog.getText(self, self.tr("On leave"), self.tr("Reason for leave:"))
            if not ok or not reason.strip():
                return

        def run() -> None:
            for attendee in ids:
                self.page.service.mark(attendee, status, reason)

        self._perform(self.tr("Record attendance"), "meeting_attendee", run)

    def remove(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return

        def run() -> None:
            for attendee in ids:
                self.page.service.remove_attendee(attendee)

        self._perform(self.tr("Remove attendees"), "meeting_attendee", run)


def _colour(code: str) -> Any:
    from PySide6.QtGui import QColor

    return QColor(code)


class AddMembersDialog(QDialog):
    """Who is expected: party members (all, or one party group's, optionally full members only),
    the expanded committee's part-time members, or organ cadres (all, or one organ's)."""

    MEMBERS, COMMITTEE, CADRES = "members", "committee", "cadres"
    EVERYONE = "*"

    def __init__(self, controller: RecordController, parent: QWidget | None = None,
                 party_group_id: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add members"))
        self.source = QComboBox(self)
        self.source.setObjectName("source")
        self.source.addItem(self.tr("Party members"), self.MEMBERS)
        self.source.addItem(self.tr("Expanded committee (part-time members)"), self.COMMITTEE)
        self.source.addItem(self.tr("Organ cadres"), self.CADRES)
        self.organ = QComboBox(self)
        self.organ.setObjectName("organ")
        self.organ.addItem(self.tr("All organs"), None)
        for value, text in controller.service.options("organ"):
            self.organ.addItem(text, value)
        # Nobody is chosen until the user picks a group (or, deliberately, every member).
        self.group = QComboBox(self)
        self.group.setObjectName("group")
        self.group.addItem(self.tr("Choose a party group…"), None)
        for value, text in controller.service.options("party_group"):
            self.group.addItem(text, value)
        self.group.addItem(self.tr("All party members"), self.EVERYONE)
        self.group.setCurrentIndex(max(0, self.group.findData(party_group_id)) if party_group_id else 0)
        self.full = QComboBox(self)
        self.full.addItem(self.tr("Full and probationary members"), False)
        self.full.addItem(self.tr("Full members only"), True)
        buttons = QDialogButtonBox(OK_CANCEL, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.group.currentIndexChanged.connect(lambda _i: self._show_fields())
        form = QFormLayout(self)
        form.addRow(self.tr("Who"), self.source)
        form.addRow(self.tr("Party group"), self.group)
        form.addRow(self.tr("Members"), self.full)
        form.addRow(self.tr("Organ"), self.organ)
        form.addRow(buttons)
        self.source.currentIndexChanged.connect(lambda _i: self._show_fields())
        self._show_fields()

    def _show_fields(self) -> None:
        source = self.source_kind()
        self.group.setEnabled(source == self.MEMBERS)
        self.full.setEnabled(source == self.MEMBERS)
        self.organ.setEnabled(source == self.CADRES)
        self.ok_button.setEnabled(source != self.MEMBERS or self.group.currentData() is not None)

    def source_kind(self) -> str:
        return str(self.source.currentData())

    def organ_id(self) -> str | None:
        value = self.organ.currentData()
        return str(value) if value else None

    def party_group_id(self) -> str | None:
        """The chosen group's id; None for every member."""
        value = self.group.currentData()
        return str(value) if value and value != self.EVERYONE else None

    def full_only(self) -> bool:
        return bool(self.full.currentData())


class AddPersonDialog(QDialog):
    """Someone who is not in the registry: a resident unit's representative, a guest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a person"))
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.org = QLineEdit(self)
        self.post = QLineEdit(self)
        buttons = QDialogButtonBox(OK_CANCEL, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Unit"), self.org)
        form.addRow(self.tr("Post"), self.post)
        form.addRow(buttons)


class AttachmentsPanel(QWidget):
    """Photos and scanned signed sheets, copied into the data folder by content hash."""

    def __init__(self, page: MeetingsPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self._meeting: str | None = None
        self.list = QListWidget(self)
        self.list.setObjectName("attachments")
        self.add_photo = QPushButton(self.tr("Add photos…"), self)
        self.add_scan = QPushButton(self.tr("Add a scanned sheet…"), self)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.add_photo.clicked.connect(lambda: self.add("photo"))
        self.add_scan.clicked.connect(lambda: self.add("scan"))
        self.open_button.clicked.connect(self.open_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.list.itemDoubleClicked.connect(lambda _i: self.open_current())
        buttons = QHBoxLayout()
        for b in (self.add_photo, self.add_scan):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def data_dir(self) -> Path:
        assert self.page.db.path is not None
        return self.page.db.path.parent

    def load(self, meeting_id: str | None) -> None:
        self._meeting = meeting_id
        self.list.clear()
        if meeting_id is None:
            return
        try:
            files = self.page.service.attachments(meeting_id)
        except DomainError:
            return
        for f in files:
            kind = self.tr("Photo") if f.kind == "photo" else self.tr("Scanned sheet")
            item = QListWidgetItem(f"{kind}：{f.file_name}（{max(1, f.size // 1024)} KB）", self.list)
            item.setData(Qt.ItemDataRole.UserRole, (f.id, f.sha256, f.file_name))

    def add(self, kind: str, paths: list[str] | None = None) -> None:
        if self._meeting is None:
            return
        if paths is None:
            pattern = self.tr("Images and PDF (*.jpg *.jpeg *.png *.pdf *.tif *.tiff)")
            paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose files"), "", pattern)
        if not paths:
            return
        meeting, folder = self._meeting, self.data_dir()

        def run() -> None:
            for p in paths:
                self.page.service.attach(meeting, p, folder, kind)

        try:
            self.page.controller.perform(self.tr("Attach files"), "meeting_attachment", run)
        except (ValidationError, DomainError) as exc:
            show_error(self, "meeting_attachment", exc)

    def current(self) -> tuple[str, str, str] | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def open_current(self) -> None:
        current = self.current()
        if current is not None:
            copy = viewable_copy(self.data_dir(), current[1], current[2], viewable_copies_dir())
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    def remove_current(self) -> None:
        current = self.current()
        if current is None:
            return
        answer = QMessageBox.question(self, self.tr("Remove"), self.tr("Remove this file from the meeting?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.page.controller.perform(self.tr("Remove attachment"), "meeting_attachment",
                                         lambda: self.page.service.detach(current[0]))
        except DomainError as exc:
            show_error(self, "meeting_attachment", exc)
