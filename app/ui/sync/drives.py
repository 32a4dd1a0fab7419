"""Where packages go: removable drives first, then the user's own folders."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QStorageInfo

from app.db.location import DRIVE_REMOVABLE, windows_drive_type

_REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


def is_removable(root: str, platform: str = sys.platform,
                 drive_type: Callable[[str], int] = windows_drive_type) -> bool:
    """Whether the volume mounted at ``root`` is a drive the secretary can carry away.

    On Windows the system says so (a second hard disk, D:, is not one); elsewhere removable
    drives are mounted under the usual folders.
    """
    if platform == "win32":
        try:
            return drive_type(root) == DRIVE_REMOVABLE
        except OSError:
            return False
    return root.startswith(_REMOVABLE_ROOTS)


def removable_drives() -> list[Path]:
    """Mounted, writable removable drives (USB sticks), by name."""
    found = []
    for volume in QStorageInfo.mountedVolumes():
        usable = volume.isValid() and volume.isReady() and not volume.isReadOnly()
        if usable and is_removable(volume.rootPath()):
            found.append(Path(volume.rootPath()))
    return sorted(found)


def candidate_folders(removable: list[Path] | None = None) -> list[tuple[Path, bool]]:
    """(folder, is removable) pairs: removable drives first, then Documents and Desktop."""
    drives = removable_drives() if removable is None else removable
    result = [(d, True) for d in drives]
    for location in (QStandardPaths.StandardLocation.DocumentsLocation,
                     QStandardPaths.StandardLocation.DesktopLocation):
        path = QStandardPaths.writableLocation(location)
        if path and Path(path).is_dir() and all(Path(path) != p for p, _ in result):
            result.append((Path(path), False))
    return result
