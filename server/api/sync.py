"""``/api/v1/status``, ``enrol``, ``push`` and ``pull``: sync over the network (docs/sync-http.md)."""

from __future__ import annotations

import base64
import binascii
import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from app import __version__
from app.sync.report import CREATED_AT_FORMAT
from server.api.deps import get_city, get_sync, node_caller
from server.api.errors import ApiError
from server.city import CityServer
from server.exchange import MAX_PULL, Caller, NetworkSync

router = APIRouter(prefix="/api/v1", tags=["sync"])
PACKAGE_TYPE = "application/octet-stream"
MORE_HEADER = "X-Ledger-More"


class Admission:
    """How many pushes this process applies at once, how long one more may wait for its turn, and
    when to come back for the ones that cannot.

    Applying is mostly Python work, which one process does one thread at a time: a hundred pushes
    applied side by side would each take as long as all of them.  So ``limit`` apply at once (two:
    one computes while the other waits on the database), one more waits at most ``wait_s`` (about
    one import), and any other is answered at once with 429 and a ``Retry-After``: a time in the
    book of promised turns, one import's share after the last one promised, so a burst comes back
    spread over the time its imports take instead of all at once.  A push turned away changed
    nothing; the computer sends the same batch again.
    """

    def __init__(self, limit: int, wait_s: float, first_guess_s: float = 0.25) -> None:
        self.limit = limit
        self.wait_s = wait_s
        self.limiter = anyio.CapacityLimiter(limit)
        self.waiting = 0
        self.import_s = first_guess_s
        self.promised_until = 0.0

    def retry_after_s(self) -> int:
        """Seconds until the next free turn, booked for the caller; whole seconds, as HTTP has them."""
        now = time.monotonic()
        share = self.import_s / self.limit
        queued = (self.limiter.borrowed_tokens + self.waiting) * share
        self.promised_until = max(self.promised_until, now + queued) + share
        return max(1, math.ceil(self.promised_until - now))

    def took(self, seconds: float) -> None:
        self.import_s = 0.8 * self.import_s + 0.2 * seconds

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Hold one of the ``limit`` places, waiting at most ``wait_s``; else refuse with 429."""
        if self.limiter.available_tokens == 0 and self.waiting >= self.limit:
            raise ApiError("too_many_pushes", retry_after_s=self.retry_after_s())
        try:
            self.limiter.acquire_nowait()
        except anyio.WouldBlock:
            self.waiting += 1
            try:
                with anyio.move_on_after(self.wait_s) as scope:
                    await self.limiter.acquire()
            finally:
                self.waiting -= 1
            if scope.cancelled_caught:
                raise ApiError("too_many_pushes", retry_after_s=self.retry_after_s()) from None
        try:
            start = time.perf_counter()
            yield
            self.took(time.perf_counter() - start)
        finally:
            self.limiter.release()


def _admission(request: Request) -> Admission:
    state = request.app.state
    admission: Admission | None = getattr(state, "admission", None)
    if admission is None:
        settings = state.settings
        admission = state.admission = Admission(settings.imports_at_once, settings.import_wait_ms / 1000)
    return admission


def server_time() -> str:
    return datetime.now(UTC).strftime(CREATED_AT_FORMAT)


class Status(BaseModel):
    api: int
    server_time: str
    server_node: str
    server_fingerprint: str
    app_version: str


class ServerKeys(BaseModel):
    node_id: str
    sign_key: str
    box_key: str


class EnrolRequest(BaseModel):
    """The enrolment token of the code, this computer's node id and public keys, and the proof."""

    model_config = ConfigDict(extra="forbid")

    token: str = Field(min_length=1, max_length=64)
    node_id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")
    sign_key: str = Field(max_length=64)
    box_key: str = Field(max_length=64)
    proof: str = Field(pattern=r"^[0-9a-f]{64}$")

    @field_validator("sign_key", "box_key")
    @classmethod
    def _public_key(cls, value: str) -> str:
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("not base64") from None
        if len(raw) != 32:
            raise ValueError("a public key has 32 bytes")
        return value


class Enrolled(BaseModel):
    node_token: str
    community_id: str
    community_code: str
    computer: int
    server_time: str
    server: ServerKeys


class Range(BaseModel):
    first: int
    last: int


class PushResult(BaseModel):
    status: Literal["applied", "already_applied"]
    accepted: Range
    received_to_seq: int
    report: dict[str, Any]
    server_time: str


class PullRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    after: int = Field(ge=0, le=2**62, description="the server sequence this computer has applied")
    limit: int = Field(default=MAX_PULL, ge=1, le=MAX_PULL, description="the most changes wanted at once")


_PACKAGE_BODY: dict[str, Any] = {
    "requestBody": {"required": True, "content": {PACKAGE_TYPE: {"schema": {"type": "string",
                                                                            "format": "binary"}}}}}
_PACKAGE_ANSWER: dict[int | str, dict[str, Any]] = {
    200: {"content": {PACKAGE_TYPE: {"schema": {"type": "string", "format": "binary"}}},
          "description": f"the sealed package; header {MORE_HEADER}: 1 when more changes wait"}}


@router.get("/status", response_model=Status)
def status(city: Annotated[CityServer, Depends(get_city)]) -> Status:
    """The cheap probe a computer uses to tell it is online, and the clock it compares its own with."""
    return Status(api=1, server_time=server_time(), server_node=city.node_id,
                  server_fingerprint=city.identity.fingerprint, app_version=__version__)


@router.post("/enrol", response_model=Enrolled)
def enrol(body: EnrolRequest, sync: Annotated[NetworkSync, Depends(get_sync)]) -> Enrolled:
    claim = {"token": body.token, "sign_key": body.sign_key, "box_key": body.box_key, "proof": body.proof}
    done = sync.enrol(body.node_id, claim)
    keys = done.server.to_json()
    return Enrolled(node_token=done.node_token, community_id=done.community_id,
                    community_code=done.community_code, computer=done.computer, server_time=server_time(),
                    server=ServerKeys(**keys))


@router.post("/push", response_model=PushResult, openapi_extra=_PACKAGE_BODY)
async def push(request: Request, caller: Annotated[Caller, Depends(node_caller)],
               sync: Annotated[NetworkSync, Depends(get_sync)]) -> PushResult:
    """Apply a package of the calling computer's outbox, checked exactly as one from a USB drive."""
    data = await request.body()
    async with _admission(request).turn():
        pushed = await anyio.to_thread.run_sync(sync.push, caller, data)
    report = pushed.report.to_json()
    return PushResult(status=report["status"], accepted=Range(first=pushed.first, last=pushed.last),
                      received_to_seq=pushed.received_to_seq, report=report, server_time=server_time())


@router.post("/pull", response_class=Response, responses=_PACKAGE_ANSWER)
def pull(body: PullRequest, caller: Annotated[Caller, Depends(node_caller)],
         sync: Annotated[NetworkSync, Depends(get_sync)]) -> Response:
    pulled = sync.pull(caller, body.after, body.limit)
    headers = {MORE_HEADER: "1"} if pulled.more else {}
    return Response(pulled.data, media_type=PACKAGE_TYPE, headers=headers)
