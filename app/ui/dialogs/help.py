"""F1: how the app is used, with the steps of the three things a secretary does first."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.resources import help_picture
from app.ui.screen import fit_to_screen

# Room between a shortcut and what it does, so the two never run into each other.
CELL = "style='padding: 2px 16px 2px 0'"
PICTURE_WIDTH = 560


def picture(name: str) -> str:
    """The help's picture ``name`` as an image of the page, or nothing where it is missing."""
    path = help_picture(name)
    if not path.is_file():
        return ""
    return f"<p><img src='{QUrl.fromLocalFile(str(path)).toString()}' width='{PICTURE_WIDTH}'></p>"


def shown(context: str, source: str) -> str:
    """A button's or menu's text as the window shows it, without its mnemonic (同步(&S) -> 同步)."""
    text = QCoreApplication.translate(context, source)
    return "<b>" + re.sub(r"\(&\w\)|&(?=\w)", "", text) + "</b>"


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Help"))
        browser = QTextBrowser(self)
        browser.setObjectName("help_text")
        browser.setHtml(self.html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 640)

    def html(self) -> str:
        keys = [
            ("Ctrl+N", self.tr("new record in the open list")),
            ("Enter / F2", self.tr("edit the selected record")),
            ("Delete", self.tr("delete the selected record (asks first)")),
            ("Ctrl+Z", self.tr("undo the last change")),
            ("Ctrl+Y", self.tr("redo the change undone")),
            ("Ctrl+F", self.tr("search")),
            ("Ctrl+P", self.tr("print")),
            ("F1", self.tr("this help")),
            ("Ctrl+Q", self.tr("quit")),
        ]
        table = "".join(f"<tr><td {CELL}><b>{key}</b></td><td>{what}</td></tr>" for key, what in keys)
        meetings = shown("Ledgers", "Meetings and activities")
        sync = shown("MainWindow", "&Sync")
        steps = [
            (self.tr("Add the attendees of a meeting"), "attendees.png", [
                self.tr("Open {meetings} on the left and select the meeting (or click {new} to enter "
                        "it).").format(meetings=meetings, new=shown("RecordListView", "New")),
                self.tr("On the {tab} tab click {add}, choose the party group (or all members) and "
                        "click OK: they are listed as expected attendees.").format(
                    tab=shown("MeetingsPage", "Attendance"), add=shown("AttendancePanel", "Add members…")),
                self.tr("Mark each person {present}, {leave} (with the reason) or {absent}.").format(
                    present=shown("AttendancePanel", "Present"), leave=shown("AttendancePanel", "On leave…"),
                    absent=shown("AttendancePanel", "Absent")),
            ]),
            (self.tr("Print a sign-in sheet"), "signin.png", [
                self.tr("Select the meeting in {meetings} and press Ctrl+P.").format(meetings=meetings),
                self.tr("Choose {sheet}: the preview shows the sheet with every expected attendee.").format(
                    sheet=shown("PrintChoiceDialog", "Sign-in sheet of the selected meeting")),
                self.tr("Click {print} to print it, or {save} to keep a copy.").format(
                    print=shown("PrintPreviewDialog", "Print…"),
                    save=shown("PrintPreviewDialog", "Save as PDF…")),
            ]),
            (self.tr("Exchange a sync package on a USB drive"), "sync.png", [
                self.tr("Insert the USB drive and choose {sync} → {export}; the drive is chosen already. "
                        "Click {button} and take the drive to the district office.").format(
                    sync=sync, export=shown("SyncController", "Export sync package..."),
                    button=shown("ExportDialog", "Export")),
                self.tr("When the drive comes back with the city's package, choose {sync} → {import_} and "
                        "pick the file: a report says what arrived and what needs your review.").format(
                    sync=sync, import_=shown("SyncController", "Import sync package...")),
            ]),
        ]
        how = "".join(f"<h3>{title}</h3><ol>" + "".join(f"<li>{s}</li>" for s in items) + "</ol>"
                      + picture(name) for title, name, items in steps)
        return (
            "<h2>" + self.tr("Using Community Ledger") + "</h2><p>"
            + self.tr("Choose a list on the left. Type in the search box to find records as you type "
                      "(a name's pinyin or its initials work too); pick a compound or party group to "
                      "narrow the list. Click a column header to sort.") + "</p>"
            + how
            + "<h3>" + self.tr("Keyboard") + f"</h3><table cellspacing='0'>{table}</table>"
            + "<h3>" + self.tr("Personal data") + "</h3><p>"
            + self.tr("ID numbers and phone numbers are shown masked. Use {view} → {full}, or the {show} "
                      "button beside the number in a form (it then reads {hide}), to see them.").format(
                view=shown("MainWindow", "&View"), full=shown("MainWindow", "Show full ID and phone numbers"),
                show=shown("SensitiveLineEdit", "Show"), hide=shown("SensitiveLineEdit", "Hide")) + "</p>"
            + "<h3>" + self.tr("Your data") + "</h3><p>"
            + self.tr("Everything is saved at once in the database file on this PC; a backup copy is "
                      "made every day and before the app upgrades it.") + "</p>")
