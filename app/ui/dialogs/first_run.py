"""The first-run wizard: which community this PC keeps, and where its data lives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.db.location import on_network_drive
from app.services.errors import FieldError
from app.services.fields import clean
from app.services.kinds import record_kinds
from app.settings import DB_FILE_NAME
from app.ui import labels
from app.ui.screen import fit_to_screen

WIZARD_FIELDS = ("name", "code", "street", "district", "city", "org_kind")


def check_community(values: dict[str, Any]) -> list[FieldError]:
    """The community fields' own rules, before any database exists."""
    spec = record_kinds()["community"]
    errors = []
    for name in WIZARD_FIELDS:
        _value, error = clean(spec.field(name), values.get(name))
        if error:
            errors.append(error)
    return errors


class CommunityPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your community"))
        self.setSubTitle(self.tr("Enter the community this PC keeps the ledgers of. "
                                 "The code is the one the district gave the community."))
        layout = QFormLayout(self)
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self.errors: dict[str, QLabel] = {}
        for name in WIZARD_FIELDS:
            editor: QLineEdit | QComboBox
            if name == "org_kind":
                editor = QComboBox(self)
                for choice in record_kinds()["community"].field(name).choices:
                    editor.addItem(labels.choice_label(choice), choice)
            else:
                editor = QLineEdit(self)
            editor.setObjectName(f"field_{name}")
            error = QLabel(self)
            error.setObjectName(f"error_{name}")
            error.setStyleSheet("color: #c0392b;")
            error.hide()
            box = QWidget(self)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(editor)
            box_layout.addWidget(error)
            layout.addRow(labels.field_label("community", name) + " *", box)
            self.editors[name] = editor
            self.errors[name] = error

    def values(self) -> dict[str, Any]:
        return {name: (e.currentData() if isinstance(e, QComboBox) else e.text())
                for name, e in self.editors.items()}

    def validatePage(self) -> bool:
        for label in self.errors.values():
            label.hide()
        problems = check_community(self.values())
        for problem in problems:
            self.errors[problem.field].setText(labels.error_text("community", problem.code, problem.params))
            self.errors[problem.field].show()
        if problems:
            self.editors[problems[0].field].setFocus()
        return not problems


class DataFolderPage(QWizardPage):
    def __init__(self, default: Path, parent: QWidget | None = None,
                 network: Callable[[str], bool] = on_network_drive) -> None:
        super().__init__(parent)
        self._network = network
        self.setTitle(self.tr("Where to keep the data"))
        self.setSubTitle(self.tr("The ledgers are kept in one database file in this folder. "
                                 "Choose a folder that is backed up."))
        self.folder = QLineEdit(str(default), self)
        self.folder.setObjectName("field_folder")
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        self.error = QLabel(self)
        self.error.setObjectName("error_folder")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def db_path(self) -> Path:
        return Path(self.folder.text().strip()).expanduser() / DB_FILE_NAME

    def validatePage(self) -> bool:
        text = self.folder.text().strip()
        problem = None
        if not text:
            problem = self.tr("Choose a folder.")
        elif self._network(text):
            problem = self.tr("This folder is on another computer (a network drive). Keep the ledger on "
                              "this computer's own disk: a database on a shared folder can be damaged.")
        else:
            folder = Path(text).expanduser()
            try:
                folder.mkdir(parents=True, exist_ok=True)
                probe = folder / ".write-test"
                probe.write_bytes(b"")
                probe.unlink()
            except OSError:
                problem = self.tr("This folder cannot be written to. Choose another one.")
        self.error.setText(problem or "")
        self.error.setVisible(problem is not None)
        return problem is None


class FirstRunWizard(QWizard):
    """Asks for the community and (unless the database is given) the data folder."""

    def __init__(self, default_folder: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Community Ledger"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.community_page = CommunityPage(self)
        self.addPage(self.community_page)
        self.folder_page: DataFolderPage | None = None
        if default_folder is not None:
            self.folder_page = DataFolderPage(default_folder, self)
            self.addPage(self.folder_page)
        fit_to_screen(self, 640, 480)

    def community_values(self) -> dict[str, Any]:
        return self.community_page.values()

    def db_path(self) -> Path | None:
        return self.folder_page.db_path() if self.folder_page else None
