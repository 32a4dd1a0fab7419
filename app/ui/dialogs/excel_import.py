"""File → Import from Excel: pick the file and sheet, correct the column mapping, see every row
checked, then import the valid rows as one undoable step.

Reading, checking and writing run on the runner; the wizard only shows what the import service
(:mod:`app.services.importing`) says.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.services import journal
from app.services.import_layout import ColumnMap, Layout, text_input
from app.services.importing import (
    IMPORT_KINDS,
    REFS,
    ImportPlan,
    ImportResult,
    RowError,
    RowState,
    apply_import,
    plan_import,
    remember_mapping,
    sheet_layout,
    write_error_workbook,
)
from app.services.spreadsheet import SUFFIXES, Sheet, read_sheet, sheet_names
from app.ui import labels
from app.ui.controllers.records import RecordController
from app.ui.screen import fit_to_screen
from app.ui.tasks import Task
from app.ui.tr import QT_TRANSLATE_NOOP

PREVIEW_ROWS = 500
_STATE_WORDS = {
    RowState.NEW: QT_TRANSLATE_NOOP("ExcelImport", "New"),
    RowState.UPDATE: QT_TRANSLATE_NOOP("ExcelImport", "Already in the ledger, changed"),
    RowState.SAME: QT_TRANSLATE_NOOP("ExcelImport", "Already in the ledger, unchanged"),
    RowState.ERROR: QT_TRANSLATE_NOOP("ExcelImport", "Refused"),
}


def column_label(kind: str, name: str) -> str:
    """The word for what a column fills: a field, or the record a name points at."""
    if name in REFS:
        field_name = "number" if (kind, name) == ("building", "building") else REFS[name][1]
        return labels.field_label(kind, field_name)
    return labels.field_label(kind, name)


def reason_text(kind: str, error: RowError) -> str:
    """One refused cell in the user's words: the column, then why."""
    return f"{error.column}：{labels.error_text(kind, error.code, error.params)}"


class _FilePage(QWizardPage):
    def __init__(self, wizard: ExcelImportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr("Choose the workbook"))
        self.setSubTitle(self.tr("Excel (.xlsx, .xls), WPS (.et), LibreOffice (.ods) or a CSV file."))
        self.path = QLineEdit(self)
        self.path.setObjectName("import_path")
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        self.kind = QComboBox(self)
        self.kind.setObjectName("import_kind")
        for kind in IMPORT_KINDS:
            self.kind.addItem(labels.kind_title(kind), kind)
        self.sheet = QComboBox(self)
        self.sheet.setObjectName("import_sheet")
        self.path.editingFinished.connect(self.load_sheets)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Sheet"), self.sheet)
        form.addRow(self.tr("Records of"), self.kind)
        self.problem = QLabel(self)
        self.problem.setObjectName("import_problem")
        self.problem.setWordWrap(True)
        form.addRow(self.problem)

    def _browse(self) -> None:
        pattern = self.tr("Spreadsheets") + " (" + " ".join(f"*{s}" for s in SUFFIXES) + ")"
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import from Excel"), "", pattern)
        if name:
            self.path.setText(name)
            self.load_sheets()

    def load_sheets(self) -> None:
        self.sheet.clear()
        self.problem.clear()
        path = Path(self.path.text().strip())
        if not self.path.text().strip():
            return


        def listed(names: list[str]) -> None:
            self.sheet.addItems(names)
            self.completeChanged.emit()

        def refused(exc: BaseException) -> bool:
            self.problem.setText(self.w.failure_text(exc))
            return True

        # Opening a workbook reads the file: on the runner, like every other step of the import.
        self.w.controller.runner.op(lambda _task: sheet_names(path)).on_success(listed) \
            .on_failure(refused).in_parent(self).run()

    def isComplete(self) -> bool:
        return self.sheet.count() > 0

    def validatePage(self) -> bool:
        self.w.read(Path(self.path.text().strip()), self.sheet.currentText(), str(self.kind.currentData()))
        return self.w.layout_ is not None


class _MappingPage(QWizardPage):
    def __init__(self, wizard: ExcelImportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(self.tr("Each column of the sheet fills the field chosen beside it."))
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("import_mapping")
        self.table.setHorizontalHeaderLabels([self.tr("Column"), self.tr("First value"), self.tr("Fills")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        layout, sheet, kind = self.w.layout_, self.w.sheet, self.w.kind
        assert layout is not None and sheet is not None
        headers = layout.columns.headers
        first = sheet.rows[layout.data_start] if layout.data_start < len(sheet.rows) else []
        self.table.setRowCount(len(headers))
        self.combos = []
        choices = list(IMPORT_KINDS[kind].aliases)
        for row, header in enumerate(headers):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            value = first[row] if row < len(first) else None
            self.table.setItem(row, 1, QTableWidgetItem(text_input(value) or ""))
            combo = QComboBox(self.table)
            combo.addItem(self.tr("(not imported)"), None)
            for name in choices:
                combo.addItem(column_label(kind, name), name)
            combo.setCurrentIndex(max(0, combo.findData(layout.columns.fields.get(row))))
            self.table.setCellWidget(row, 2, combo)
            self.combos.append(combo)

    def mapping(self) -> dict[int, str]:
        return {i: str(c.currentData()) for i, c in enumerate(self.combos) if c.currentData() is not None}

    def set_field(self, column: int, name: str | None) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(max(0, combo.findData(name)))

    def validatePage(self) -> bool:
        fields = self.mapping()
        if len(set(fields.values())) != len(fields):
            QMessageBox.warning(self, self.tr("Check the columns"),
                                self.tr("Two columns fill the same field."))
            return False
        self.w.set_mapping(fields)
        return self.w.plan is not None


class _PreviewPage(QWizardPage):
    def __init__(self, wizard: ExcelImportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr("Check the rows"))
        self.summary = QLabel(self)
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.skip = QRadioButton(self.tr("Skip records already in the ledger"), self)
        self.update_existing = QRadioButton(self.tr("Update records already in the ledger"), self)
        self.skip.setChecked(True)
        self.create_missing = QCheckBox(self)
        self.create_missing.setObjectName("import_create_missing")
        self.create_missing.toggled.connect(lambda on: self.w.replan(create_missing=on))
        self.save_errors = QPushButton(self.tr("Save the refused rows…"), self)
        self.save_errors.clicked.connect(self._save_errors)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("import_preview")
        self.table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Result"), self.tr("Details")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        options = QHBoxLayout()
        options.addWidget(self.skip)
        options.addWidget(self.update_existing)
        options.addStretch(1)
        options.addWidget(self.save_errors)
        layout.addLayout(options)
        layout.addWidget(self.create_missing)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        self.show_plan()

    def show_plan(self) -> None:
        plan, kind = self.w.plan, self.w.kind
        assert plan is not None
        new, update = plan.count(RowState.NEW), plan.count(RowState.UPDATE)
        same, errors = plan.count(RowState.SAME), plan.count(RowState.ERROR)
        self.summary.setText(self.tr(
            "{new} new, {update} already in the ledger with changes, {same} unchanged, "
            "{errors} refused.").format(new=new, update=update, same=same, errors=errors))
        missing = ", ".join(sorted(n.replace("\t", " ") for names in plan.missing.values() for n in names))
        if missing:
            offer = self.tr("Create what the rows name and the ledger lacks: {names}").format(names=missing)
        else:
            offer = self.tr("Create party groups, compounds and buildings the rows name and the ledger lacks")
        self.create_missing.setText(offer)
        self.save_errors.setEnabled(errors > 0)
        shown = [r for r in plan.rows if r.state is not RowState.SAME][:PREVIEW_ROWS]
        self.table.setRowCount(len(shown))
        for i, row in enumerate(shown):
            self.table.setItem(i, 0, QTableWidgetItem(str(row.row)))
            state = QTableWidgetItem(QCoreApplication.translate("ExcelImport", _STATE_WORDS[row.state]))
            if row.state is RowState.ERROR:
                state.setForeground(QColor("#b00020"))
            self.table.setItem(i, 1, state)
            detail = " ".join(reason_text(kind, e) for e in row.errors)
            if not detail:
                name = next((str(v) for k, v in row.values.items()
                             if k in ("name", "person_name", "number", "resident_name") and v), "")
                detail = name
            self.table.setItem(i, 2, QTableWidgetItem(detail))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)

    def _save_errors(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the refused rows"), "", "Excel (*.xlsx)")
        if name:
            self.w.save_refused(Path(name))

    def validatePage(self) -> bool:
        self.w.run_import(update=self.update_existing.isChecked())
        return self.w.outcome is not None


class ExcelImportWizard(QWizard):
    """The import of one sheet, from choosing the file to the undoable import."""

    def __init__(self, controller: RecordController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.db = controller.service.db
        self.setWindowTitle(self.tr("Import from Excel"))
        self.setObjectName("excel_import")
        fit_to_screen(self, 820, 560)
        self.sheet: Sheet | None = None
        self.kind = "party_member"
        self.layout_: Layout | None = None
        self.plan: ImportPlan | None = None
        self.outcome: ImportResult | None = None
        self.summary_text = ""
        self.file_page = _FilePage(self)
        self.mapping_page = _MappingPage(self)
        self.preview_page = _PreviewPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Import"))

    def failure_text(self, error: BaseException) -> str:
        from app.ui.tasks import describe_failure

        return describe_failure(error, self.kind) or str(error)

    def _run(self, fn: Callable[[Task], Any], done: Callable[[Any], None], label: str,
             exclusive: bool = False) -> None:
        op = self.controller.runner.op(fn).on_success(done).for_kind(self.kind).in_parent(self)
        op = op.with_progress(label, parent=self, cancellable=True)
        (op.exclusive() if exclusive else op).run()

    def read(self, path: Path, sheet: str, kind: str) -> None:
        self.kind = kind
        self.layout_ = None

        def work(_task: Task) -> tuple[Sheet, Layout]:
            read = read_sheet(path, sheet or None)
            return read, sheet_layout(self.db, kind, read)

        def done(result: tuple[Sheet, Layout]) -> None:
            self.sheet, self.layout_ = result

        self._run(work, done, self.tr("Reading the workbook…"))
        self.controller.runner.wait()

    def set_mapping(self, fields: dict[int, str]) -> None:
        assert self.layout_ is not None
        if fields != self.layout_.columns.fields:
            remember_mapping(self.db, self.kind, self.layout_.columns.headers, fields)
        self.layout_.columns = ColumnMap(fields, self.layout_.columns.headers)
        self.replan(create_missing=self.preview_page.create_missing.isChecked())

    def replan(self, *, create_missing: bool) -> None:
        sheet, layout, kind = self.sheet, self.layout_, self.kind
        assert sheet is not None and layout is not None
        self.plan = None

        def work(task: Task) -> ImportPlan:
            return plan_import(self.db, kind, sheet, layout=layout, create_missing=create_missing,
                               progress=task)

        def done(plan: ImportPlan) -> None:
            self.plan = plan
            if self.currentPage() is self.preview_page:
                self.preview_page.show_plan()

        self._run(work, done, self.tr("Checking the rows…"))
        self.controller.runner.wait()

    def save_refused(self, path: Path) -> None:
        plan, kind = self.plan, self.kind
        assert plan is not None
        self._run(lambda _t: write_error_workbook(plan, path, lambda e: reason_text(kind, e),
                                                  self.tr("Reason")), lambda _n: None,
                  self.tr("Saving the refused rows…"))

    def run_import(self, *, update: bool) -> None:
        plan, kind = self.plan, self.kind
        assert plan is not None
        self.outcome = None

        def work(task: Task) -> tuple[ImportResult, list[journal.RecordChange]]:
            with journal.recording() as changes:
                result = apply_import(self.db, plan, update=update, progress=task)
            return result, changes

        def done(outcome: tuple[ImportResult, list[journal.RecordChange]]) -> None:
            self.outcome, changes = outcome
            self.controller.push_recorded(
                self.tr("Import {count} {kind} from Excel").format(
                    count=self.outcome.imported + self.outcome.updated, kind=labels.kind_title(kind)),
                kind, changes)

        self._run(work, done, self.tr("Importing…"), exclusive=True)
        self.controller.runner.wait()
        if self.outcome is not None:
            r = self.outcome
            self.summary_text = self.tr(
                "{imported} imported, {updated} updated, {skipped} skipped, {refused} refused. "
                "Edit → Undo takes the import back.").format(
                imported=r.imported, updated=r.updated, skipped=r.skipped,
                refused=len({e.row for e in r.errors}))
            parent = self.parentWidget()
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import from Excel"),
                              self.summary_text, QMessageBox.StandardButton.Ok, parent)
            box.setObjectName("import_done")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

def open_import_wizard(controller: RecordController, parent: QWidget | None) -> ExcelImportWizard:
    wizard = ExcelImportWizard(controller, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard
