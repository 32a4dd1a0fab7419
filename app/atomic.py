"""Writing a file whole or not at all: the one way every file of the app is written.

The content goes to a temporary file with a name of its own beside the target, is flushed to the
disk, and replaces the target in one rename; the folder is flushed too where the system allows
(not on Windows), so the rename itself survives a power cut.  On any failure the temporary file is
removed and the target is left as it was.  A temporary file left by a process that was killed is
recognised by its name and removed by :func:`remove_leftovers`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Temporary files are named ``.<target name>.<random>.part``.
PART_SUFFIX = ".part"


def part_name(path: Path) -> Path:
    """A fresh temporary name beside ``path``."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{PART_SUFFIX}")


def _fresh_part(path: Path, private: bool) -> Path:
    """A new empty temporary file beside ``path``: private to the user, or with the usual
    permissions (the umask's)."""
    mode = 0o600 if private else 0o666
    for _ in range(100):
        tmp = part_name(path)
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(f"no free temporary name beside {path}")


def ensure_private(path: Path, tighten: bool = True) -> None:
    """Make the file at ``path`` readable and writable by its owner only (creating it empty when
    it does not exist), with the -wal and -shm files SQLite keeps beside a database; an existing
    file keeps its mode unless ``tighten``.

    On Linux and macOS that is mode 0600; SQLite gives the -wal and -shm files it creates the
    database file's mode.  On Windows a file under the user's profile is private to the user
    already, and the mode bits mean nothing there.
    """
    path = Path(path)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    if sys.platform == "win32" or not tighten:
        return
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            info = file.stat()
            if info.st_mode & 0o077 and info.st_uid == os.getuid():
                os.chmod(file, info.st_mode & 0o700)


def fsync_file(path: Path) -> None:
    # Opened for writing: Windows flushes a file only through a handle that may write to it.
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename into it) to the disk; Windows has no such call."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, data: bytes | None = None, *, write: Callable[[Path], object] | None = None,
                 private: bool = False) -> None:
    """Put ``data`` (or what ``write(temporary_path)`` writes) at ``path``, whole or not at all.

    ``private`` makes the file readable by its owner only (ID numbers, keys); otherwise it gets the
    user's usual permissions.
    """
    if (data is None) == (write is None):
        raise TypeError("give either data or write")
    path = Path(path)
    remove_stale_parts(path)
    tmp = _fresh_part(path, private)
    # Held while the write is under way, so another attempt can tell this part from a stale one.
    held = _hold(tmp)
    try:
        if data is not None:
            with tmp.open("wb") as fh:
                fh.write(data)
        else:
            assert write is not None
            write(tmp)
        fsync_file(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        _release(held)
    fsync_folder(path.parent)


def atomic_copy(source: Path, target: Path, *, check: Callable[[Path], object] | None = None,
                private: bool = False) -> None:
    """Copy ``source`` to ``target`` whole or not at all; ``check(copy)`` may refuse the copy by
    raising before it takes the target's place."""
    import shutil

    def copy(tmp: Path) -> None:
        shutil.copyfile(source, tmp)
        if check is not None:
            check(tmp)

    atomic_write(target, write=copy, private=private)


def _hold(path: Path) -> int | None:
    """A lock on ``path`` that lasts until :func:`_release` (or until the process ends, however)."""
    if sys.platform == "win32":
        return None
    import fcntl

    fd = os.open(path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _release(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)


def _abandoned(part: Path) -> bool:
    """Whether no process is writing ``part`` any more: nobody holds its lock (on Windows, where
    there is none, when it is an hour old)."""
    if sys.platform == "win32":
        return time.time() - part.stat().st_mtime >= 3600
    import fcntl

    fd = os.open(part, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def remove_stale_parts(path: Path) -> int:
    """Remove the temporary files earlier writes of ``path`` left when they were killed (an
    export, a print); those of a write still under way are kept."""
    prefix, removed = f".{path.name}.", 0
    with contextlib.suppress(OSError):
        for entry in path.parent.iterdir():
            name = entry.name
            middle = name[len(prefix):-len(PART_SUFFIX)]
            if not (name.startswith(prefix) and name.endswith(PART_SUFFIX) and len(middle) == 8
                    and all(c in "0123456789abcdef" for c in middle)):
                continue
            with contextlib.suppress(OSError):
                if _abandoned(entry):
                    entry.unlink()
                    removed += 1
    return removed


def remove_leftovers(folder: Path, older_than_s: float = 3600.0) -> int:
    """Remove temporary files of writes that never finished (a killed process) from ``folder``;
    ones younger than ``older_than_s`` may belong to a write under way and are kept."""
    removed = 0
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in Path(folder).iterdir():
            name = entry.name
            if not (name.startswith(".") and name.endswith(PART_SUFFIX)):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file() and now - entry.stat().st_mtime >= older_than_s:
                    entry.unlink()
                    removed += 1
    return removed
