"""An import killed with SIGKILL part-way leaves the database as it was, and sound."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from app.db.database import Database
from app.models import PartyMember
from app.services.registry import RegistryService
from app.sync.changes import ChangeLog
from app.sync.service import SyncService
from server.city import CityServer

from .conftest import COMMUNITY_A, Computers, dump, enrol, integrity

BIN = Path(sys.executable).parent
MEMBERS = 20_000


def _fill(db: Database, count: int) -> None:
    community = RegistryService(db).community_id
    rows = [{"name": f"党员{i:05d}", "gender": "male" if i % 2 else "female",
             "birth_date": date(1960 + i % 40, 1, 1), "phone": f"138{i:08d}", "id_number": "",
             "community_id": community,
             "employer": "白城市第一中学" * 3}
            for i in range(count)]
    with db.session() as session:
        ChangeLog(db, session).bulk_created(PartyMember, rows)


@pytest.mark.slow
def test_sigkill_during_import_leaves_the_database_as_before(
        computers: Computers, tmp_path: Path) -> None:
    city = CityServer(str(tmp_path / "city.sqlite"))
    a1, a2 = computers.new("a1"), computers.new("a2")
    s1 = enrol(city, a1, COMMUNITY_A)
    enrol(city, a2, COMMUNITY_A, init=False)
    _fill(a1, MEMBERS)
    city.import_file(s1.export(tmp_path).path)
    city.import_file(SyncService(a2).export(tmp_path).path)
    package = tmp_path / "big-return.clsync"
    city.export_for(COMMUNITY_A["code"], package)
    city.close()

    path = Path(str(a2.path))
    wal = path.with_name(path.name + "-wal")
    before = dump(a2.engine)
    a2.close()
    killed = False
    for _attempt in range(5):
        start_wal = wal.stat().st_size if wal.exists() else 0
        command = [str(BIN / "community-ledger-cli"), "--db", str(path), "import", str(package)]
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Kill it as soon as the transaction has begun writing pages to the write-ahead log.
        while proc.poll() is None:
            size = wal.stat().st_size if wal.exists() else 0
            if size > start_wal + 256 * 1024:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                killed = True
                break
            time.sleep(0.002)
        if killed:
            break
        pytest.fail("the import finished before it could be killed")  # pragma: no cover
    assert killed and proc.returncode == -signal.SIGKILL
    assert integrity(path) == "ok"
    reopened = Database.open(path)
    try:
        assert dump(reopened.engine) == before
        # And the package still applies afterwards, completely.
        report = SyncService(reopened).import_file(package)
        assert report.counts["party_member"].imported == MEMBERS
    finally:
        reopened.close()
    assert integrity(path) == "ok"
