"""Figures for people are read from the read copy when one is named (a PostgreSQL replica in a city;
here a copy of an SQLite file, which shows what was read where)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from app.services.registry import RegistryService
from server.city import CityServer

from .conftest import COMMUNITY_A, Computers, enrol, round_trip
from .http_server import BIN


def stats(db: Path, *args: str) -> dict[str, object]:
    result = subprocess.run([str(BIN / "community-ledger-server"), "--db", str(db), *args, "stats",
                             "--json"], capture_output=True, text=True, timeout=120, check=True)
    figures: dict[str, object] = json.loads(result.stdout)
    return figures


def test_stats_read_the_replica_named_by_read_db(computers: Computers, tmp_path: Path) -> None:
    primary = tmp_path / "city.sqlite"
    city = CityServer(str(primary))
    try:
        a = computers.new("a")
        svc = enrol(city, a, COMMUNITY_A)
        RegistryService(a).create("compound", {"name": "阳光小区"})
        round_trip(city, COMMUNITY_A["code"], [svc], tmp_path)
        replica = tmp_path / "replica.sqlite"
        with city.engine.connect() as conn:
            conn.exec_driver_sql(f"VACUUM INTO '{replica}'")
        RegistryService(a).create("compound", {"name": "幸福家园"})
        round_trip(city, COMMUNITY_A["code"], [svc], tmp_path)
    finally:
        city.close()
    assert stats(primary)["compounds"] == 2
    assert stats(primary, "--read-db", str(replica))["compounds"] == 1
    env_copy = tmp_path / "env-replica.sqlite"
    shutil.copyfile(replica, env_copy)
    result = subprocess.run([str(BIN / "community-ledger-server"), "--db", str(primary), "stats",
                             "--json"], capture_output=True, text=True, timeout=120, check=True,
                            env={**os.environ, "LEDGER_READ_DB_URL": str(env_copy)})
    assert json.loads(result.stdout)["compounds"] == 1
