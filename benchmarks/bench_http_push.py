"""Push over HTTP: the same packages pushed to ``community-ledger-server serve`` on 127.0.0.1 and
imported in the process (``CityServer.import_bytes``), each into its own copy of one city database.

One community computer with N party members (made with ``ChangeLog.bulk_created``) sends them in
packages of at most B changes, one after another, as the client does.  The baseline is the same
packages applied in this process, so the difference is what HTTP, the web service and the node
token cost.  Both cities are SQLite files on the same disk.
Usage: ``python benchmarks/bench_http_push.py [--changes N] [--batch B]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx
import orjson
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db.database import Database  # noqa: E402
from app.models import OutboxEntry, PartyMember  # noqa: E402
from app.services.registry import RegistryService  # noqa: E402
from app.sync.changes import ChangeLog  # noqa: E402
from app.sync.package import body_from_rows, build_package  # noqa: E402
from app.sync.report import Source, Target  # noqa: E402
from app.sync.service import SyncService  # noqa: E402
from app.sync.status import ENROLMENT_KEY  # noqa: E402
from server.city import CityServer  # noqa: E402

BIN = Path(sys.executable).parent


def packages(db: Database, svc: SyncService, batch: int) -> list[bytes]:
    server = svc.server()
    assert server is not None and db.community_id is not None
    keys = svc.keys()
    claim = orjson.loads(db.get_state(ENROLMENT_KEY) or "null")
    with db.session() as session:
        rows = session.execute(select(OutboxEntry.seq, OutboxEntry.change_id, OutboxEntry.table_name,
                                      OutboxEntry.record_id, OutboxEntry.community_id, OutboxEntry.op,
                                      OutboxEntry.hlc, OutboxEntry.fields).order_by(OutboxEntry.seq)).all()
    made = []
    for i in range(0, len(rows), batch):
        part = rows[i:i + batch]
        source = Source("community", keys.node_id, db.community_id, "", "")
        data, _ = build_package(keys=keys, source=source,
                                target=Target("server", None, None, (server.node_id,)),
                                changes=body_from_rows(part), seq_range=(part[0].seq, part[-1].seq),
                                ack_server_seq=0, recipients=[server], enrolment=claim)
        made.append(data)
    return made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-http-"))
    try:
        city_path = work / "city.sqlite"
        city = CityServer(str(city_path))
        db = Database.open(work / "ledger.sqlite")
        RegistryService(db).create_community({"code": "220802001", "name": "幸福社区",
                                              "street": "明仁街道", "district": "洮北区", "city": "白城市",
                                              "org_kind": "committee"})
        svc = SyncService(db)
        svc.enroll(city.add_community("220802001", "幸福社区", "洮北区", "明仁街道").code)
        city.close()
        rows = [{"name": f"党员{i:06d}", "gender": "male" if i % 2 else "female",
                 "birth_date": date(1970, 1, 1),
                 "phone": f"138{i:08d}", "id_number": "", "community_id": db.community_id}
                for i in range(args.changes)]
        with db.session() as session:
            ChangeLog(db, session).bulk_created(PartyMember, rows)
        made = packages(db, svc, args.batch)
        token_claim = orjson.loads(db.get_state(ENROLMENT_KEY) or "{}")
        node_id = db.node_id
        db.close()
        http_path = work / "city-http.sqlite"
        shutil.copyfile(city_path, http_path)

        local = CityServer(str(city_path))
        start = time.perf_counter()
        for data in made:
            local.import_bytes(data)
        in_process = time.perf_counter() - start
        local.close()

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        proc = subprocess.Popen([str(BIN / "community-ledger-server"), "--db", str(http_path), "serve",
                                 "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(600):
                try:
                    if httpx.get(base + "/api/v1/status", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            with httpx.Client(base_url=base, timeout=120) as client:
                claim = {"token": token_claim["token"], "node_id": node_id,
                         "sign_key": token_claim["sign_key"], "box_key": token_claim["box_key"],
                         "proof": token_claim["proof"]}
                token = client.post("/api/v1/enrol", json=claim).json()["node_token"]
                latencies = []
                start = time.perf_counter()
                for data in made:
                    t0 = time.perf_counter()
                    answer = client.post("/api/v1/push", content=data,
                                         headers={"Authorization": f"Bearer {token}"})
                    latencies.append(time.perf_counter() - t0)
                    assert answer.status_code == 200, answer.text
                over_http = time.perf_counter() - start
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(30)
        latencies.sort()
        n = args.changes
        print(f"{n} changes in {len(made)} packages of at most {args.batch}")
        print(f"in process (baseline): {in_process:.2f} s, {n / in_process:,.0f} changes/s")
        print(f"over HTTP:             {over_http:.2f} s, {n / over_http:,.0f} changes/s "
              f"({in_process / over_http:.0%} of in process); per push p50 "
              f"{latencies[len(latencies) // 2] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
