"""A real city server process on 127.0.0.1 for the network tests: started on a free port, stopped after."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import orjson

from app.db.database import Database
from app.sync.status import ENROLMENT_KEY

BIN = Path(sys.executable).parent
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    def __init__(self, url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
        self.url = url
        self.proc = proc
        self.log = log

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kwargs)


@contextmanager
def live_server(db_url: str, log_dir: Path, *args: str, env: dict[str, str] | None = None,
                port: int | None = None) -> Iterator[LiveServer]:
    """``community-ledger-server --db URL serve`` with ``args``, ready to answer when this yields
    (on ``port``, to start a server again where the computers know it, or a free one)."""
    port = port or free_port()
    log = log_dir / f"server-{port}.log"
    command = [str(BIN / "community-ledger-server"), "--db", db_url, "serve", "--host", "127.0.0.1",
               "--port", str(port), *args]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, **(env or {})})
    server = LiveServer(f"http://127.0.0.1:{port}", proc, log)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited: {log.read_text(encoding='utf-8')[-2000:]}")
            try:
                if httpx.get(server.url + "/api/v1/status", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not answer in time")
            time.sleep(0.1)
        yield server
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def enrolment_claim(db: Database) -> dict[str, str]:
    """What a computer enrolled with a code (``SyncService.enroll``) posts to ``/api/v1/enrol``."""
    stored = db.get_state(ENROLMENT_KEY)
    assert stored, "the database is not enrolled with a code"
    claim = orjson.loads(stored)
    return {"token": claim["token"], "node_id": db.node_id, "sign_key": claim["sign_key"],
            "box_key": claim["box_key"], "proof": claim["proof"]}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
