"""Whether a folder may hold the ledger database: SQLite cannot keep one on a network share.

SQLite's locks, and the shared memory of its WAL journal, work only between programs of one
computer on its own disks: on a shared folder (\\\\server\\share, a mapped drive Z:) a lock may
not hold and the file can be damaged.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import PureWindowsPath

# GetDriveTypeW's answers for a drive that can be taken out (USB sticks, memory cards) and for a
# network drive.
DRIVE_REMOVABLE = 2
DRIVE_REMOTE = 4


def windows_drive_type(root: str) -> int:
    """What Windows says the drive of ``root`` is (E:/, E:\\ or \\\\server\\share\\)."""
    if sys.platform == "win32":
        import ctypes

        # Qt names roots "E:/"; the call wants "E:\\", with its trailing backslash.
        native = root.replace("/", "\\").rstrip("\\") + "\\"
        return int(ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(native)))
    raise OSError("drive types are a Windows notion")


def on_network_drive(folder: str, platform: str = sys.platform,
                     drive_type: Callable[[str], int] = windows_drive_type) -> bool:
    """Whether ``folder`` is on a shared folder of another computer (told on Windows only)."""
    if platform != "win32":
        return False
    path = PureWindowsPath(folder)
    if path.drive.startswith("\\\\"):  # \\server\share: a network path whatever it is mapped to
        return True
    if not path.drive:
        return False
    try:
        return drive_type(path.drive) == DRIVE_REMOTE
    except OSError:
        return False
