"""The sync screens: export and import of packages, the import report, conflicts, history."""

from app.ui.sync.controller import SyncController

__all__ = ["SyncController"]
