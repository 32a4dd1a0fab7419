"""A line edit for ID numbers and phone numbers: masked until the user asks to see it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget


class SensitiveLineEdit(QWidget):
    """Shows ``mask(value)`` read-only; 显示 reveals the value for editing."""

    def __init__(self, mask: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mask = mask
        self._value = ""
        self._revealed = False
        self.edit = QLineEdit(self)
        self.button = QToolButton(self)
        self.button.setCheckable(True)
        self.button.setText(self.tr("Show"))
        self.button.setToolTip(self.tr("Show the full number to read or change it"))
        self.button.toggled.connect(self.set_revealed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        self._render()

    def set_value(self, value: str) -> None:
        self._value = value or ""
        # An empty field has nothing to hide: let the user type straight away.
        self.set_revealed(not self._value)

    def value(self) -> str:
        if self._revealed:
            self._value = self.edit.text()
        return self._value

    def is_revealed(self) -> bool:
        return self._revealed

    def set_revealed(self, revealed: bool) -> None:
        if self._revealed and not revealed:
            self._value = self.edit.text()
        self._revealed = revealed
        self.button.blockSignals(True)
        self.button.setChecked(revealed)
        self.button.blockSignals(False)
        self._render()

    def _render(self) -> None:
        if self._revealed:
            self.edit.setText(self._value)
            self.edit.setReadOnly(False)
            self.button.setText(self.tr("Hide"))
        else:
            self.edit.setText(self._mask(self._value))
            self.edit.setReadOnly(True)
            self.button.setText(self.tr("Show"))
