"""A form built from a record kind's field descriptions, with errors shown next to each field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.errors import FieldError
from app.services.fields import Field, Kind
from app.services.identity import mask_id_number, mask_phone
from app.services.registry import RegistryService
from app.ui import labels
from app.ui.errors import save_or_explain
from app.ui.screen import fit_to_screen
from app.ui.widgets.sensitive_edit import SensitiveLineEdit

# A field whose options depend on another field's value: kind -> {field: (parent field, column)}.
DEPENDENT_OPTIONS: dict[str, dict[str, tuple[str, str]]] = {
    "party_member": {"building_id": ("compound_id", "compound_id")},
    "party_group": {"building_ids": ("compound_id", "compound_id")},
    "appeal": {"building_id": ("compound_id", "compound_id")},
}

_ERROR_STYLE = "color: #c0392b;"


def _yuan_text(value: Any) -> str:
    """A stored amount in fen as yuan to edit: 1250 -> '12.50'."""
    if value is None or value == "":
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{'-' if value < 0 else ''}{abs(value) // 100}.{abs(value) % 100:02d}"
    return str(value)


def _text_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class RecordForm(QWidget):
    """Editors for every field of ``kind``; :meth:`values` reads them back as raw input."""

    edited = Signal()

    def __init__(self, service: RegistryService, kind: str, parent: QWidget | None = None,
                 hidden: tuple[str, ...] = (), fields: tuple[Field, ...] | None = None,
                 suggestions: dict[str, list[str]] | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.kind = kind
        # Text fields offered a list to choose from; anything else may still be typed.
        self.suggestions = suggestions or {}
        self.fields = fields if fields is not None else service.spec(kind).fields
        self._by_name = {f.name: f for f in self.fields}
        self.editors: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self._readers: dict[str, Callable[[], Any]] = {}
        self._writers: dict[str, Callable[[Any], None]] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field in self.fields:
            if field.name in hidden:
                continue
            editor = self._make_editor(field)
            editor.setObjectName(f"field_{field.name}")
            error = QLabel(self)
            error.setObjectName(f"error_{field.name}")
            error.setStyleSheet(_ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            box = QWidget(self)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.setSpacing(2)
            box_layout.addWidget(editor)
            box_layout.addWidget(error)
            text = labels.field_label(kind, field.name)
            label = QLabel(f"{text}{' *' if field.required else ''}", self)
            label.setBuddy(editor)
            layout.addRow(label, box)
            self.editors[field.name] = editor
            self.error_labels[field.name] = error
        for child, (parent_field, column) in DEPENDENT_OPTIONS.get(kind, {}).items():
            parent_editor = self.editors.get(parent_field)
            if isinstance(parent_editor, QComboBox) and child in self.editors:
                parent_editor.currentIndexChanged.connect(
                    lambda _i, c=child, p=parent_field, col=column: self._reload_options(c, p, col))

    # --- editors ------------------------------------------------------------------

    def _make_editor(self, field: Field) -> QWidget:
        kind = field.kind
        name = field.name
        if kind is Kind.LONG_TEXT:
            long_edit = QPlainTextEdit(self)
            long_edit.setTabChangesFocus(True)
            long_edit.setFixedHeight(80)
            self._readers[name] = long_edit.toPlainText
            self._writers[name] = lambda v: long_edit.setPlainText(_text_value(v))
            long_edit.textChanged.connect(self.edited)
            return long_edit
        if kind is Kind.BOOL:
            check = QCheckBox(self)
            self._readers[name] = check.isChecked
            self._writers[name] = lambda v: check.setChecked(bool(v))
            check.toggled.connect(self.edited)
            return check
        if kind in (Kind.CHOICE, Kind.REF):
            combo = QComboBox(self)
            if kind is Kind.CHOICE:
                options = [(c, labels.choice_label(c, self.kind)) for c in field.choices]
            else:
                options = self.service.options(field.ref or "")
            self._fill_combo(combo, options, field.required)
            self._readers[name] = combo.currentData
            self._writers[name] = lambda v: combo.setCurrentIndex(max(0, combo.findData(v)))
            combo.currentIndexChanged.connect(self.edited)
            return combo
        if kind is Kind.MULTI_REF:
            lst = QListWidget(self)
            lst.setFixedHeight(120)
            self._fill_list(lst, self.service.options(field.ref or ""))
            self._readers[name] = lambda: [
                lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lst.count())
                if lst.item(i).checkState() == Qt.CheckState.Checked]
            self._writers[name] = lambda v: self._check_list(lst, v or [])
            lst.itemChanged.connect(self.edited)
            return lst
        if kind is Kind.TEXT and name in self.suggestions:
            suggest = QComboBox(self)
            suggest.setEditable(True)
            suggest.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            suggest.addItems(self.suggestions[name])
            self._readers[name] = suggest.currentText
            self._writers[name] = lambda v: suggest.setCurrentText(_text_value(v))
            suggest.editTextChanged.connect(self.edited)
            return suggest
        if kind in (Kind.PHONE, Kind.ID_NUMBER):
            sensitive = SensitiveLineEdit(mask_phone if kind is Kind.PHONE else mask_id_number, self)
            self._readers[name] = sensitive.value
            self._writers[name] = lambda v: sensitive.set_value(_text_value(v))
            sensitive.edit.textEdited.connect(self.edited)
            return sensitive
        line = QLineEdit(self)
        if kind is Kind.DATE:
            line.setPlaceholderText(self.tr("e.g. 2024-03-05"))
        elif kind is Kind.DATETIME:
            line.setPlaceholderText(self.tr("e.g. 2024-03-05 14:30"))
        elif kind in (Kind.INT, Kind.DECIMAL, Kind.FEN):
            line.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._readers[name] = line.text
        if kind is Kind.FEN:
            self._writers[name] = lambda v: line.setText(_yuan_text(v))
        else:
            self._writers[name] = lambda v: line.setText(_text_value(v))
        line.textEdited.connect(self.edited)
        return line

    def _fill_combo(self, combo: QComboBox, options: list[tuple[str, str]], required: bool) -> None:
        combo.blockSignals(True)
        combo.clear()
        if not required:
            combo.addItem(labels.tr(labels.NONE), None)
        for value, text in options:
            combo.addItem(text, value)
        combo.blockSignals(False)

    def _fill_list(self, lst: QListWidget, options: list[tuple[str, str]]) -> None:
        reader = self._readers.get(self._list_name(lst))
        checked = set(reader()) if reader is not None else set()
        lst.blockSignals(True)
        lst.clear()
        for value, text in options:
            item = QListWidgetItem(text, lst)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in checked else Qt.CheckState.Unchecked)
        lst.blockSignals(False)

    def _list_name(self, lst: QListWidget) -> str:
        return lst.objectName().removeprefix("field_")

    @staticmethod
    def _check_list(lst: QListWidget, values: list[str]) -> None:
        wanted = set(values)
        for i in range(lst.count()):
            item = lst.item(i)
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted \
                else Qt.CheckState.Unchecked
            item.setCheckState(state)

    def _reload_options(self, child: str, parent_field: str, column: str) -> None:
        parent_value = self._readers[parent_field]()
        field = self._by_name[child]
        where = {column: parent_value} if parent_value else {}
        options = self.service.options(field.ref or "", **where)
        editor = self.editors[child]
        if isinstance(editor, QComboBox):
            current = editor.currentData()
            self._fill_combo(editor, options, field.required)
            editor.setCurrentIndex(max(0, editor.findData(current)))
        elif isinstance(editor, QListWidget):
            self._fill_list(editor, options)

    # --- values and errors ----------------------------------------------------------

    def set_values(self, values: dict[str, Any]) -> None:
        for name, writer in self._writers.items():
            writer(values.get(name, self._by_name[name].default))
        for child, (parent_field, column) in DEPENDENT_OPTIONS.get(self.kind, {}).items():
            if child in self._writers and parent_field in self._readers:
                self._reload_options(child, parent_field, column)
                self._writers[child](values.get(child))
        self.clear_errors()

    def values(self) -> dict[str, Any]:
        return {name: reader() for name, reader in self._readers.items()}

    def clear_errors(self) -> None:
        for label in self.error_labels.values():
            label.clear()
            label.hide()

    def show_errors(self, errors: list[FieldError]) -> list[FieldError]:
        """Show each error next to its field; returns the errors no field could show."""
        self.clear_errors()
        unplaced: list[FieldError] = []
        first: QWidget | None = None
        for error in errors:
            label = self.error_labels.get(error.field)
            if label is None:
                unplaced.append(error)
                continue
            label.setText(labels.error_text(self.kind, error.code, error.params))
            label.show()
            if first is None:
                first = self.editors[error.field]
        if first is not None:
            target = first.edit if isinstance(first, SensitiveLineEdit) else first
            target.setFocus()
        return unplaced


class RecordFormDialog(QDialog):
    """Add or edit one record.  ``save`` is called with the form's values and may raise
    :class:`ValidationError` or :class:`DomainError`; the dialog stays open and shows why."""

    def __init__(self, service: RegistryService, kind: str, save: Callable[[dict[str, Any]], Any],
                 values: dict[str, Any] | None = None, parent: QWidget | None = None,
                 fields: tuple[Field, ...] | None = None,
                 suggestions: dict[str, list[str]] | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._save = save
        title = labels.kind_title(kind)
        self.setWindowTitle(self.tr("Edit {kind}").format(kind=title) if values and values.get("id")
                            else self.tr("New {kind}").format(kind=title))
        self.form = RecordForm(service, kind, self, fields=fields, suggestions=suggestions)
        self.form.set_values(values or {})
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        # The form, and room beside it for what a kind shows along with its fields.
        self.body = QHBoxLayout()
        self.body.addWidget(scroll, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 560, min(760, 120 + 58 * len(self.form.editors)))

    def try_save(self) -> bool:
        def word(code: str, params: dict[str, Any]) -> str:
            return labels.error_text(self.kind, code, params)

        if not save_or_explain(self, lambda: self._save(self.form.values()), word, self.form.show_errors):
            return False
        self.accept()
        return True
