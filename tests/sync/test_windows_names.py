"""Sync packages carry the community's code in their file names: a code is digits only, so a
name never holds a character Windows refuses, and a code that would is refused at the door."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.errors import ValidationError
from app.services.registry import RegistryService
from server.city import CityServer

from .conftest import COMMUNITY_A, Computers, enrol

WINDOWS_FORBIDDEN = set('<>:"/\\|?*')


def test_a_code_windows_could_not_name_a_file_by_is_refused_on_both_sides(
        computers: Computers, city: CityServer) -> None:
    bad = dict(COMMUNITY_A, code='洮北/001:"A"')
    with pytest.raises(ValidationError):
        RegistryService(computers.new("a")).create_community(bad)
    with pytest.raises(Exception, match="code"):
        city.add_community(bad["code"], bad["name"], bad["district"], bad["street"], bad["city"])


def test_packages_are_named_after_the_code_and_land_in_the_chosen_folder(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    svc = enrol(city, computers.new("a"), COMMUNITY_A)
    out = tmp_path / "usb"
    out.mkdir()
    written = svc.export(out).path
    assert written.parent == out and written.name.startswith(f"{COMMUNITY_A['code']}-")
    city.import_file(written)
    city.export_for(COMMUNITY_A["code"], out)
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 2 and all(not set(n) & WINDOWS_FORBIDDEN for n in files)
    assert any(n.startswith(f"{COMMUNITY_A['code']}-return-") for n in files), files
