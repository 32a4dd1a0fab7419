"""Every refusal of the API as JSON ``{error, message, params}``, its status decided here only."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.sync.errors import SyncError

# The status of each refusal code; any other code of a refused package is 400.
STATUS: dict[str, int] = {
    "unauthorized": 401,
    "revoked": 401,
    "forbidden_record": 403,
    "wrong_signer": 403,
    "enrolment_invalid": 403,
    "enrolment_used": 403,
    "not_found": 404,
    "too_large": 413,
    "bad_request": 422,
    "busy": 503,
    "too_many_pushes": 429,
}
MESSAGES: dict[str, str] = {
    "not_found": "there is nothing here",
    "too_large": "the request body is larger than {limit_mb} MB",
    "bad_request": "the request does not fit: {detail}",
    "busy": "the database is busy or unavailable; try again later",
    "too_many_pushes": "the server is applying other pushes; send this one again in {retry_after_s} s",
    "login_required": "log in on the web page first",
}
BY_STATUS = {401: "unauthorized", 404: "not_found", 405: "not_found", 413: "too_large"}
RETRY_AFTER_S = "5"


class ApiError(Exception):
    """A refusal that is not a package's: the code, and the parameters of its message."""

    def __init__(self, code: str, status: int | None = None, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.status = status or STATUS.get(code, 400)
        self.params = params


def status_of(code: str) -> int:
    return STATUS.get(code, 400)


def refusal(code: str, status: int, params: dict[str, Any], message: str | None = None) -> JSONResponse:
    if message is None:
        try:
            message = MESSAGES.get(code, code).format(**params)
        except (KeyError, IndexError):
            message = MESSAGES.get(code, code)
    headers: dict[str, str] = {}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if status in (429, 503):
        headers["Retry-After"] = str(params.get("retry_after_s", RETRY_AFTER_S))
    return JSONResponse({"error": code, "message": message, "params": jsonable_encoder(params)},
                        status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Turn sync refusals, request errors and an unavailable database into the API's answers."""

    async def sync_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, SyncError)
        return refusal(exc.code, status_of(exc.code), exc.params, str(exc))

    async def api_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return refusal(exc.code, exc.status, exc.params)

    async def invalid(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = [{"field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"),
                     "problem": e.get("msg")} for e in exc.errors()]
        detail = "; ".join(f"{p['field'] or 'body'}: {p['problem']}" for p in problems[:5])
        return refusal("bad_request", 422, {"detail": detail, "problems": problems})

    async def http_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = BY_STATUS.get(exc.status_code, "bad_request")
        limit = getattr(exc, "limit", None)
        params = {"limit_mb": round(limit / 1024 / 1024, 2)} if limit else {}
        return refusal(code, exc.status_code, params, str(exc.detail))

    async def unavailable(_request: Request, _exc: Exception) -> JSONResponse:
        return refusal("busy", 503, {})

    app.add_exception_handler(SyncError, sync_error)
    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(OperationalError, unavailable)
