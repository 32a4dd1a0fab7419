"""The main window: navigation tree on the left, the open page on the right."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app import __version__
from app.settings import Settings
from app.ui import labels
from app.ui.dialogs.help import HelpDialog
from app.ui.dialogs.settings import SettingsDialog
from app.ui.pages import EditsRecords, Searchable, ShowsPersonalData, SyncPart
from app.ui.screen import fit_to_screen
from app.ui.tr import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from app.ui.controllers.records import RecordController

PAGE_ROLE = Qt.ItemDataRole.UserRole + 10
# The kind announced when records of any kind may have changed.
ALL_KINDS = "*"


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    factory: Callable[[], QWidget]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    pages: tuple[str, ...]


SECTION_TITLES = {
    "overview": QT_TRANSLATE_NOOP("MainWindow", "Community overview"),
    "compounds": QT_TRANSLATE_NOOP("MainWindow", "Compounds and buildings"),
    "party": QT_TRANSLATE_NOOP("MainWindow", "Party organisation and members"),
    "governance": QT_TRANSLATE_NOOP("MainWindow", "Homeowner committees and property"),
    "units": QT_TRANSLATE_NOOP("MainWindow", "Resident units"),
}

REGISTRY_SECTIONS = (
    ("overview", ("overview",)),
    ("compounds", ("compound", "building")),
    ("party", ("party_group", "party_member")),
    ("governance", ("homeowner_committee", "homeowner_committee_member", "property_company",
                    "red_property_branch")),
    ("units", ("resident_unit", "part_time_member")),
)


class MainWindow(QMainWindow):
    """Pages are built the first time they are opened, so start-up stays fast.

    The window can be shown before the database is open (``controller=None``): it paints its
    navigation and a word that the ledger is being opened, and :meth:`attach` brings the records
    in when the database is ready.
    """

    page_opened = Signal(str)
    attached = Signal()

    def __init__(self, controller: RecordController | None, settings: Settings,
                 save_settings: Callable[[Settings], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller: RecordController | None = None
        self.settings = settings
        self._save_settings = save_settings
        self.pages: dict[str, Page] = {}
        self.widgets: dict[str, QWidget] = {}
        self.sections: list[Section] = []
        self.home = "overview"
        # Set by whoever provides printing: called with the open page on Ctrl+P.
        self.print_handler: Callable[[QWidget | None], None] | None = None
        # The sync controller, when sync is installed.
        self.sync: SyncPart | None = None
        self._counting = 0

        self.setWindowTitle(self.tr("Community Ledger"))
        fit_to_screen(self, 1280, 800)

        self.nav = QTreeWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setHeaderHidden(True)
        self.nav.setMinimumWidth(200)
        self.nav.currentItemChanged.connect(self._on_nav)
        self.stack = QStackedWidget(self)
        self.opening = QLabel(self.tr("Opening the ledger…"), self.stack)
        self.opening.setObjectName("opening")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.opening)
        splitter = QSplitter(self)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 1050])
        self.setCentralWidget(splitter)

        self.community_label = QLabel(self)
        self.counts_label = QLabel(self)
        self.sync_label = QLabel(self)
        self.statusBar().addWidget(self.community_label)
        self.statusBar().addWidget(self.counts_label, 1)
        self.statusBar().addPermanentWidget(self.sync_label)

        self.add_page(Page("overview", "", self._overview_factory))
        for kind in ("compound", "building", "party_group", "party_member", "homeowner_committee",
                     "homeowner_committee_member", "property_company", "red_property_branch",
                     "resident_unit", "part_time_member"):
            self.add_page(Page(kind, labels.kind_title(kind), self._list_factory(kind)))
        for key, pages in REGISTRY_SECTIONS:
            title = QCoreApplication.translate("MainWindow", SECTION_TITLES[key])
            self.add_section(Section(key, title, pages))
        self.nav.setEnabled(False)
        self._make_actions()
        if controller is not None:
            self.attach(controller)

    @property
    def controller(self) -> RecordController:
        """The records' controller; there is one once :meth:`attach` was called."""
        if self._controller is None:
            raise RuntimeError("the main window has no database yet")
        return self._controller

    @property
    def is_attached(self) -> bool:
        return self._controller is not None

    def attach(self, controller: RecordController) -> None:
        """The database is open: show its community, make the record actions work, open the home."""
        self._controller = controller
        community = controller.service.community()
        title = self.tr("Community Ledger — {name} (demo)") if community.demo \
            else self.tr("Community Ledger — {name}")
        self.setWindowTitle(title.format(name=community.name))
        self.community_label.setText(f"{community.name}（{community.street}）")
        self._make_record_actions(controller)
        controller.changed.connect(lambda _k: self.update_counts())
        controller.failed.connect(lambda text: QMessageBox.warning(self, self.windowTitle(), text))
        self.nav.setEnabled(True)
        self.update_counts()
        self.open_page(self.home)
        self.attached.emit()

    # --- pages ------------------------------------------------------------------

    def _overview_factory(self) -> QWidget:
        from app.ui.views.overview import OverviewPage

        return OverviewPage(self.controller, self)

    def _list_factory(self, kind: str) -> Callable[[], QWidget]:
        def make() -> QWidget:
            from app.ui.views.record_list import RecordListView

            return RecordListView(self.controller, kind, self)

        return make

    def add_page(self, page: Page) -> None:
        self.pages[page.key] = page

    def add_section(self, section: Section, index: int | None = None) -> None:
        """Add a top-level entry to the navigation (at ``index``, or last)."""
        self.sections.append(section)
        item = QTreeWidgetItem([section.title])
        if index is None:
            self.nav.addTopLevelItem(item)
        else:
            self.nav.insertTopLevelItem(index, item)
        item.setData(0, PAGE_ROLE, section.pages[0])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        if len(section.pages) > 1:
            for key in section.pages:
                child = QTreeWidgetItem(item, [self.pages[key].title])
                child.setData(0, PAGE_ROLE, key)
        item.setExpanded(True)

    def page_widget(self, key: str) -> QWidget:
        widget = self.widgets.get(key)
        if widget is None:
            widget = self.pages[key].factory()
            widget.setObjectName(f"page_{key}")
            if isinstance(widget, ShowsPersonalData):
                widget.set_show_sensitive(self.settings.show_sensitive)
            self.widgets[key] = widget
            self.stack.addWidget(widget)
        return widget

    def open_page(self, key: str) -> QWidget:
        widget = self.page_widget(key)
        self.stack.setCurrentWidget(widget)
        item = self._nav_item(key)
        if item is not None and self.nav.currentItem() is not item:
            self.nav.blockSignals(True)
            self.nav.setCurrentItem(item)
            self.nav.blockSignals(False)
        self.page_opened.emit(key)
        return widget

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _nav_item(self, key: str) -> QTreeWidgetItem | None:
        candidates: list[QTreeWidgetItem] = []
        for i in range(self.nav.topLevelItemCount()):
            top = self.nav.topLevelItem(i)
            if top is None:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None and child.data(0, PAGE_ROLE) == key:
                    return child
            if top.data(0, PAGE_ROLE) == key:
                candidates.append(top)
        return candidates[0] if candidates else None

    def _on_nav(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.open_page(item.data(0, PAGE_ROLE))

    # --- actions ------------------------------------------------------------------

    def _make_actions(self) -> None:
        menu_file = self.menuBar().addMenu(self.tr("&File"))
        menu_edit = self.menuBar().addMenu(self.tr("&Edit"))
        menu_view = self.menuBar().addMenu(self.tr("&View"))
        self.menu_sync = self.menuBar().addMenu(self.tr("&Sync"))
        self.menu_sync.menuAction().setVisible(False)
        menu_help = self.menuBar().addMenu(self.tr("&Help"))
        self.menu_file = menu_file

        keys = QKeySequence.StandardKey
        self.action_new = self._action(self.tr("&New record"), keys.New, self.new_record)
        self.action_print = self._action(self.tr("&Print…"), keys.Print, self.print_current)
        self.action_settings = self._action(self.tr("&Settings…"), None, self.open_settings)
        self.action_quit = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.action_quit.setShortcut(QKeySequence("Ctrl+Q"))
        menu_file.addActions([self.action_new, self.action_print])
        menu_file.addSeparator()
        self.file_extra_anchor = menu_file.addSeparator()
        menu_file.addAction(self.action_settings)
        menu_file.addSeparator()
        menu_file.addAction(self.action_quit)

        self.menu_edit = menu_edit
        self.action_edit = self._action(self.tr("&Edit record"), None, self.edit_record)
        self.action_edit.setShortcuts([QKeySequence(Qt.Key.Key_F2), QKeySequence(Qt.Key.Key_Return)])
        self.action_delete = self._action(self.tr("&Delete record"), QKeySequence.StandardKey.Delete,
                                          self.delete_record)
        self.action_find = self._action(self.tr("&Find"), QKeySequence.StandardKey.Find, self.focus_search)
        self.edit_anchor = menu_edit.addSeparator()
        menu_edit.addActions([self.action_edit, self.action_delete, self.action_find])
        self.record_actions = [self.action_new, self.action_print, self.action_edit, self.action_delete,
                               self.action_find]
        for action in self.record_actions:
            action.setEnabled(False)

        self.action_sensitive = self._action(self.tr("Show full ID and phone numbers"), None,
                                             self.set_show_sensitive)
        self.action_sensitive.setCheckable(True)
        self.action_sensitive.setChecked(self.settings.show_sensitive)
        menu_view.addAction(self.action_sensitive)

        self.action_help = self._action(self.tr("&Help"), keys.HelpContents, self.show_help)
        self.action_about = self._action(self.tr("&About"), None, self.show_about)
        menu_help.addActions([self.action_help, self.action_about])

    def _make_record_actions(self, controller: RecordController) -> None:
        """Undo and redo of the controller's steps; the record actions work from now on."""
        stack = controller.undo_stack
        self.action_undo = stack.createUndoAction(self, self.tr("&Undo"))
        self.action_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.action_redo = stack.createRedoAction(self, self.tr("&Redo"))
        # Ctrl+Y first, so the 编辑 menu shows the shortcut office software (and the help) uses.
        redo = [QKeySequence("Ctrl+Y"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        self.action_redo.setShortcuts(list(dict.fromkeys(redo, None)))
        self.menu_edit.insertActions(self.edit_anchor, [self.action_undo, self.action_redo])
        for action in (self.action_undo, self.action_redo):
            self.addAction(action)
        for action in self.record_actions:
            action.setEnabled(True)

    def _action(self, text: str, shortcut: QKeySequence.StandardKey | None,
                slot: Callable[..., object]) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _target(self, offer: type) -> QWidget | None:
        """What on the open page offers ``offer`` (:class:`EditsRecords`, :class:`Searchable`).

        The page itself if it does; otherwise the list inside it that holds the focus,
        or the first visible one (a ledger page with tabs or a list above details).
        """
        from app.ui.views.record_list import RecordListView

        page = self.current_page()
        if page is None:
            return None
        if isinstance(page, offer):
            return page
        lists = [w for w in page.findChildren(RecordListView) if w.isVisible() and isinstance(w, offer)]
        focus = QApplication.focusWidget()
        for candidate in lists:
            if focus is not None and candidate.isAncestorOf(focus):
                return candidate
        return lists[0] if lists else None

    def new_record(self) -> None:
        target = self._target(EditsRecords) or self.open_page("party_member")
        if isinstance(target, EditsRecords):
            target.add_record()

    def edit_record(self) -> None:
        from app.ui.views.overview import OverviewPage

        page = self.current_page()
        if isinstance(page, OverviewPage):
            page.edit_community()
            return
        target = self._target(EditsRecords)
        if isinstance(target, EditsRecords):
            target.edit_current()

    def delete_record(self) -> None:
        """Del deletes the current record only while a list of records has the focus (in a text
        box it deletes characters)."""
        target = self._target(EditsRecords)
        focus = QApplication.focusWidget()
        if (isinstance(target, EditsRecords) and isinstance(focus, QAbstractItemView)
                and target.isAncestorOf(focus)):
            target.delete_current()

    def focus_search(self) -> None:
        target = self._target(Searchable) or self.open_page("party_member")
        if isinstance(target, Searchable):
            target.focus_search()

    def print_current(self) -> None:
        if self.print_handler is not None:
            self.print_handler(self.current_page())

    def set_show_sensitive(self, show: bool) -> None:
        self.settings.show_sensitive = bool(show)
        self._save_settings(self.settings)
        for widget in self.widgets.values():
            if isinstance(widget, ShowsPersonalData):
                widget.set_show_sensitive(self.settings.show_sensitive)

    def save_settings(self) -> None:
        self._save_settings(self.settings)

    def open_settings(self) -> None:
        community = ""
        if self.is_attached:
            details = self.controller.service.community()
            community = f"{details.name}（{details.code}）"
        dialog = SettingsDialog(self.settings, self, community=community,
                                edit_community=self._edit_community if self.is_attached else None)
        if dialog.exec():
            changed = dialog.language() != self.settings.language
            self.settings.language = dialog.language()
            dialog.apply(self.settings)
            self._save_settings(self.settings)
            if changed:
                QMessageBox.information(self, self.tr("Settings"),
                                        self.tr("The new language takes effect when the app is restarted."))

    def _edit_community(self) -> None:
        from app.ui.views.overview import OverviewPage

        page = self.open_page("overview")
        if isinstance(page, OverviewPage):
            page.edit_community()

    def show_help(self) -> None:
        HelpDialog(self).exec()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Community Ledger"), self.tr(
            "Community Ledger {version}\nLedgers of community Party-building work, kept on this PC "
            "and exchanged with the city server.").format(version=__version__))

    # --- status bar ---------------------------------------------------------------

    def update_counts(self) -> None:
        """Count the records again on the runner; the status bar shows the newest count."""
        controller = self.controller
        self._counting += 1
        generation = self._counting

        def show(counts: dict[str, int]) -> None:
            if generation != self._counting:
                return
            parts = [self.tr("Compounds {n}").format(n=counts.get("compound", 0)),
                     self.tr("Buildings {n}").format(n=counts.get("building", 0)),
                     self.tr("Party groups {n}").format(n=counts.get("party_group", 0)),
                     self.tr("Members {n}").format(n=counts.get("party_member", 0))]
            self.counts_label.setText("  ·  ".join(parts))

        controller.runner.op(lambda _task: controller.service.counts()).on_success(show).in_parent(self).run()

    def set_sync_status(self, text: str) -> None:
        self.sync_label.setText(text)

    def set_sync_tooltip(self, text: str) -> None:
        self.sync_label.setToolTip(text)

    def add_file_actions(self, actions: list[QAction]) -> None:
        """Put actions in the File menu, above Settings."""
        self.menu_file.insertActions(self.file_extra_anchor, actions)

    def add_sync_actions(self, actions: list[QAction]) -> None:
        """Fill the Sync menu (shown once it has something in it)."""
        self.menu_sync.addActions(actions)
        self.menu_sync.menuAction().setVisible(bool(actions))

    def refresh_all(self) -> None:
        """Records changed behind the pages' backs (a sync package arrived): re-read everything."""
        self.controller.changed.emit(ALL_KINDS)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
