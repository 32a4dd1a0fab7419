"""导出Excel for the ledger pages' own tables (matrices, boards, summaries, running balances).

The rows are read from the table's model as the page shows them (its year, quarter or fund
chosen, personal data as shown), dates and right-aligned numbers typed again for the workbook;
the file is written on the runner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from app.db.database import Database
from app.filenames import safe_file_name
from app.printing.xlsx import SheetData, typed_cell, write_workbook
from app.ui.tasks import Runner


def table_sheet(model: QAbstractItemModel, title: str, subtitle: str = "") -> SheetData:
    """What ``model`` shows, one row per row, its headers over them."""
    columns = model.columnCount()
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    formats = ["text"] * columns
    rows: list[list[object]] = []
    for r in range(model.rowCount()):
        row: list[object] = []
        for c in range(columns):
            index = model.index(r, c)
            text = model.data(index, Qt.ItemDataRole.DisplayRole)
            align = model.data(index, Qt.ItemDataRole.TextAlignmentRole)
            right = align is not None and bool(Qt.AlignmentFlag(int(align)) & Qt.AlignmentFlag.AlignRight)
            value, fmt = typed_cell("" if text is None else str(text), "RIGHT" if right else "LEFT")
            if fmt != "text":
                formats[c] = fmt
            row.append(value)
        rows.append(row)
    return SheetData(title, title, headers, formats, rows, subtitle=subtitle)


class TableExport(QObject):
    """An 导出Excel button for the tables of a page: ``sheets`` gives them as shown (one sheet
    each), ``title`` names the file."""

    def __init__(self, parent: QWidget, runner: Runner, sheets: Callable[[], list[SheetData]],
                 title: Callable[[], str], name: str) -> None:
        super().__init__(parent)
        self.page = parent
        self.runner = runner
        self.sheets = sheets
        self.title = title
        self.button = QPushButton(self.tr("Export Excel"), parent)
        self.button.setObjectName(f"export_{name}")
        self.button.setToolTip(self.tr("Save the table as shown as an Excel workbook"))
        self.button.clicked.connect(self.ask)
        self.written: int | None = None

    def ask(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.page, self.tr("Export Excel"),
                                              f"{safe_file_name(self.title())}.xlsx", "Excel (*.xlsx)")
        if name:
            self.export_to(Path(name if name.lower().endswith(".xlsx") else f"{name}.xlsx"))

    def export_to(self, path: Path) -> None:
        sheets = self.sheets()
        self.written = None

        def done(rows: int) -> None:
            self.written = rows
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export Excel"),
                              self.tr("{count} row(s) saved to {path}").format(count=rows, path=path),
                              QMessageBox.StandardButton.Ok, self.page)
            box.setObjectName("export_done")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

        (self.runner.op(lambda _task: write_workbook(path, sheets)).on_success(done)
         .with_progress(self.tr("Exporting…"), parent=self.page).in_parent(self.page).run())


class DatabaseExport(QObject):
    """File → 导出整个台账到Excel: every kind of record, one sheet each, for archives; ID numbers
    and phones in full only while the window shows them in full."""

    def __init__(self, parent: QWidget, runner: Runner, db: Database, full: Callable[[], bool]) -> None:
        super().__init__(parent)
        self.window = parent
        self.runner = runner
        self.db = db
        self.full = full
        self.written: int | None = None

    def ask(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export the whole ledger to Excel"),
                                              self.tr("Whole ledger.xlsx"), "Excel (*.xlsx)")
        if name:
            self.export_to(Path(name if name.lower().endswith(".xlsx") else f"{name}.xlsx"))

    def export_to(self, path: Path) -> None:
        from app.printing.xlsx import export_database

        full = self.full()
        self.written = None

        def done(rows: int) -> None:
            self.written = rows
            text = self.tr("{count} record(s) saved to {path}, one sheet for each kind of record.").format(
                count=rows, path=path)
            text += " " + (self.tr("ID numbers and phone numbers are in full.") if full else
                           self.tr("ID numbers and phone numbers are partly hidden, as on screen."))
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export the whole ledger to Excel"), text,
                              QMessageBox.StandardButton.Ok, self.window)
            box.setObjectName("export_all_done")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

        (self.runner.op(lambda task: export_database(self.db, path, full=full, progress=task))
         .on_success(done).with_progress(self.tr("Exporting the whole ledger…"), parent=self.window,
                                         cancellable=True)
         .exclusive().in_parent(self.window).run())
