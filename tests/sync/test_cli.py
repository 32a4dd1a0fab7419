"""The round trip a secretary and the district staff do, through the real command-line programs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

from app.db.database import Database
from app.services.registry import RegistryService

from .conftest import COMMUNITY_A, COMMUNITY_B, dump

BIN = Path(sys.executable).parent


def run(program: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(BIN / program), *args], capture_output=True, text=True, timeout=180)
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def add_community(url: str, c: dict[str, str]) -> str:
    out = run("community-ledger-server", "--db", url, "add-community", c["code"], c["name"],
              "--district", c["district"], "--street", c["street"], "--city", c["city"]).stdout
    assert "server fingerprint:" in out
    return out.strip().splitlines()[-1]


def init(path: Path, c: dict[str, str]) -> None:
    run("community-ledger-cli", "--db", str(path), "init", "--code", c["code"], "--name", c["name"],
        "--street", c["street"], "--district", c["district"], "--city", c["city"])


def edit(path: Path, name: str) -> str:
    db = Database.open(path)
    try:
        return RegistryService(db).create("compound", {"name": name, "households": 120})
    finally:
        db.close()


def exchange(url: str, code: str, computers: list[Path], folder: Path) -> list[dict[str, Any]]:
    for pc in computers:
        out = json.loads(run("community-ledger-cli", "--db", str(pc), "export", "--out", str(folder)).stdout)
        assert out["restamped"] == 0  # the computers' clocks are right
        report = json.loads(run("community-ledger-server", "--db", url, "import", out["file"]).stdout)
        assert report["status"] == "applied"
    back = folder / f"{code}-back.clsync"
    run("community-ledger-server", "--db", url, "export-for", code, "--out", str(back))
    reports = [json.loads(run("community-ledger-cli", "--db", str(pc), "import", str(back)).stdout)
               for pc in computers]
    back.unlink()
    return reports


@pytest.mark.slow
def test_usb_round_trip_through_the_programs(tmp_path: Path, server_url: str) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "desktop.ini").write_text("[.ShellClassInfo]")  # stray files on a stick do not matter
    a1, a2, b = tmp_path / "a1.sqlite", tmp_path / "a2.sqlite", tmp_path / "b.sqlite"
    code_a1, code_b = add_community(server_url, COMMUNITY_A), add_community(server_url, COMMUNITY_B)
    code_a2 = add_community(server_url, COMMUNITY_A)  # a second computer of the same community
    init(a1, COMMUNITY_A)
    init(b, COMMUNITY_B)
    enrolled = json.loads(run("community-ledger-cli", "--db", str(a1), "enroll", "--code", code_a1).stdout)
    run("community-ledger-cli", "--db", str(b), "enroll", "--code", code_b)
    # A code works once: another computer cannot take A1's place with it.
    Database.open(a2).close()
    run("community-ledger-cli", "--db", str(a2), "enroll", "--code", code_a2)
    fingerprints = run("community-ledger-server", "--db", server_url, "fingerprint").stdout
    assert enrolled["server_fingerprint"] in fingerprints

    edit(a1, "阳光小区")
    edit(b, "江南小区")
    exchange(server_url, COMMUNITY_A["code"], [a1, a2], usb)
    exchange(server_url, COMMUNITY_B["code"], [b], usb)
    edit(a2, "和平小区")  # the second computer's own edit reaches the first
    reports = exchange(server_url, COMMUNITY_A["code"], [a2, a1], usb)
    assert all(r["status"] == "applied" for r in reports)
    assert reports[1]["counts"]["compound"]["imported"] == 1

    status = json.loads(run("community-ledger-cli", "--db", str(a1), "sync-status").stdout)
    assert status["pending_changes"] == 0 and status["enrolled"]
    listed = json.loads(run("community-ledger-server", "--db", server_url, "communities").stdout)
    assert [len(c["nodes"]) for c in listed] == [2, 1]
    assert status["fingerprint"] in {n["fingerprint"] for n in listed[0]["nodes"]}

    engine = create_engine(server_url if "://" in server_url else f"sqlite:///{server_url}")
    try:
        dbs = {p: Database.open(p) for p in (a1, a2, b)}
        try:
            cid_a = RegistryService(dbs[a1]).community_id
            cid_b = RegistryService(dbs[b]).community_id
            assert dump(dbs[a1].engine, cid_a) == dump(dbs[a2].engine, cid_a) == dump(engine, cid_a)
            assert dump(dbs[b].engine, cid_b) == dump(engine, cid_b)
            names = sorted(label for _, label in RegistryService(dbs[a1]).options("compound"))
            assert names == ["和平小区", "阳光小区"]
        finally:
            for db in dbs.values():
                db.close()
    finally:
        engine.dispose()

    stats = json.loads(run("community-ledger-server", "--db", server_url, "stats", "--json").stdout)
    app_stats = json.loads(run("community-ledger-cli", "--db", str(a1), "stats", "--json").stdout)
    assert set(app_stats) <= set(stats)
    assert stats["communities"] == 2 and stats["compounds"] == 3
    assert stats["by_district"]["洮北区"]["compounds"] == 3
    assert stats["by_community"][COMMUNITY_A["code"]]["compounds"] == 2
    assert stats["by_community"][COMMUNITY_B["code"]]["compounds"] == 1


def test_refusals_are_one_line_with_a_non_zero_exit(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    init(db, COMMUNITY_A)
    result = run("community-ledger-cli", "--db", str(db), "export", "--out", str(tmp_path), ok=False)
    assert result.returncode != 0 and result.stderr.count("\n") == 1 and "not_enrolled" in result.stderr
    result = run("community-ledger-cli", "--db", str(db), "enroll", "--code", "CLE1-nonsense", ok=False)
    assert result.returncode != 0 and "enrolment_invalid" in result.stderr
    server = str(tmp_path / "city.sqlite")
    code_b = add_community(server, COMMUNITY_B)
    result = run("community-ledger-cli", "--db", str(db), "enroll", "--code", code_b, ok=False)
    assert result.returncode != 0 and "enrolment_community" in result.stderr
    result = run("community-ledger-server", "--db", server, "export-for", "999", "--out", str(tmp_path),
                 ok=False)
    assert result.returncode == 1 and result.stderr.count("\n") == 1


def test_the_district_imports_a_whole_usb_drive_at_once(tmp_path: Path) -> None:
    server = str(tmp_path / "city.sqlite")
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "desktop.ini").write_text("[.ShellClassInfo]")
    (usb / "System Volume Information").mkdir()
    pcs = []
    for community in (COMMUNITY_A, COMMUNITY_B):
        pc = tmp_path / f"{community['code']}.sqlite"
        init(pc, community)
        run("community-ledger-cli", "--db", str(pc), "enroll", "--code", add_community(server, community))
        edit(pc, f"{community['name']}小区")
        run("community-ledger-cli", "--db", str(pc), "export", "--out", str(usb))
        pcs.append(pc)
    damaged = usb / "220802009-20261126-101500-deadbeef.clsync"
    damaged.write_bytes(next(usb.glob(f"{COMMUNITY_A['code']}-*.clsync")).read_bytes()[:300])

    result = run("community-ledger-server", "--db", server, "import", str(usb), ok=False)
    assert result.returncode == 3
    entries = json.loads(result.stdout)
    assert [Path(e["file"]).name.split("-")[0] for e in entries] == ["220802001", "220802002", "220802009"]
    assert [e["report"]["status"] for e in entries[:2]] == ["applied", "applied"]
    assert entries[2]["code"] == "truncated" and "refused" in entries[2]
    assert result.stderr.count("\n") == 1 and damaged.name in result.stderr
    # The refused package left the others applied.
    stats = json.loads(run("community-ledger-server", "--db", server, "stats", "--json").stdout)
    assert stats["compounds"] == 2

    # Back onto the same stick: one return package per community, each taken home and applied.
    for old in usb.glob("*.clsync"):
        old.unlink()
    written = json.loads(run("community-ledger-server", "--db", server, "export-for", COMMUNITY_A["code"],
                             COMMUNITY_B["code"], "--out", str(usb)).stdout)
    assert [w["code"] for w in written] == [COMMUNITY_A["code"], COMMUNITY_B["code"]]
    for pc, entry in zip(pcs, written, strict=True):
        report = json.loads(run("community-ledger-cli", "--db", str(pc), "import", entry["file"]).stdout)
        assert report["status"] == "applied" and report["acknowledged"] >= 1
    partly = run("community-ledger-server", "--db", server, "export-for", COMMUNITY_A["code"], "999",
                 "--out", str(usb), ok=False)
    assert partly.returncode == 1 and "999" in partly.stderr and partly.stderr.count("\n") == 1

    missing = run("community-ledger-server", "--db", server, "import", str(tmp_path / "nothing-here"),
                  ok=False)
    assert missing.returncode == 1 and "not found" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    none = run("community-ledger-server", "--db", server, "import", str(empty), ok=False)
    assert none.returncode == 1 and "no .clsync package" in none.stderr
