"""Where packages go: removable drives first, then the user's own folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QStorageInfo

_REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


def _is_removable(volume: QStorageInfo) -> bool:
    root = volume.rootPath()
    if sys.platform == "win32":
        system = os.environ.get("SYSTEMDRIVE", "C:").upper()
        return not root.upper().startswith(system) and bytes(volume.fileSystemType()).upper() in (
            b"FAT32", b"EXFAT", b"FAT", b"NTFS")
    return root.startswith(_REMOVABLE_ROOTS)


def removable_drives() -> list[Path]:
    """Mounted, writable removable drives (USB sticks), by name."""
    found = []
    for volume in QStorageInfo.mountedVolumes():
        if volume.isValid() and volume.isReady() and not volume.isReadOnly() and _is_removable(volume):
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
