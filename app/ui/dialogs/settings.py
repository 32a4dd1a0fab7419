"""Settings: the interface language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from app.settings import Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language_box = QComboBox(self)
        self.language_box.setObjectName("language")
        self.language_box.addItem("简体中文", "zh_CN")
        self.language_box.addItem("English", "en")
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(settings.language)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Language"), self.language_box)
        if settings.db_path:
            path = QLabel(settings.db_path, self)
            path.setObjectName("db_path")
            path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addRow(self.tr("Database file"), path)
        layout.addRow(buttons)

    def language(self) -> str:
        return str(self.language_box.currentData())
