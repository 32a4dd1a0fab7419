"""Files and folders this process may not use, as on the secretaries' Windows PCs where a PDF open in
a reader cannot be replaced and a file another program holds locked cannot be read.

Made with ordinary permissions (a folder without write permission, a file without read permission),
so no test depends on a system folder such as /sys or /proc. Root passes permission checks through
the capabilities CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so while a test runs as root those two
are taken out of the calling thread's effective set (they stay permitted and are put back after).
"""

from __future__ import annotations

import ctypes
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_CAPABILITY_VERSION_3 = 0x20080522
_DAC_BITS = (1 << 1) | (1 << 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def _capabilities(call: str, data: ctypes.Array[_CapData]) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    header = _CapHeader(_CAPABILITY_VERSION_3, 0)  # pid 0: the calling thread
    if getattr(libc, call)(ctypes.byref(header), data) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{call}: {os.strerror(errno)}")


@contextmanager
def permissions_enforced() -> Iterator[None]:
    """Inside the block, file permissions apply to this thread even when it runs as root."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        yield
        return
    saved = (_CapData * 2)()
    _capabilities("capget", saved)
    reduced = (_CapData * 2)()
    ctypes.memmove(reduced, saved, ctypes.sizeof(saved))
    reduced[0].effective &= ~_DAC_BITS
    _capabilities("capset", reduced)
    try:
        yield
    finally:
        _capabilities("capset", saved)


@contextmanager
def unwritable_folder(parent: Path, name: str = "只读") -> Iterator[Path]:
    """A folder in which no file can be created or replaced (PermissionError)."""
    folder = parent / name
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with permissions_enforced():
            yield folder
    finally:
        folder.chmod(stat.S_IRWXU)


@contextmanager
def unreadable_file(parent: Path, name: str = "锁定.jpg") -> Iterator[Path]:
    """An existing file that cannot be opened for reading (PermissionError)."""
    path = parent / name
    path.write_bytes(b"\xff\xd8\xff" + bytes(1000))
    path.chmod(0)
    try:
        with permissions_enforced():
            yield path
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
