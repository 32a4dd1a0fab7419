"""The request body limit: a larger body is refused with 413 before it is read whole."""

from __future__ import annotations

from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.api.errors import refusal

MiB = 1024 * 1024


class BodyTooLarge(HTTPException):
    """Raised while the body is read; an HTTP exception, so whatever reads it passes it on."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {round(limit / MiB, 2)} MB")
        self.limit = limit


class BodyLimit:
    """Refuses a request whose declared length is over its path's limit without reading it, and
    stops reading one without a declared length (chunked) as soon as it passes the limit."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._refuse(scope, receive, send, limit)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except BodyTooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send, limit)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = refusal("too_large", 413, {"limit_mb": round(limit / MiB, 2)})
        response.headers["Connection"] = "close"
        await response(scope, receive, send)
