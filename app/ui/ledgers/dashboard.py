"""工作台: the home view — the year's figures in the shape the case reports, charts and the to-do list.

The figures are counted on the background runner, so the window paints at once and they fill in
when counted; QtCharts is loaded then too, when the chart is first drawn.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.db.database import Database
from app.services.dashboard import DashboardCounts, DashboardService, TodoItem
from app.services.notices import NoticeItem, NoticeService
from app.ui import labels
from app.ui.controllers.records import RecordController
from app.ui.ledgers.approval import MonthApprovalBox
from app.ui.ledgers.notices import notice_line
from app.ui.models.record_table_model import format_fen

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart, QChartView

REF_ROLE = Qt.ItemDataRole.UserRole + 1
# The newest notices the home view lists.
NOTICES_SHOWN = 5


# Figures side by side on a wide page.
CARD_COLUMNS = 7


def integer_axis(largest: int, most_ticks: int = 6) -> tuple[int, int]:
    """The top of a count axis and its number of ticks, each tick a whole number: 0 and 1 for an
    empty chart (not 0, 0, 0, 0, 1), 0 to 3 by ones, 0 to 10 by twos for a largest value of 7."""
    intervals = max(1, min(largest, most_ticks - 1))
    step = -(-max(largest, 1) // intervals)
    return step * intervals, intervals + 1


class DashboardPage(QWidget):
    """``open_requested(kind, id)`` asks the main window to open a record from the to-do list."""

    open_requested = Signal(str, str)
    # The figures were counted and shown (the first time, and after every refresh).
    filled = Signal()

    def __init__(self, controller: RecordController, db: Database, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = DashboardService(db)
        self.notice_service = NoticeService(db)
        self._today = today

        self.heading = QLabel(self.tr("Dashboard"), self)
        font = self.heading.font()
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        self.heading.setFont(font)
        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today().year)
        self.year.setSuffix(self.tr(" (year)"))
        self.year.valueChanged.connect(lambda _v: self.refresh())

        self.cards = QGroupBox(self.tr("This year's work"), self)
        self.grid = QGridLayout(self.cards)
        self.values: dict[str, QLabel] = {}
        self._boxes: list[tuple[QFrame, QLabel, QLabel]] = []  # a figure's box, number, caption
        self._columns = 0

        # The chart is made when the first figures arrive (QtCharts loads then, not at start).
        self.chart: QChart | None = None
        self.chart_view: QChartView | None = None
        self.chart_box = QWidget(self)
        self.chart_box.setMinimumHeight(240)
        self._chart_layout = QVBoxLayout(self.chart_box)
        self._chart_layout.setContentsMargins(0, 0, 0, 0)
        self._generation = 0
        self.has_figures = False

        todo_box = QGroupBox(self.tr("To do"), self)
        self.todo = QListWidget(todo_box)
        self.todo.setObjectName("todo")
        self.todo.setWordWrap(True)
        self.todo.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.todo.itemActivated.connect(self._open_item)
        self.todo.itemClicked.connect(self._open_item)
        todo_layout = QVBoxLayout(todo_box)
        todo_layout.addWidget(self.todo)

        notices_box = QGroupBox(self.tr("Notices"), self)
        self.unread_notices = QLabel(notices_box)
        self.unread_notices.setObjectName("unread_notices")
        self.notices = QListWidget(notices_box)
        self.notices.setObjectName("notices")
        self.notices.setWordWrap(True)
        self.notices.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notices.itemActivated.connect(self._open_item)
        self.notices.itemClicked.connect(self._open_item)
        notices_layout = QVBoxLayout(notices_box)
        notices_layout.addWidget(self.unread_notices)
        notices_layout.addWidget(self.notices)
        self.approval = MonthApprovalBox(controller, db, self, today)
        side = QVBoxLayout()
        side.addWidget(todo_box, 3)
        side.addWidget(self.approval, 2)
        side.addWidget(notices_box, 2)

        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.year)
        lower = QHBoxLayout()
        lower.addWidget(self.chart_box, 3)
        lower.addLayout(side, 2)
        # On a small screen, or a larger one at 150 %, the page scrolls rather than clip its figures.
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addLayout(head)
        layout.addWidget(self.cards)
        layout.addLayout(lower, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        controller.changed.connect(lambda _kind: self.refresh())
        self.refresh()

    @property
    def card_columns(self) -> int:
        """How many figures stand side by side: as many as fit the page's width, seven at most."""
        return self._columns

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_cards()

    def _place_cards(self) -> None:
        if not self._boxes:
            return
        # The widest caption or number on one line, with the box's margins.
        widest = max(max(number.sizeHint().width(), caption.sizeHint().width())
                     for _box, number, caption in self._boxes)
        width = widest + 24 + max(self.grid.horizontalSpacing(), 0)
        room = self.cards.contentsRect().width() or self.width()
        columns = max(2, min(CARD_COLUMNS, room // max(width, 1)))
        if columns == self._columns:
            return
        self._columns = columns
        for box, _number, _caption in self._boxes:
            self.grid.removeWidget(box)
        for i, (box, _number, _caption) in enumerate(self._boxes):
            self.grid.addWidget(box, i // columns, i % columns)

    def today(self) -> date:
        return self._today or date.today()

    def refresh(self) -> None:
        """Count the figures again on the runner; they are shown when they arrive (the newest only)."""
        self._generation += 1
        generation, year, today = self._generation, self.year.value(), self.today()

        def count(_task: object) -> tuple[DashboardCounts, list[TodoItem], list[NoticeItem], int]:
            return (self.service.counts(year, today), self.service.todo(today),
                    self.notice_service.notices(NOTICES_SHOWN), self.notice_service.unread_count())

        def show(result: tuple[DashboardCounts, list[TodoItem], list[NoticeItem], int]) -> None:
            if generation == self._generation:
                counts, todo, notices, unread = result
                self._fill_cards(counts)
                self._fill_chart(counts)
                self._fill_todo(todo)
                self._fill_notices(notices, unread)
                self.has_figures = True
                self.filled.emit()

        self.controller.runner.op(count).on_success(show).in_parent(self).run()
        self.approval.refresh()

    def _fill_cards(self, c: DashboardCounts) -> None:
        rate = "—" if c.satisfaction_rate is None else f"{c.satisfaction_rate * 100:.1f}%"
        cards = [
            ("guaranteed_compounds", self.tr("Compounds under guarantee"), str(c.guaranteed_compounds)),
            ("building_party_groups", self.tr("Building party groups"), str(c.building_party_groups)),
            ("homeowner_committees", self.tr("Homeowner committees"), str(c.homeowner_committees)),
            ("red_property_branches", self.tr("Red property branches"), str(c.red_property_branches)),
            ("projects", self.tr("Secretary projects claimed / done"),
             f"{c.projects_claimed} / {c.projects_done}"),
            ("appeals", self.tr("Appeals received / resolved"),
             f"{c.appeals_received} / {c.appeals_resolved}"),
            ("appeals_overdue", self.tr("Appeals overdue"), str(c.appeals_overdue)),
            ("satisfaction", self.tr("Satisfaction rate"), rate),
            ("workday_cadres", self.tr("Work-day cadres"), str(c.workday_cadres)),
            ("party_lessons", self.tr("Party lessons"), str(c.party_lessons + c.workday_party_lessons)),
            ("pairings", self.tr("Assistance pairings"), str(c.pairings)),
            ("goods", self.tr("Goods donated (yuan)"), format_fen(c.goods_fen)),
            ("training", self.tr("Training attendances"), str(c.training_attendances)),
        ]
        if not self.values:
            for key, caption, _value in cards:
                box = QFrame(self.cards)
                box.setFrameShape(QFrame.Shape.StyledPanel)
                box_layout = QVBoxLayout(box)
                number = QLabel(box)
                number.setObjectName(f"card_{key}")
                number_font = number.font()
                number_font.setPointSize(number_font.pointSize() + 8)
                number_font.setBold(True)
                number.setFont(number_font)
                number.setAlignment(Qt.AlignmentFlag.AlignCenter)
                text = QLabel(caption, box)
                text.setObjectName("caption")
                text.setAlignment(Qt.AlignmentFlag.AlignCenter)
                box_layout.addWidget(number)
                box_layout.addWidget(text)
                self._boxes.append((box, number, text))
                self.values[key] = number
        for key, _caption, value in cards:
            self.values[key].setText(value)
        self._columns = 0
        self._place_cards()
        overdue = self.values["appeals_overdue"]
        overdue.setStyleSheet("color: #c0392b;" if c.appeals_overdue else "")

    def _make_chart(self) -> QChart:
        from PySide6.QtCharts import QChart, QChartView

        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        view = QChartView(chart, self.chart_box)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._chart_layout.addWidget(view)
        self.chart, self.chart_view = chart, view
        return chart

    def _fill_chart(self, c: DashboardCounts) -> None:
        from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QValueAxis

        chart = self.chart or self._make_chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        categories = [self.tr("Appeals"), self.tr("Secretary projects")]
        sets = [
            (self.tr("Received / claimed"), [c.appeals_received, c.projects_claimed], "#2e86c1"),
            (self.tr("Resolved / done"), [c.appeals_resolved, c.projects_done], "#28b463"),
            (self.tr("Overdue"), [c.appeals_overdue, c.projects_overdue], "#cb4335"),
        ]
        series = QBarSeries()
        for name, values, colour in sets:
            bar = QBarSet(name)
            bar.append([float(v) for v in values])
            bar.setBrush(QBrush(QColor(colour)))
            series.append(bar)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(categories)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        top, ticks = integer_axis(max(c.appeals_received, c.projects_claimed))
        axis_y.setRange(0, top)
        axis_y.setTickCount(ticks)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        chart.setTitle(self.tr("Appeals and secretary projects, {year}").format(year=c.year))

    def _fill_todo(self, items: list[TodoItem]) -> None:
        self.todo.clear()
        if not items:
            QListWidgetItem(self.tr("Nothing overdue or due soon."), self.todo)
            return
        for item in items:
            text = self._todo_text(item)
            row = QListWidgetItem(text, self.todo)
            row.setData(REF_ROLE, (item.ref_kind, item.ref_id))
            if item.overdue:
                row.setForeground(QColor("#c0392b"))

    def _fill_notices(self, notices: list[NoticeItem], unread: int) -> None:
        self.unread_notices.setText(self.tr("%n unread notice(s)", "", unread) if unread
                                    else self.tr("No unread notices."))
        self.unread_notices.setStyleSheet("color: #c0392b; font-weight: bold;" if unread else "")
        self.notices.clear()
        if not notices:
            QListWidgetItem(self.tr("No notices yet."), self.notices)
            return
        for n in notices:
            row = QListWidgetItem(notice_line(n), self.notices)
            row.setData(REF_ROLE, ("notice", n.id))
            if not n.read:
                bold = row.font()
                bold.setBold(True)
                row.setFont(bold)

    def _todo_text(self, item: TodoItem) -> str:
        due = item.due.isoformat() if item.due else ""
        if item.kind == "appeal_overdue":
            return self.tr("Appeal overdue (due {due}): {title}").format(due=due, title=item.title)
        if item.kind == "appeal_near_due":
            return self.tr("Appeal due {due}: {title}").format(due=due, title=item.title)
        if item.kind == "milestone_due":
            text = self.tr("Milestone overdue (due {due}): {project} ({secretary}) · {title}") \
                if item.overdue else self.tr("Milestone due {due}: {project} ({secretary}) · {title}")
            return text.format(due=due, project=item.context, secretary=item.owner, title=item.title)
        if item.kind == "sync_conflicts":
            return self.tr("{n} sync conflicts to review: edits made here that lost to newer ones "
                           "from elsewhere").format(n=item.title)
        if item.kind == "meeting_missing":
            return self.tr("No {kind} held this quarter yet").format(kind=labels.choice_label(item.title))
        return item.title

    def _open_item(self, item: QListWidgetItem) -> None:
        ref = item.data(REF_ROLE)
        if ref:
            self.open_requested.emit(ref[0], ref[1])
