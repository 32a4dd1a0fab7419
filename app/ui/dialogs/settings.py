"""Settings: the interface language, the user's name, the printer and paper; the community's
details and where the backups go, with a way to each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.settings import Settings
from app.ui.printing.preview import PAPERS
from app.ui.screen import fit_to_screen
from app.ui.user import NAME_LIMIT


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None,
                 printers: list[str] | None = None, *, community: str = "",
                 edit_community: Callable[[], None] | None = None) -> None:
        """``community`` names the ledger's community; ``edit_community`` opens its details form."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language_box = QComboBox(self)
        self.language_box.setObjectName("language")
        self.language_box.addItem("简体中文", "zh_CN")
        self.language_box.addItem("English", "en")
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(settings.language)))
        self.user_name_edit = QLineEdit(settings.user_name, self)
        self.user_name_edit.setObjectName("user_name")
        self.user_name_edit.setMaxLength(NAME_LIMIT)
        self.user_name_edit.setPlaceholderText(
            self.tr("Recorded as 经办人 of appeal steps and 记录人 of new meetings"))
        self.printer_box = QComboBox(self)
        self.printer_box.setObjectName("printer")
        self.printer_box.addItem(self.tr("The system's default printer"), "")
        names = QPrinterInfo.availablePrinterNames() if printers is None else printers
        for name in names:
            self.printer_box.addItem(name, name)
        if settings.printer_name and self.printer_box.findData(settings.printer_name) < 0:
            self.printer_box.addItem(self.tr("{name} (not found now)").format(name=settings.printer_name),
                                     settings.printer_name)
        self.printer_box.setCurrentIndex(max(0, self.printer_box.findData(settings.printer_name)))
        self.paper_box = QComboBox(self)
        self.paper_box.setObjectName("paper")
        for paper in PAPERS:
            self.paper_box.addItem(paper, paper)
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(settings.paper)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Language"), self.language_box)
        layout.addRow(self.tr("Your name"), self.user_name_edit)
        layout.addRow(self.tr("Printer"), self.printer_box)
        layout.addRow(self.tr("Paper"), self.paper_box)
        if community:
            row = QHBoxLayout()
            shown = QLabel(community, self)
            shown.setObjectName("community")
            row.addWidget(shown, 1)
            if edit_community is not None:
                edit = QPushButton(self.tr("Edit community details…"), self)
                edit.setObjectName("edit_community")
                open_form = edit_community

                def close_and_edit() -> None:
                    self.reject()
                    open_form()

                edit.clicked.connect(close_and_edit)
                row.addWidget(edit)
            layout.addRow(self.tr("Community"), row)
        if settings.db_path:
            from app.db.backup import KEEP_DAYS, KEEP_MONTHS, backup_folder  # the database stack, once open

            path = QLabel(settings.db_path, self)
            path.setObjectName("db_path")
            path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addRow(self.tr("Database file"), path)
            backups = QLabel(self.tr(
                "Made at start and every day in {folder}; the last {days} days and {months} months are "
                "kept. Back up to a USB drive and restore from the File menu.").format(
                folder=backup_folder(Path(settings.db_path)), days=KEEP_DAYS, months=KEEP_MONTHS), self)
            backups.setObjectName("backups")
            backups.setWordWrap(True)
            backups.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addRow(self.tr("Backups"), backups)
        layout.addRow(buttons)
        fit_to_screen(self, 560, self.sizeHint().height())

    def language(self) -> str:
        return str(self.language_box.currentData())

    def apply(self, settings: Settings) -> None:
        """Write the choices other than the language into ``settings``."""
        settings.user_name = self.user_name_edit.text().strip()
        settings.printer_name = str(self.printer_box.currentData() or "")
        settings.paper = str(self.paper_box.currentData())
