"""述职评议考核: pick the year, write the secretary's section, export the material as PDF or Word.

The section is saved by itself a moment after typing stops, before the year changes, before an
export and when the page is left, each save one undo step of the window (编辑 → 撤销); inside the
text box Ctrl+Z undoes typing as in any editor.  Exports run on the runner with a progress
dialog, and the page says where the file went.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.db.database import Database
from app.filenames import safe_file_name
from app.printing.base import PrintOptions
from app.services.appraisal import FIRST_YEAR, LAST_YEAR, AppraisalService
from app.services.errors import ValidationError
from app.ui import labels
from app.ui.controllers.records import RecordController
from app.ui.tasks import Task

KIND = "appraisal_section"
AUTOSAVE_MS = 1500

class AppraisalPage(QWidget):
    # The section shown was saved (or found unchanged); carries the year.
    saved = Signal(int)
    # An export finished; carries the file written.
    exported = Signal(Path)

    def __init__(self, controller: RecordController, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_appraisal")
        self.controller = controller
        self.db = db
        self.service = AppraisalService(db)
        self._shown_year: int | None = None
        self._loading = False
        self._dirty = False

        heading = QLabel(self.tr("Report and appraisal material"), self)
        font = heading.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        heading.setFont(font)
        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(date.today().year)
        self.year.setSuffix(self.tr(" (year)"))
        explain = QLabel(self.tr(
            "The material assembles the year's figures from the ledgers: the three meetings and one "
            "lesson against the rules with the gaps named, secretary projects, appeals, the work day by "
            "organ, the five guarantees, funds and training. Write your own report below; it opens the "
            "material."), self)
        explain.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("section")
        self.editor.setPlaceholderText(self.tr(
            "The secretary's report: what was done this year, the problems, next year's plans…"))
        self.state = QLabel(self)
        self.state.setObjectName("save_state")
        self.save_button = QPushButton(self.tr("Save"), self)
        self.pdf_button = QPushButton(self.tr("Export PDF…"), self)
        self.docx_button = QPushButton(self.tr("Export Word…"), self)
        self.message = QLabel(self)
        self.message.setObjectName("export_message")
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Year"), self))
        top.addWidget(self.year)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.docx_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(explain)
        layout.addWidget(QLabel(self.tr("The secretary's report"), self))
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save)
        self.editor.textChanged.connect(self._edited)
        self.year.valueChanged.connect(self._year_changed)
        self.save_button.clicked.connect(self.save)
        self.pdf_button.clicked.connect(lambda: self._ask("pdf"))
        self.docx_button.clicked.connect(lambda: self._ask("docx"))
        controller.changed.connect(self._on_changed)
        self.load(self.year.value())

    # --- the secretary's section ----------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """The text shown differs from what is saved for its year."""
        return self._dirty

    def load(self, year: int) -> None:
        view = self.service.section(year)
        self._loading = True
        try:
            self.editor.setPlainText(view.body)
            self._dirty = False
        finally:
            self._loading = False
        self._shown_year = year
        self._show_state(self.tr("Saved") if view.saved else self.tr("Nothing written for this year yet"))

    def _edited(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._show_state(self.tr("Not saved yet…"))
        self._timer.start()

    def save(self) -> bool:
        """Save the text shown for its year; False (with the reason on the page) when refused."""
        self._timer.stop()
        year = self._shown_year
        if year is None or not self.dirty:
            return True
        text = self.editor.toPlainText()
        undo = self.tr("Edit the secretary's report {year}").format(year=year)
        try:
            self.controller.perform(undo, KIND, lambda: self.service.save_section(year, text))
        except ValidationError as exc:
            self._show_state("\n".join(labels.error_text(KIND, e.code, e.params) for e in exc.errors),
                             error=True)
            return False
        self._dirty = False
        self._show_state(self.tr("Saved"))
        self.saved.emit(year)
        return True

    def _year_changed(self, year: int) -> None:
        if not self.save():
            self.year.blockSignals(True)
            self.year.setValue(self._shown_year or year)
            self.year.blockSignals(False)
            return
        self.load(year)

    def _on_changed(self, kind: str) -> None:
        # An undo, a redo or a sync package changed the section: show it, unless typing is under way.
        if kind in (KIND, "*") and not self.dirty and self._shown_year is not None:
            self.load(self._shown_year)

    def _show_state(self, text: str, error: bool = False) -> None:
        self.state.setText(text)
        self.state.setStyleSheet("color: #b00020;" if error else "")

    def hideEvent(self, event: QHideEvent) -> None:
        self.save()
        super().hideEvent(event)

    # --- exports --------------------------------------------------------------------------

    def suggested_path(self, suffix: str) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = self.tr("Report and appraisal material {year}").format(year=self.year.value())
        return Path(folder or Path.home()) / f"{safe_file_name(name, 'appraisal')}.{suffix}"

    def _ask(self, kind: str) -> None:
        if kind == "pdf":
            title, filter_ = self.tr("Export PDF"), self.tr("PDF files (*.pdf)")
        else:
            title, filter_ = self.tr("Export Word"), self.tr("Word files (*.docx)")
        name, _ = QFileDialog.getSaveFileName(self, title, str(self.suggested_path(kind)), filter_)
        if name:
            self.export_to(Path(name), kind)

    def export_to(self, path: Path, kind: str) -> None:
        """Write the material of the year shown to ``path`` (``kind`` "pdf" or "docx") on the runner."""
        from app.printing.appraisal import print_appraisal, write_appraisal_docx

        if path.suffix.lower() != f".{kind}":
            path = path.with_name(f"{path.name}.{kind}")
        if not self.save():
            return
        year = self.year.value()
        db = self.db
        writer = print_appraisal if kind == "pdf" else write_appraisal_docx
        self.message.setText(self.tr("Exporting…"))

        def work(task: Task) -> int:
            return writer(db, year, path, PrintOptions(print_date=date.today()), task.progress)

        def done(count: int) -> None:
            if kind == "pdf":
                text = self.tr("Saved to {path} ({count} pages)").format(path=path, count=count)
            else:
                text = self.tr("Saved to {path}").format(path=path)
            self.message.setText(text)
            self.exported.emit(path)

        def failed(error: BaseException) -> bool:
            if isinstance(error, PermissionError):
                refused = self.tr("“{path}” could not be written: it may be open in another program, or the "
                                  "folder may be read-only. Close it or choose another place; nothing was "
                                  "changed.")
                self.message.setText(refused.format(path=path))
                return True
            if isinstance(error, OSError):
                self.message.setText(self.tr("“{path}” could not be written: {reason}").format(
                    path=path, reason=error.strerror or str(error)))
                return True
            self.message.setText("")
            return False

        (self.controller.runner.op(work)
         .with_progress(self.tr("Assembling the report and appraisal material…"), parent=self)
         .on_success(done).on_failure(failed).for_kind(KIND).in_parent(self).run())
