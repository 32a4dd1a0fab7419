"""Opening a meeting's attachment: Windows chooses the program by the file's extension."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from denied import unreadable_file

from app.db.database import Database
from app.services.errors import DomainError
from app.services.meetings import MeetingService, attachment_path, viewable_copy
from app.services.registry import RegistryService

from .conftest import Clock


def test_an_attachment_opens_from_a_copy_named_as_it_was_attached(
        db: Database, registry: RegistryService, clock: Clock, tmp_path: Path) -> None:
    meetings = MeetingService(db, clock)
    mid = meetings.create({"kind": "party_lesson", "topic": "党课",
                           "starts_at": datetime(2025, 9, 26, 14, 30)})
    data, opened = tmp_path / "data", tmp_path / "opened"
    source = tmp_path / "签到表.JPG"
    source.write_bytes(b"\xff\xd8scan of the signed sheet" * 100)
    meetings.attach(mid, source, data, kind="scan")
    view = meetings.attachments(mid)[0]
    assert attachment_path(data, view.sha256).suffix == ""  # stored by its hash alone

    copy = viewable_copy(data, view.sha256, view.file_name, opened)
    assert copy.name == "签到表.JPG" and copy.read_bytes() == source.read_bytes()
    # Opening it again reuses the copy, even while a viewer holds it open.
    assert viewable_copy(data, view.sha256, view.file_name, opened) == copy
    # A name attached on another system, with characters Windows refuses, is made safe.
    odd = viewable_copy(data, view.sha256, "会议 10:30 <现场>.jpg", opened)
    assert odd.name == "会议 10_30 _现场_.jpg" and odd.read_bytes() == source.read_bytes()
    assert sorted(p.name for p in opened.rglob("*") if p.is_file()) == ["会议 10_30 _现场_.jpg", "签到表.JPG"]


def test_a_file_that_cannot_be_read_is_refused_with_a_reason(
        db: Database, registry: RegistryService, clock: Clock, tmp_path: Path) -> None:
    """On Windows a file another program holds locked cannot be read; a file without read
    permission fails the same way."""
    meetings = MeetingService(db, clock)
    mid = meetings.create({"kind": "party_lesson", "topic": "党课",
                           "starts_at": datetime(2025, 9, 26, 14, 30)})
    with unreadable_file(tmp_path) as locked, pytest.raises(DomainError) as exc:
        meetings.attach(mid, locked, tmp_path / "data")
    assert exc.value.code == "attachment_unreadable" and exc.value.params == {"path": str(locked)}
    assert meetings.attachments(mid) == []
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.jpg"))


def test_copies_made_for_opening_are_cleared(tmp_path: Path) -> None:
    from app.services.meetings import clear_viewable_copies, viewable_copies_dir

    assert viewable_copies_dir().name == "community-ledger-attachments"
    folder = tmp_path / "copies"
    (folder / "0123456789abcdef").mkdir(parents=True)
    (folder / "0123456789abcdef" / "会议照片.jpg").write_bytes(b"\xff\xd8\xff")
    clear_viewable_copies(folder)
    assert not folder.exists()
    clear_viewable_copies(folder)  # nothing there: nothing to do, no error
