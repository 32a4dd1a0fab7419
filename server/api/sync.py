"""``/api/v1/status``, ``enrol``, ``push`` and ``pull``: sync over the network (docs/sync-http.md)."""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from app import __version__
from app.sync.report import CREATED_AT_FORMAT
from server.api.deps import get_city, get_sync, node_caller
from server.city import CityServer
from server.exchange import MAX_PULL, Caller, NetworkSync

router = APIRouter(prefix="/api/v1", tags=["sync"])
PACKAGE_TYPE = "application/octet-stream"
MORE_HEADER = "X-Ledger-More"


def _import_limiter(request: Request) -> anyio.CapacityLimiter:
    """How many pushes this process applies at once: the rest wait their turn, in order.

    Applying is mostly Python work, which one process does one thread at a time: a hundred pushes
    applied side by side would each take as long as all of them, where in turn the first is
    answered after its own work.  Two at once, so one computes while the other waits on the
    database.
    """
    state = request.app.state
    limiter: anyio.CapacityLimiter | None = getattr(state, "import_limiter", None)
    if limiter is None:
        limiter = state.import_limiter = anyio.CapacityLimiter(state.settings.imports_at_once)
    return limiter


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
    pushed = await anyio.to_thread.run_sync(sync.push, caller, data, limiter=_import_limiter(request))
    report = pushed.report.to_json()
    return PushResult(status=report["status"], accepted=Range(first=pushed.first, last=pushed.last),
                      received_to_seq=pushed.received_to_seq, report=report, server_time=server_time())


@router.post("/pull", response_class=Response, responses=_PACKAGE_ANSWER)
def pull(body: PullRequest, caller: Annotated[Caller, Depends(node_caller)],
         sync: Annotated[NetworkSync, Depends(get_sync)]) -> Response:
    pulled = sync.pull(caller, body.after, body.limit)
    headers = {MORE_HEADER: "1"} if pulled.more else {}
    return Response(pulled.data, media_type=PACKAGE_TYPE, headers=headers)
