"""A loopback proxy in front of a real server process that can lose answers, refuse with 503 or run
something (kill the server) while a request is on its way: the network faults a computer meets."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass
class Fault:
    """What to do with the next request to ``path``: ``drop`` its answer after the server applied it,
    ``refuse`` with 503 without forwarding, ``slow`` (answer only after ``delay_s``, longer than the
    client waits), or run ``before`` first (kill the server) and then drop the connection."""

    path: str
    kind: str
    before: Callable[[], None] | None = None
    delay_s: float = 0.0


@dataclass
class Proxy:
    target: str
    url: str = ""
    faults: list[Fault] = field(default_factory=list)
    seen: list[tuple[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if path.endswith(fault.path):
                    self.faults.remove(fault)
                    return fault
        return None


@contextmanager
def lossy_proxy(target: str) -> Iterator[Proxy]:
    proxy = Proxy(target)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            fault = proxy.take(self.path)
            if fault is not None and fault.kind == "refuse":
                payload = b'{"error": "busy", "message": "busy", "params": {}}'
                self.send_response(503)
                self.send_header("Content-Type", "application/json")
                self.send_header("Retry-After", "0")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                proxy.seen.append((self.path, 503))
                return
            if fault is not None and fault.before is not None:
                fault.before()
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
            try:
                answer = httpx.request(self.command, proxy.target + self.path, content=body, headers=headers,
                                       timeout=60)
            except httpx.TransportError:
                self.close_connection = True
                proxy.seen.append((self.path, 0))
                return
            proxy.seen.append((self.path, answer.status_code))
            if fault is not None:
                time.sleep(fault.delay_s)
                # The server did the work; its answer is lost on the way back.
                self.close_connection = True
                return
            self.send_response(answer.status_code)
            for k, v in answer.headers.items():
                if k.lower() not in HOP_HEADERS and k.lower() not in ("date", "server", "content-encoding"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        do_GET = _forward  # noqa: N815
        do_POST = _forward  # noqa: N815

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    proxy.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)
