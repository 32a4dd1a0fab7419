"""The registry commands as a script runs them: the installed console script in a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

SCRIPT = Path(sysconfig.get_path("scripts")) / "community-ledger-cli"
REGISTRY_KEYS = ("communities", "compounds", "buildings", "party_groups", "building_party_groups",
                 "party_members", "homeowner_committees", "property_companies", "red_property_branches",
                 "resident_units")


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "app.cli"]
    return subprocess.run([*command, *map(str, args)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("community-ledger-cli") and ": error: " in lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    result = cli("--db", path, "demo", "--seed", "5")
    assert result.returncode == 0, result.stderr
    assert "party_members 1" in result.stdout
    return path


def test_console_script_is_installed() -> None:
    assert SCRIPT.exists(), f"{SCRIPT} missing: install the project into the environment"


def test_stats_json_is_one_object_of_numbers(demo_file: Path) -> None:
    result = cli("--db", demo_file, "stats", "--json")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 1
    stats = json.loads(result.stdout)
    for key in REGISTRY_KEYS:
        assert type(stats[key]) is int, key
    assert stats["communities"] == 1
    assert 28 <= stats["compounds"] <= 32
    assert 1400 <= stats["party_members"] <= 1600
    assert all(isinstance(v, int | float) for v in stats.values())


def test_stats_table_is_readable(demo_file: Path) -> None:
    result = cli("--db", demo_file, "stats")
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("party_members "))
    assert "党员" in line and "," in line  # thousands separated


def test_same_seed_gives_the_same_numbers(demo_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "again.sqlite"
    assert cli("--db", other, "demo", "--seed", "5").returncode == 0
    first = json.loads(cli("--db", demo_file, "stats", "--json").stdout)
    second = json.loads(cli("--db", other, "stats", "--json").stdout)
    assert first == second


def test_demo_fills_the_community_made_by_init(tmp_path: Path) -> None:
    path = tmp_path / "mine.sqlite"
    init = cli("--db", path, "init", "--code", "220802009001", "--name", "吉鹤苑社区",
               "--street", "幸福街道", "--district", "洮北区", "--city", "白城市")
    assert init.returncode == 0, init.stderr
    assert cli("--db", path, "demo", "--seed", "1").returncode == 0
    stats = json.loads(cli("--db", path, "stats", "--current", "--json").stdout)
    assert stats["communities"] == 1 and stats["party_members"] >= 1400
    again = cli("--db", path, "demo")
    assert "already has records" in one_line_error(again)


def test_missing_database_file(tmp_path: Path) -> None:
    line = one_line_error(cli("--db", tmp_path / "nope.sqlite", "stats", "--json"))
    assert "not found" in line


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("这不是数据库\n" * 100, encoding="utf-8")
    line = one_line_error(cli("--db", path, "stats"))
    assert "not a Community Ledger database" in line
    assert "not a Community Ledger database" in one_line_error(cli("--db", path, "demo"))
    assert path.read_text(encoding="utf-8").startswith("这不是数据库")


def test_database_path_is_a_folder(tmp_path: Path) -> None:
    assert "folder" in one_line_error(cli("--db", tmp_path, "stats"))


def test_database_in_a_missing_folder(tmp_path: Path) -> None:
    assert "folder does not exist" in one_line_error(cli("--db", tmp_path / "no" / "x.sqlite", "demo"))


@pytest.mark.parametrize("args", [
    ("stats",),
    ("demo",),
    ("--db", "x.sqlite"),
    ("--db", "x.sqlite", "demo", "--scale", "town"),
    ("--db", "x.sqlite", "demo", "--seed", "abc"),
    ("--db", "x.sqlite", "demo", "--seed", "-1"),
    ("--db", "x.sqlite", "stats", "--nonsense"),
])
def test_bad_arguments(args: tuple[str, ...], tmp_path: Path) -> None:
    result = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    one_line_error(result)
    assert not (tmp_path / "x.sqlite").exists()
