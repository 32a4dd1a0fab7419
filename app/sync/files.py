"""Package files: their name ending, and reading one no larger than a limit."""

from __future__ import annotations

from pathlib import Path

# The file name ending of a sync package.
FILE_SUFFIX = ".clsync"


def read_limited(path: Path, limit: int) -> bytes:
    """The file's bytes; a file over ``limit`` is reported by size without being read."""
    from app.sync.errors import SyncError

    size = path.stat().st_size
    if size > limit:
        raise SyncError("too_large", limit_mb=limit // (1024 * 1024))
    return path.read_bytes()
