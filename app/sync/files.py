"""Writing package files safely: a temporary file beside the target, flushed, then renamed."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

# The file name ending of a sync package.
FILE_SUFFIX = ".clsync"


def atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.partial")
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_limited(path: Path, limit: int) -> bytes:
    """The file's bytes; a file over ``limit`` is reported by size without being read."""
    from app.sync.errors import SyncError

    size = path.stat().st_size
    if size > limit:
        raise SyncError("too_large", limit_mb=limit // (1024 * 1024))
    return path.read_bytes()
