"""A printed PDF gets the user's usual file permissions, not a temporary file's private ones."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.printing.base import write_atomically


def test_written_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "签到表.pdf"
        write_atomically(target, lambda tmp: tmp.write_bytes(b"%PDF-1.4\n"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_bytes() == b"%PDF-1.4\n"
    assert [p.name for p in tmp_path.iterdir()] == ["签到表.pdf"]


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "台账.pdf"

    def fail(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise RuntimeError("layout failed")

    with pytest.raises(RuntimeError):
        write_atomically(target, fail)
    assert list(tmp_path.iterdir()) == []
