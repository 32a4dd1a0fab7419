"""F1: how the app is used."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.ui.screen import fit_to_screen


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Help"))
        browser = QTextBrowser(self)
        browser.setObjectName("help_text")
        browser.setHtml(self.tr(
            "<h2>Using Community Ledger</h2>"
            "<p>Choose a list on the left. Type in the search box to find records as you type; "
            "pick a compound or party group to narrow the list. Click a column header to sort.</p>"
            "<h3>Keyboard</h3><table>"
            "<tr><td><b>Ctrl+N</b></td><td>new record in the open list</td></tr>"
            "<tr><td><b>Enter / F2</b></td><td>edit the selected record</td></tr>"
            "<tr><td><b>Delete</b></td><td>delete the selected record (asks first)</td></tr>"
            "<tr><td><b>Ctrl+Z / Ctrl+Y</b></td><td>undo / redo the last change</td></tr>"
            "<tr><td><b>Ctrl+F</b></td><td>search</td></tr>"
            "<tr><td><b>Ctrl+P</b></td><td>print</td></tr>"
            "<tr><td><b>Ctrl+Q</b></td><td>quit</td></tr></table>"
            "<h3>Personal data</h3><p>ID numbers and phone numbers are shown masked. "
            "Use View → Show full ID and phone numbers, or the Show button in a form, to see them.</p>"
            "<h3>Your data</h3><p>Everything is saved at once in the database file on this PC; "
            "a backup copy is made before the app upgrades it.</p>"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
        fit_to_screen(self, 560, 480)
