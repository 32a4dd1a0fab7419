"""Small pieces the password and passphrase dialogs share."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

ERROR_STYLE = "color: #c0392b;"


def secret_edit(parent: QWidget, name: str) -> QLineEdit:
    """A line edit that shows dots for what is typed."""
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def error_label(parent: QWidget) -> QLabel:
    """A red line under a form, hidden until there is something to say."""
    label = QLabel(parent)
    label.setObjectName("error")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label
