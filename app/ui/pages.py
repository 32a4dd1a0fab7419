"""What a page of the main window may offer the window's menus and shortcuts.

A page says what it can do by having these methods; the window asks with ``isinstance`` and
calls them, and finds nothing else on a page by name.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class EditsRecords(Protocol):
    """New (Ctrl+N), edit (F2, Enter) and delete (Del) act on the page's current record."""

    def add_record(self) -> None: ...

    def edit_current(self) -> None: ...

    def delete_current(self) -> None: ...


@runtime_checkable
class Searchable(Protocol):
    """Ctrl+F puts the cursor into the page's search box."""

    def focus_search(self) -> None: ...


@runtime_checkable
class ShowsPersonalData(Protocol):
    """The page shows ID numbers or phones: masked, or in full when the user asks."""

    def set_show_sensitive(self, show: bool) -> None: ...


@runtime_checkable
class OpensRecords(Protocol):
    """The page can bring one of its records into view (a to-do item was clicked)."""

    def open_record(self, record_id: str) -> object: ...


@runtime_checkable
class SyncPart(Protocol):
    """What the window and the home view use of the sync controller, once sync is installed."""

    def review_conflicts(self) -> None: ...

    def check_clock(self) -> None: ...
