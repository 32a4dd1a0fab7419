"""通知公告: the notices the district and city offices sent, newest first, with 已读 kept on this computer.

Opening a notice shows it and marks it read; the home view counts those not read yet.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.db.database import Database
from app.services.notices import NoticeItem, NoticeService
from app.ui import labels
from app.ui.controllers.records import RecordController
from app.ui.ledgers.notices_words import KIND

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def target_text(item: NoticeItem) -> str:
    return labels.choice_label(item.target, KIND).format(district=item.target_district,
                                                          street=item.target_street)


def notice_line(item: NoticeItem) -> str:
    """One line of a list of notices: read or not, the date, the title and who sent it."""
    mark = "" if item.read else QCoreApplication.translate("NoticesPage", "[Unread] ")
    return f"{mark}{item.published_at:%Y-%m-%d}  {item.title}  —  {item.publisher}"


class NoticesPage(QWidget):
    # The notices were read from the database and shown.
    filled = Signal()

    def __init__(self, controller: RecordController, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_notices")
        self.controller = controller
        self.service = NoticeService(db)
        self.items: dict[str, NoticeItem] = {}
        self._wanted: str | None = None

        heading = QLabel(self.tr("Notices"), self)
        font = heading.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        heading.setFont(font)
        self.unread = QLabel(self)
        self.unread.setObjectName("unread")
        self.all_read = QPushButton(self.tr("Mark all as read"), self)
        self.all_read.setObjectName("mark_all_read")
        self.all_read.clicked.connect(self._mark_all_read)
        self.list = QListWidget(self)
        self.list.setObjectName("notices")
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda current, _previous: self._show(current))
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("notice_detail")
        self.detail.setOpenLinks(False)
        self.empty = self.tr("No notices yet. Notices from the district and city offices arrive "
                             "with each sync.")

        head = QHBoxLayout()
        head.addWidget(heading)
        head.addWidget(self.unread)
        head.addStretch(1)
        head.addWidget(self.all_read)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.list)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        controller.changed.connect(self._changed)
        self.refresh()

    def _changed(self, kind: str) -> None:
        if kind != KIND:
            self.refresh()

    def refresh(self) -> None:
        self.controller.runner.op(lambda _task: self.service.notices()).on_success(self._fill) \
            .in_parent(self).run()

    def open_record(self, record_id: str) -> None:
        """Show one notice (the home view's list was clicked)."""
        self._wanted = record_id
        self._select(record_id)

    def _fill(self, notices: list[NoticeItem]) -> None:
        current = self.list.currentItem()
        keep = self._wanted or (current.data(ID_ROLE) if current is not None else None)
        self.items = {n.id: n for n in notices}
        self.list.blockSignals(True)
        self.list.clear()
        for n in notices:
            row = QListWidgetItem(notice_line(n), self.list)
            row.setData(ID_ROLE, n.id)
            if not n.read:
                bold = QFont(row.font())
                bold.setBold(True)
                row.setFont(bold)
        self.list.blockSignals(False)
        unread = sum(1 for n in notices if not n.read)
        self.unread.setText(self.tr("%n unread", "", unread))
        self.all_read.setEnabled(unread > 0)
        if not notices:
            self.detail.setPlainText(self.empty)
        elif keep is None or not self._select(str(keep)):
            self.detail.setPlainText(self.tr("Choose a notice to read it."))
        self.filled.emit()

    def _select(self, record_id: str) -> bool:
        for i in range(self.list.count()):
            row = self.list.item(i)
            if row.data(ID_ROLE) == record_id:
                self._wanted = None
                if self.list.currentItem() is row:
                    self._show(row)
                else:
                    self.list.setCurrentItem(row)  # shows it
                return True
        return False

    def _show(self, row: QListWidgetItem | None) -> None:
        if row is None:
            return
        item = self.items.get(str(row.data(ID_ROLE)))
        if item is None:
            return
        lines = [item.title, "",
                 f"{labels.field_label(KIND, 'publisher')}: {item.publisher}",
                 f"{labels.field_label(KIND, 'published_at')}: {item.published_at:%Y-%m-%d %H:%M}",
                 f"{labels.field_label(KIND, 'target')}: {target_text(item)}"]
        if item.attachment_name:
            lines.append(f"{labels.field_label(KIND, 'attachment_name')}: {item.attachment_name}")
        self.detail.setPlainText("\n".join([*lines, "", item.body]))
        if not item.read:
            self._mark([item.id])

    def _mark(self, ids: list[str]) -> None:
        def done(_count: int) -> None:
            self.controller.changed.emit(KIND)
            self.refresh()

        self.controller.runner.op(lambda _task: self.service.mark_read(ids)).on_success(done) \
            .in_parent(self).run()

    def _mark_all_read(self) -> None:
        self._mark([n.id for n in self.items.values() if not n.read])
