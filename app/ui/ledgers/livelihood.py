"""民生实事: the city's livelihood projects of a chosen year, each with the community's part.

The projects come from the city by sync and are shown read-only; the community writes its part of
the selected project (what it did, residents who benefited, funds in yuan), its progress by month
and the appeals and secretary projects it counts under it.  Every change is one undo step of the
window (编辑 → 撤销); a refusal is shown in Chinese beside the form and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db.database import Database
from app.services.errors import DomainError, ValidationError
from app.services.funds import fen_to_yuan
from app.services.livelihood import FIRST_YEAR, KIND, LAST_YEAR, LivelihoodService, PartView
from app.ui import labels
from app.ui.controllers.records import RecordController

ID_ROLE = Qt.ItemDataRole.UserRole + 1
WATCHED = (KIND, "livelihood_project", "appeal", "secretary_project", "*")


class LivelihoodPage(QWidget):
    # The page was filled from the database (carries the year shown).
    filled = Signal(int)

    def __init__(self, controller: RecordController, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_livelihood")
        self.controller = controller
        self.service = LivelihoodService(db)
        self.views: list[PartView] = []

        heading = QLabel(self.tr("Livelihood projects"), self)
        font = heading.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        heading.setFont(font)
        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        years = self.service.years()
        self.year.setValue(date.today().year if not years or date.today().year in years else years[0])
        self.year.setSuffix(self.tr(" (year)"))
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        explain = QLabel(self.tr(
            "The city publishes its livelihood projects each year; they arrive by sync and cannot be "
            "changed here. Record the community's part of each: what it did, who benefited, the funds, "
            "the progress by month, and the appeals and secretary projects that belong to it. The "
            "livelihood problems solved are counted from those links: resolved appeals and finished "
            "projects."), self)
        explain.setWordWrap(True)

        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("projects")
        self.table.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("City project"), self.tr("Lead unit"), self.tr("Residents who benefited"),
            self.tr("Funds (yuan)"), self.tr("Latest progress"), self.tr("Problems solved")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self)
        self.empty.setObjectName("empty")
        self.empty.setWordWrap(True)

        # The selected project, the city's words (read-only) and the community's part.
        self.project_text = QLabel(self)
        self.project_text.setObjectName("project_text")
        self.project_text.setWordWrap(True)
        self.project_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.work = QPlainTextEdit(self)
        self.work.setObjectName("work")
        self.work.setPlaceholderText(self.tr("What the community did for this project…"))
        self.work.setMaximumHeight(90)
        self.beneficiaries = QLineEdit(self)
        self.beneficiaries.setObjectName("beneficiaries")
        self.funds = QLineEdit(self)
        self.funds.setObjectName("funds")
        self.funds.setPlaceholderText(self.tr("such as 12000.00"))
        self.save_button = QPushButton(self.tr("Save the community's part"), self)
        self.save_button.setObjectName("save")
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")

        part_box = QGroupBox(self.tr("The community's part"), self)
        form = QFormLayout(part_box)
        form.addRow(self.project_text)
        form.addRow(labels.field_label(KIND, "work"), self.work)
        form.addRow(labels.field_label(KIND, "beneficiaries"), self.beneficiaries)
        form.addRow(labels.field_label(KIND, "funds_fen"), self.funds)
        form.addRow(self.save_button)

        self.progress = QTableWidget(0, 3, self)
        self.progress.setObjectName("progress")
        self.progress.setHorizontalHeaderLabels(
            [self.tr("Month"), self.tr("Progress (%)"), self.tr("In words")])
        self.progress.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.progress.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.progress.verticalHeader().setVisible(False)
        self.progress.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.month = QLineEdit(self)
        self.month.setObjectName("month")
        self.month.setPlaceholderText(self.tr("2026-03"))
        self.percent = QLineEdit(self)
        self.percent.setObjectName("percent")
        self.percent.setPlaceholderText("0-100")
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.add_progress_button = QPushButton(self.tr("Record progress"), self)
        self.add_progress_button.setObjectName("add_progress")
        self.remove_progress_button = QPushButton(self.tr("Delete the month"), self)
        self.remove_progress_button.setObjectName("remove_progress")
        progress_box = QGroupBox(self.tr("Progress by month"), self)
        progress_inputs = QHBoxLayout()
        progress_inputs.addWidget(self.month)
        progress_inputs.addWidget(self.percent)
        progress_inputs.addWidget(self.note, 1)
        progress_inputs.addWidget(self.add_progress_button)
        progress_inputs.addWidget(self.remove_progress_button)
        progress_layout = QVBoxLayout(progress_box)
        progress_layout.addWidget(self.progress)
        progress_layout.addLayout(progress_inputs)

        self.links = QListWidget(self)
        self.links.setObjectName("links")
        self.appeal_choice = QComboBox(self)
        self.appeal_choice.setObjectName("appeal_choice")
        self.project_choice = QComboBox(self)
        self.project_choice.setObjectName("project_choice")
        self.link_appeal_button = QPushButton(self.tr("Link appeal"), self)
        self.link_appeal_button.setObjectName("link_appeal")
        self.link_project_button = QPushButton(self.tr("Link secretary project"), self)
        self.link_project_button.setObjectName("link_project")
        self.unlink_button = QPushButton(self.tr("Remove the link"), self)
        self.unlink_button.setObjectName("unlink")
        links_box = QGroupBox(self.tr("Linked appeals and secretary projects"), self)
        links_layout = QVBoxLayout(links_box)
        links_layout.addWidget(self.links)
        for combo, button in ((self.appeal_choice, self.link_appeal_button),
                              (self.project_choice, self.link_project_button)):
            row = QHBoxLayout()
            row.addWidget(combo, 1)
            row.addWidget(button)
            links_layout.addLayout(row)
        links_layout.addWidget(self.unlink_button)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.summary)
        top.addWidget(QLabel(self.tr("Year"), self))
        top.addWidget(self.year)
        lower = QWidget(self)
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(part_box)
        left.addWidget(progress_box, 1)
        lower_layout.addLayout(left, 3)
        lower_layout.addWidget(links_box, 2)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table)
        upper_layout.addWidget(self.empty)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(explain)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)

        self.year.valueChanged.connect(lambda _year: self.refresh())
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.save_button.clicked.connect(self.save_part)
        self.add_progress_button.clicked.connect(self.add_progress)
        self.remove_progress_button.clicked.connect(self.remove_progress)
        self.link_appeal_button.clicked.connect(lambda: self.link("appeal"))
        self.link_project_button.clicked.connect(lambda: self.link("secretary_project"))
        self.unlink_button.clicked.connect(self.unlink)
        controller.changed.connect(self._on_changed)
        self.refresh()

    # --- reading ----------------------------------------------------------------------

    def selected(self) -> PartView | None:
        row = self.table.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def refresh(self) -> None:
        keep = self.selected()
        year = self.year.value()
        self.views = self.service.parts(year)
        self.table.setRowCount(len(self.views))
        for row, view in enumerate(self.views):
            percent = view.latest_percent
            cells = (str(view.number), view.title, view.lead_unit, str(view.beneficiaries),
                     fen_to_yuan(view.funds_fen), "" if percent is None else f"{percent}%", str(view.solved))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, view.project_id)
                if column in (0, 3, 4, 5, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.empty.setVisible(not self.views)
        self.empty.setText(self.tr("The city has not published livelihood projects for {year} yet; they "
                                   "arrive with the next sync.").format(year=year))
        self.summary.setText(self.tr("{year}: {solved} livelihood problems solved").format(
            year=year, solved=self.service.solved(year)))
        self._fill_choices()
        wanted = next((r for r, v in enumerate(self.views) if keep and v.project_id == keep.project_id), 0)
        if self.views:
            self.table.selectRow(wanted)
        self._show_selected()
        self.filled.emit(year)

    def _fill_choices(self) -> None:
        done_word = self.tr("(resolved)")
        for combo, rows in ((self.appeal_choice, self.service.linkable_appeals()),
                            (self.project_choice, self.service.linkable_projects())):
            combo.clear()
            for record_id, text, solved in rows:
                combo.addItem(f"{text} {done_word}" if solved else text, record_id)

    def _show_selected(self) -> None:
        view = self.selected()
        enabled = view is not None
        for widget in (self.work, self.beneficiaries, self.funds, self.save_button, self.month, self.percent,
                       self.note, self.add_progress_button, self.remove_progress_button,
                       self.link_appeal_button, self.link_project_button, self.unlink_button):
            widget.setEnabled(enabled)
        if view is None:
            self.project_text.setText("")
            self.work.setPlainText("")
            self.beneficiaries.setText("")
            self.funds.setText("")
            self.progress.setRowCount(0)
            self.links.clear()
            return
        city_words = self.tr("City project {number}: {title} (lead unit: {unit}; kept by the city, "
                             "read-only)").format(number=view.number, title=view.title,
                                                  unit=view.lead_unit or "—")
        self.project_text.setText(f"{city_words}\n{view.description}".strip())
        self.work.setPlainText(view.work)
        self.beneficiaries.setText(str(view.beneficiaries))
        self.funds.setText(fen_to_yuan(view.funds_fen).replace(",", ""))
        self.progress.setRowCount(len(view.progress))
        for row, p in enumerate(view.progress):
            for column, text in enumerate((p.month, "" if p.percent is None else str(p.percent), p.note)):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, p.id)
                self.progress.setItem(row, column, item)
        self.links.clear()
        kinds = {"appeal": self.tr("Appeal"), "secretary_project": self.tr("Secretary project")}
        for link in view.links:
            state = self.tr("solved") if link.solved else self.tr("not solved yet")
            entry = QListWidgetItem(f"{kinds[link.kind]}：{link.label}（{state}）")
            entry.setData(ID_ROLE, link.id)
            self.links.addItem(entry)

    def _on_changed(self, kind: str) -> None:
        if kind in WATCHED:
            self.refresh()

    # --- writing ----------------------------------------------------------------------

    def _perform(self, text: str, action: Callable[[], object]) -> bool:
        view = self.selected()
        if view is None:
            return False
        try:
            self.controller.perform(text.format(title=view.title), KIND, action)
        except ValidationError as exc:
            self.error.setText("\n".join(
                f"{labels.field_label(KIND, e.field)}：{labels.error_text(KIND, e.code, e.params)}"
                if e.field in ("work", "beneficiaries", "funds_fen", "month", "percent", "note")
                else labels.error_text(KIND, e.code, e.params) for e in exc.errors))
            return False
        except DomainError as exc:
            self.error.setText(labels.error_text(KIND, exc.code, exc.params))
            return False
        self.error.setText("")
        return True

    def save_part(self) -> bool:
        view = self.selected()
        if view is None:
            return False
        values = {"work": self.work.toPlainText(), "beneficiaries": self.beneficiaries.text(),
                  "funds_fen": self.funds.text()}
        return self._perform(self.tr("Edit the community's part of {title}"),
                             lambda: self.service.save_part(view.project_id, values))

    def add_progress(self) -> bool:
        view = self.selected()
        if view is None:
            return False
        values = {"month": self.month.text(), "percent": self.percent.text(), "note": self.note.text()}
        if self._perform(self.tr("Record the progress of {title}"),
                         lambda: self.service.add_progress(view.project_id, values)):
            for box in (self.month, self.percent, self.note):
                box.clear()
            return True
        return False

    def remove_progress(self) -> bool:
        item = self.progress.item(self.progress.currentRow(), 0)
        if item is None:
            return False
        progress_id = str(item.data(ID_ROLE))
        return self._perform(self.tr("Delete a month's progress of {title}"),
                             lambda: self.service.remove_progress(progress_id))

    def link(self, kind: str) -> bool:
        view = self.selected()
        combo = self.appeal_choice if kind == "appeal" else self.project_choice
        record_id = combo.currentData()
        if view is None or not record_id:
            return False
        target = {"appeal_id": record_id} if kind == "appeal" else {"secretary_project_id": record_id}
        return self._perform(self.tr("Link to {title}"),
                             lambda: self.service.link(view.project_id, **target))

    def unlink(self) -> bool:
        item = self.links.currentItem()
        if item is None:
            return False
        link_id = str(item.data(ID_ROLE))
        return self._perform(self.tr("Remove a link of {title}"), lambda: self.service.unlink(link_id))
