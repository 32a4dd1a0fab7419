"""A printed PDF gets the user's usual file permissions, not a temporary file's private ones."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.atomic import PART_SUFFIX, atomic_copy, atomic_write, part_name, remove_leftovers


def test_written_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "签到表.pdf"
        atomic_write(target, write=lambda tmp: tmp.write_bytes(b"%PDF-1.4\n"))
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
        atomic_write(target, write=fail)
    assert list(tmp_path.iterdir()) == []


def test_a_private_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "keys.json"
    atomic_write(target, b"{}", private=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_bytes(b"old")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_a_copy_that_fails_its_check_leaves_the_target_alone(tmp_path: Path) -> None:
    source, target = tmp_path / "photo.jpg", tmp_path / "stored"
    source.write_bytes(b"changing")
    target.write_bytes(b"kept")

    def refuse(_copy: Path) -> None:
        raise ValueError("changed while copying")

    with pytest.raises(ValueError):
        atomic_copy(source, target, check=refuse)
    assert target.read_bytes() == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photo.jpg", "stored"]


def test_leftovers_of_a_killed_write_are_removed_and_fresh_ones_kept(tmp_path: Path) -> None:
    target = tmp_path / "book.pdf"
    old, fresh = part_name(target), part_name(target)
    old.write_bytes(b"")
    fresh.write_bytes(b"")
    os.utime(old, (0, 0))
    (tmp_path / "notes.part").write_bytes(b"someone else's")  # not one of ours: no leading dot
    assert old.name.startswith(".book.pdf.") and old.name.endswith(PART_SUFFIX)
    assert remove_leftovers(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, "notes.part"])
