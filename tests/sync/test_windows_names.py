"""Sync packages of a community whose code has characters Windows refuses in file names."""

from __future__ import annotations

from pathlib import Path

from server.city import CityServer

from .conftest import COMMUNITY_A, Computers, enrol

WINDOWS_FORBIDDEN = set('<>:"/\\|?*')


def test_a_package_of_a_community_whose_code_has_a_slash_lands_in_the_chosen_folder(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    """The code is free text: "洮北/001" must not make the package go into a sub-folder, nor
    ``A:1`` make a name Windows refuses."""
    community = dict(COMMUNITY_A, code='洮北/001:"A"')
    svc = enrol(city, computers.new("a"), community)
    out = tmp_path / "usb"
    out.mkdir()
    written = svc.export(out).path
    assert written.parent == out and written.name.startswith("洮北_001__A_-")
    assert not set(written.name) & WINDOWS_FORBIDDEN
    city.import_file(written)
    back = city.export_for(community["code"], out)
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 2 and all(not set(n) & WINDOWS_FORBIDDEN for n in files)
    assert any(n.startswith("洮北_001__A_-return-") for n in files), (files, back)
