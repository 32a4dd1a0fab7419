"""The first-run wizard: which community this PC keeps, and where its data lives; or, to try the
app first, a demo community in a file of its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QCommandLinkButton,
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
from app.services.registry import suggested_org_name
from app.settings import DB_FILE_NAME
from app.ui import labels
from app.ui.screen import fit_to_screen

WIZARD_FIELDS = ("name", "code", "street", "district", "city", "org_kind", "org_name", "secretary_name")
# The demo community's own file, in a folder of its own beside the real ledger.
DEMO_FOLDER = "示例数据"
DEMO_FILE_NAME = "demo.sqlite"


def check_community(values: dict[str, Any]) -> list[FieldError]:
    """The community fields' own rules, before any database exists."""
    spec = record_kinds()["community"]
    errors = []
    for name in WIZARD_FIELDS:
        _value, error = clean(spec.field(name), values.get(name))
        if error:
            errors.append(error)
    return errors


class StartPage(QWizardPage):
    """Start the real ledger (the next pages), or try the app on a demo community (done at once)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome"))
        self.setSubTitle(self.tr("Keep your community's ledgers on this PC, or look around first "
                                 "on a demo community."))
        self.chosen_demo = False
        self.real = QCommandLinkButton(
            self.tr("Set up my community's ledger"),
            self.tr("Enter the community and choose where its data is kept."), self)
        self.real.setObjectName("choice_real")
        self.demo = QCommandLinkButton(self.tr("Try the app on demo data"), self.tr(
            "A made-up community with about 1,500 party members, in a file of its own: nothing you try "
            "there mixes with your real ledger, and the window title says 示例 (demo) while it is open."),
            self)
        self.demo.setObjectName("choice_demo")
        self.real.clicked.connect(self._real)
        self.demo.clicked.connect(self._demo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.real)
        layout.addWidget(self.demo)
        layout.addStretch(1)

    def _real(self) -> None:
        self.chosen_demo = False
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def _demo(self) -> None:
        self.chosen_demo = True
        wizard = self.wizard()
        if wizard is not None:
            wizard.accept()


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
            field = record_kinds()["community"].field(name)
            if name == "org_kind":
                editor = QComboBox(self)
                for choice in field.choices:
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
            layout.addRow(labels.field_label("community", name) + (" *" if field.required else ""), box)
            self.editors[name] = editor
            self.errors[name] = error
        # The organisation's usual name follows the community's, unless typed otherwise.
        name_edit, kind_box = self.editors["name"], self.editors["org_kind"]
        assert isinstance(name_edit, QLineEdit) and isinstance(kind_box, QComboBox)
        name_edit.textChanged.connect(lambda _t: self._suggest_org_name())
        kind_box.currentIndexChanged.connect(lambda _i: self._suggest_org_name())
        self._suggest_org_name()

    def _suggest_org_name(self) -> None:
        org = self.editors["org_name"]
        assert isinstance(org, QLineEdit)
        values = self.values()
        org.setPlaceholderText(suggested_org_name(str(values["name"]).strip(), str(values["org_kind"])))

    def values(self) -> dict[str, Any]:
        """What was typed; the organisation's name as suggested when left empty."""
        values = {name: (e.currentData() if isinstance(e, QComboBox) else e.text())
                  for name, e in self.editors.items()}
        if not str(values.get("org_name") or "").strip():
            values["org_name"] = suggested_org_name(str(values["name"]).strip(), str(values["org_kind"]))
        return values

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
    """Asks for the community and (unless the database is given) the data folder; on a first
    start it offers the demo community first."""

    def __init__(self, default_folder: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Community Ledger"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self._default_folder = default_folder
        self.start_page: StartPage | None = None
        if default_folder is not None:
            self.start_page = StartPage(self)
            self.addPage(self.start_page)
        self.community_page = CommunityPage(self)
        self.addPage(self.community_page)
        self.folder_page: DataFolderPage | None = None
        if default_folder is not None:
            self.folder_page = DataFolderPage(default_folder, self)
            self.addPage(self.folder_page)
        fit_to_screen(self, 640, 520)

    def demo_chosen(self) -> bool:
        return self.start_page is not None and self.start_page.chosen_demo

    def demo_path(self) -> Path:
        """The demo's own file, never the real ledger."""
        assert self._default_folder is not None
        return self._default_folder / DEMO_FOLDER / DEMO_FILE_NAME

    def community_values(self) -> dict[str, Any]:
        return self.community_page.values()

    def db_path(self) -> Path | None:
        if self.demo_chosen():
            return self.demo_path()
        return self.folder_page.db_path() if self.folder_page else None
