"""The name of the person using this PC, recorded as 经办人 and 记录人: asked once, kept in the settings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from app.settings import Settings

NAME_LIMIT = 50


class UserName:
    """Reads the user's name from the settings, and asks for it the first time it is needed."""

    def __init__(self, settings: Settings, save: Callable[[], None]) -> None:
        self.settings = settings
        self._save = save

    @property
    def name(self) -> str:
        return self.settings.user_name.strip()

    def set(self, name: str) -> None:
        name = name.strip()[:NAME_LIMIT]
        if name != self.settings.user_name:
            self.settings.user_name = name
            self._save()

    def ask(self, parent: QWidget | None) -> str:
        """The name, asking for it (once: it is kept) when none is set yet; empty if the user declines."""
        if self.name:
            return self.name
        text, ok = QInputDialog.getText(
            parent, QCoreApplication.translate("UserName", "Your name"),
            QCoreApplication.translate(
                "UserName", "Your name is recorded as the person handling each step (经办人). "
                            "It is asked once and kept; change it in the settings."),
            QLineEdit.EchoMode.Normal, "")
        if ok and text.strip():
            self.set(text)
        return self.name
