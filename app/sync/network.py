"""Sync with the city server over HTTP (docs/sync-http.md): enrolment, and one full exchange.

An exchange probes ``status`` (online, the same server, clocks within 5 minutes), pulls the server's
changes in pages and pushes the outbox in batches.  A batch leaves the queue only when the server
answered with its ``accepted`` range; a page is applied in one transaction that also saves the pull
cursor; so an exchange broken off anywhere is simply run again.  A network error, a timeout and
5xx are retried with exponential backoff and full jitter; a busy server's 429 or 503 with
``Retry-After`` is waited out and tried again, within a total time budget; a batch refused with a reason (4xx)
stays queued, is reported and does not hold back the batches after it; 401 stops the exchange.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
import orjson

from app.db.database import Database
from app.progress import QUIET, Progress
from app.sync.enrolment import EnrolmentCode
from app.sync.errors import SyncError
from app.sync.keys import PublicIdentity, SealError, open_sealed, seal
from app.sync.report import CREATED_AT_FORMAT
from app.sync.restamp import restamp_ahead
from app.sync.service import EnrolResult, SyncService
from app.sync.status import ENROLMENT_KEY, NETWORK_KEY, NetworkState, network_state

API = "/api/v1"
BATCH_CHANGES = 1000
PAGE_CHANGES = 1000
MAX_CLOCK_SKEW_S = 5 * 60
# The probe is one small answer: an unreachable server is told quickly.
PROBE_TIMEOUT = httpx.Timeout(5.0, connect=3.0)
MORE_HEADER = "X-Ledger-More"
PACKAGE_TYPE = "application/octet-stream"
# Bounds of one exchange, so a server that always answers "more" cannot keep it going for ever.
MAX_BATCHES = 10_000
MAX_PAGES = 10_000
_TOKEN_AAD = b"community-ledger node token v1"


class NetworkError(SyncError):
    """An exchange (or an enrolment) over the network that could not be done; what was done stays."""


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter: a failure (network, timeout, 5xx) is tried ``attempts``
    times, waiting a random time up to ``base_s * 2**n`` (at most ``cap_s``) before the n-th retry.

    A server that says it is busy (429 or 503 with ``Retry-After``) is waited out: that long plus up
    to ``base_s`` of jitter, so a turned-away burst does not come back at one instant; up to
    ``busy_attempts`` times.  All waits of one request together stay within ``budget_s``.
    """

    attempts: int = 5
    base_s: float = 0.5
    cap_s: float = 30.0
    busy_attempts: int = 60
    budget_s: float = 600.0

    def delay(self, retry: int, rng: random.Random, retry_after: float | None = None) -> float:
        if retry_after is not None:
            return max(0.0, retry_after) + rng.uniform(0, self.base_s)
        return rng.uniform(0, min(self.cap_s, self.base_s * 2 ** retry))


@dataclass(frozen=True)
class ServerStatus:
    server_node: str
    server_time: datetime
    local_time: datetime
    app_version: str

    @property
    def skew_s(self) -> float:
        return (self.local_time - self.server_time).total_seconds()


@dataclass(frozen=True)
class RefusedBatch:
    """A batch the server refused: its outbox range, the status and the server's reason."""

    first: int
    last: int
    changes: int
    status: int
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SyncResult:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    refused: tuple[RefusedBatch, ...] = ()
    batches: int = 0
    pages: int = 0
    pending: int = 0
    clock_skew_s: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"pushed": self.pushed, "pulled": self.pulled, "conflicts": self.conflicts,
                "refused": [{"first": r.first, "last": r.last, "changes": r.changes, "status": r.status,
                             "error": r.code, "message": r.message} for r in self.refused],
                "batches": self.batches, "pages": self.pages, "pending": self.pending,
                "clock_skew_s": round(self.clock_skew_s, 3)}


def normalise_url(url: str) -> str:
    text = url.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise NetworkError("bad_server_url", url=url)
    return text


def _parse_time(text: str) -> datetime:
    return datetime.strptime(text, CREATED_AT_FORMAT).replace(tzinfo=UTC)


def _brief(exc: Exception) -> str:
    """A short, token-free description of a network failure."""
    name = type(exc).__name__
    text = str(exc).splitlines()[0][:120] if str(exc) else ""
    return f"{name}: {text}" if text else name


class _RefusedError(Exception):
    """A 4xx answer with the server's reason."""

    def __init__(self, status: int, code: str, message: str, params: dict[str, Any]) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.params = params


class NetworkSync:
    """Enrolment and exchanges with the city server for one community database."""

    def __init__(self, db: Database, *, retry: RetryPolicy | None = None,
                 timeout: httpx.Timeout | None = None, transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep, rng: random.Random | None = None,
                 batch_changes: int = BATCH_CHANGES, page_changes: int = PAGE_CHANGES,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.db = db
        self.service = SyncService(db)
        self.retry = retry or RetryPolicy()
        self.timeout = timeout or httpx.Timeout(60.0, connect=10.0)
        self.transport = transport
        self.sleep = sleep
        self.rng = rng or random.Random()
        self.batch_changes = batch_changes
        self.page_changes = page_changes
        self.clock = clock

    # --- what is stored ---------------------------------------------------------------------

    def settings(self) -> NetworkState | None:
        return network_state(self.db)

    @property
    def configured(self) -> bool:
        return self.settings() is not None

    def _token(self, doc: dict[str, Any]) -> str:
        """The node token, kept sealed to this computer's own key so it is never plain text in the file."""
        try:
            return open_sealed(doc["token"], self.service.keys(), _TOKEN_AAD).decode("utf-8")
        except (SealError, KeyError, TypeError, ValueError):
            raise NetworkError("enrol_again", reason="the stored token cannot be read") from None

    def _store(self, url: str, token: str, last_sync: datetime | None) -> dict[str, Any]:
        sealed = seal(token.encode("utf-8"), [self.service.keys().public], _TOKEN_AAD)
        return {"url": url, "token": sealed, "last_sync": last_sync.isoformat() if last_sync else None}

    def _mark_synced(self, when: datetime) -> None:
        stored = self.db.get_state(NETWORK_KEY)
        if not stored:
            return
        doc = orjson.loads(stored)
        doc["last_sync"] = when.isoformat()
        with self.db.session() as session:
            self.db.set_state(session, NETWORK_KEY, orjson.dumps(doc).decode())

    # --- HTTP -------------------------------------------------------------------------------

    @contextmanager
    def _client(self, url: str) -> Iterator[httpx.Client]:
        with httpx.Client(base_url=url, timeout=self.timeout, transport=self.transport,
                          follow_redirects=False, trust_env=False) as client:
            yield client

    def _request(self, client: httpx.Client, url: str, method: str, path: str, progress: Progress,
                 **kwargs: Any) -> httpx.Response:
        """One request, retried on a network error, a timeout, 429 and 5xx; a 4xx raises a refusal."""
        last_problem = ""
        failures = busy = 0
        waited = 0.0
        while True:
            progress.check()
            retry_after: float | None = None
            try:
                answer = client.request(method, API + path, **kwargs)
            except httpx.TransportError as exc:
                last_problem = _brief(exc)
                status = 0
            else:
                status = answer.status_code
                if status < 400:
                    return answer
                if status not in (429,) and status < 500:
                    raise _refusal(answer)
                last_problem = f"{status} {_reason(answer)}"
                retry_after = _retry_after(answer) if status in (429, 503) else None
            if retry_after is not None:
                busy += 1
                wait = self.retry.delay(busy - 1, self.rng, retry_after)
                more = busy < self.retry.busy_attempts
            else:
                wait = self.retry.delay(failures, self.rng)
                failures += 1
                more = failures < self.retry.attempts
            if not more or waited + wait > self.retry.budget_s:
                break
            self.sleep(wait)
            waited += wait
        if status:
            raise NetworkError("server_error", url=url, status=status, detail=last_problem)
        raise NetworkError("offline", url=url, detail=last_problem)

    def probe(self, url: str | None = None) -> ServerStatus:
        """``GET status`` once, without retries: is the server there, and what time it says it is."""
        if url is None:
            settings = self.settings()
            if settings is None:
                raise NetworkError("not_networked")
            url = settings.url
        with self._client(url) as client:
            try:
                answer = client.get(API + "/status", timeout=PROBE_TIMEOUT)
            except httpx.TransportError as exc:
                raise NetworkError("offline", url=url, detail=_brief(exc)) from None
        return _status(url, answer, self.clock())

    def _status(self, client: httpx.Client, url: str, progress: Progress) -> ServerStatus:
        try:
            answer = self._request(client, url, "GET", "/status", progress)
        except _RefusedError as exc:
            raise NetworkError("not_a_ledger_server", url=url, detail=f"{exc.status} {exc.message}") from None
        return _status(url, answer, self.clock())

    # --- enrolment --------------------------------------------------------------------------

    def enrol(self, code_text: str, url: str) -> EnrolResult:
        """Enrol with the one-time code, then exchange keys with the server at ``url`` and keep the
        node token.  Run again with the same code after a lost answer: the server issues a new token."""
        url = normalise_url(url)
        code = EnrolmentCode.decode(code_text)
        result = self.service.enroll(code_text)
        stored = self.db.get_state(ENROLMENT_KEY)
        if not stored:
            raise NetworkError("enrolment_invalid")
        claim = orjson.loads(stored)
        body = {"token": claim["token"], "node_id": self.db.node_id, "sign_key": claim["sign_key"],
                "box_key": claim["box_key"], "proof": claim["proof"]}
        with self._client(url) as client:
            self._status(client, url, QUIET)
            try:
                answer = self._request(client, url, "POST", "/enrol", QUIET, json=body)
            except _RefusedError as exc:
                raise _enrol_refusal(exc) from None
        doc = answer.json()
        server = PublicIdentity.from_json(doc["server"])
        if server != code.server:
            raise NetworkError("wrong_server", url=url, found=server.fingerprint,
                               expected=code.server.fingerprint)
        with self.db.session() as session:
            self.db.set_state(session, NETWORK_KEY, orjson.dumps(
                self._store(url, str(doc["node_token"]), None)).decode())
        return result

    # --- one exchange -----------------------------------------------------------------------

    def sync(self, progress: Progress = QUIET) -> SyncResult:
        """Push what waits, pull what is new, apply it.  Raises :class:`NetworkError` when the
        exchange could not go on; everything done before that is kept."""
        stored = self.db.get_state(NETWORK_KEY)
        if not stored:
            raise NetworkError("not_networked")
        doc = orjson.loads(stored)
        url = str(doc["url"])
        token = self._token(doc)
        expected = self.service.server()
        auth = {"Authorization": f"Bearer {token}"}
        with self._client(url) as client:
            status = self._status(client, url, progress)
            if expected is not None and status.server_node != expected.node_id:
                raise NetworkError("wrong_server", url=url, found=status.server_node,
                                   expected=expected.node_id)
            if abs(status.skew_s) > MAX_CLOCK_SKEW_S:
                raise NetworkError(
                    "clock_skew", here=status.local_time.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                    server=status.server_time.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                    minutes=int(abs(status.skew_s) // 60))
            # Pull first: a local edit not yet sent that a newer one from elsewhere beats is then
            # still in the queue, and is kept for the conflict review.
            pulled, conflicts, pages = self._pull(client, url, auth, progress)
            restamp_ahead(self.db)
            pushed, batches, refused = self._push(client, url, auth, progress)
        self._mark_synced(datetime.now())
        return SyncResult(pushed, pulled, conflicts, tuple(refused), batches, pages,
                          self.service.pending_count(), status.skew_s)

    def _push(self, client: httpx.Client, url: str, auth: dict[str, str], progress: Progress
              ) -> tuple[int, int, list[RefusedBatch]]:
        pushed = batches = 0
        refused: list[RefusedBatch] = []
        after = 0
        size = self.batch_changes
        total = self.service.pending_count()
        for _ in range(MAX_BATCHES):
            batch = self.service.outgoing(size, after_seq=after)
            if batch.header.change_count == 0:
                break
            progress.progress(pushed, total, "push")
            try:
                answer = self._request(client, url, "POST", "/push", progress, content=batch.data,
                                       headers={**auth, "Content-Type": PACKAGE_TYPE})
            except _RefusedError as exc:
                if exc.status == 401:
                    raise NetworkError("enrol_again", reason=exc.code) from None
                if exc.status == 413 and size > 1:
                    size = max(1, size // 2)
                    continue
                refused.append(RefusedBatch(batch.first, batch.last, batch.header.change_count, exc.status,
                                            exc.code, exc.message, exc.params))
                self.service.record_refused(batch, {"status": "refused", "error": exc.code,
                                                    "message": exc.message, "http_status": exc.status}, url)
                after = batch.last
                continue
            body = answer.json()
            accepted = body["accepted"]
            first, last = int(accepted["first"]), int(accepted["last"])
            if (first, last) != (batch.first, batch.last):
                raise NetworkError("server_refused", status=answer.status_code, error="accepted",
                                   detail=f"acknowledged {first}-{last} for {batch.first}-{batch.last}")
            self.service.acknowledge_sent(batch, first, last, {"status": "pushed",
                                                               "server_status": body.get("status", "")}, url)
            pushed += batch.header.change_count
            batches += 1
            after = batch.last
        return pushed, batches, refused

    def _pull(self, client: httpx.Client, url: str, auth: dict[str, str], progress: Progress
              ) -> tuple[int, int, int]:
        pulled = conflicts = pages = 0
        for _ in range(MAX_PAGES):
            cursor = self.service.server_cursor()
            try:
                answer = self._request(client, url, "POST", "/pull", progress,
                                       json={"after": cursor, "limit": self.page_changes}, headers=auth)
            except _RefusedError as exc:
                if exc.status == 401:
                    raise NetworkError("enrol_again", reason=exc.code) from None
                raise NetworkError("server_refused", status=exc.status, error=exc.code,
                                   detail=exc.message) from None
            report = self.service.import_bytes(answer.content, file_name=url, keep_empty=False)
            pages += 1
            if report.applied:
                pulled += report.change_count
                conflicts += len(report.conflicts)
            progress.progress(pulled, 0, "pull")
            if answer.headers.get(MORE_HEADER) != "1":
                break
        return pulled, conflicts, pages


def _status(url: str, answer: httpx.Response, local: datetime) -> ServerStatus:
    if answer.status_code != 200:
        raise NetworkError("not_a_ledger_server", url=url, detail=f"{answer.status_code} {_reason(answer)}")
    try:
        doc = answer.json()
        if doc.get("api") != 1:
            raise ValueError("api")
        return ServerStatus(str(doc["server_node"]), _parse_time(str(doc["server_time"])), local,
                            str(doc.get("app_version", "")))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise NetworkError("not_a_ledger_server", url=url, detail="status does not answer as API 1") from None


def _reason(answer: httpx.Response) -> str:
    try:
        doc = answer.json()
        return str(doc.get("message") or doc.get("error") or "")[:200]
    except (ValueError, AttributeError):
        return answer.reason_phrase


def _refusal(answer: httpx.Response) -> _RefusedError:
    try:
        doc = answer.json()
        return _RefusedError(answer.status_code, str(doc.get("error", "refused")),
                             str(doc.get("message", ""))[:300], dict(doc.get("params") or {}))
    except (ValueError, AttributeError, TypeError):
        return _RefusedError(answer.status_code, "refused", answer.reason_phrase, {})


def _retry_after(answer: httpx.Response) -> float | None:
    value = answer.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _enrol_refusal(exc: _RefusedError) -> NetworkError:
    if exc.code in ("enrolment_invalid", "enrolment_used"):
        return NetworkError(exc.code)
    if exc.status == 401:
        return NetworkError("enrol_again", reason=exc.code)
    return NetworkError("server_refused", status=exc.status, error=exc.code, detail=exc.message)
