"""The one place where errors become HTTP responses.

:class:`waarborg.WaarborgError` carries its ``http_status``; this module turns it
into JSON under ``/api/`` and into a page elsewhere. Bodies name the offending
field and, where useful, the allowed values, but never echo what was sent: a
request body may hold an e-mail address. Unexpected errors are logged by type
and path only, for the same reason.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from waarborg._exceptions import InputError, WaarborgError
from waarborg.web.templating import language, page

log = logging.getLogger(__name__)

CODES = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid-input",
    429: "rate-limited",
    503: "unavailable",
}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_body(status: int, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": CODES.get(status, "error"), "message": message, **extra}


def _respond(request: Request, status: int, message: str, **extra: Any) -> Response:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if _is_api(request):
        return JSONResponse(error_body(status, message, **extra), status, headers=headers)
    if status == 401 and request.url.path.startswith("/admin") and request.method == "GET":
        return RedirectResponse("/admin/login", status_code=303)  # the console's sign-in
    response = page(request, "error.html", language(request), status_code=status, status=status)
    response.headers.update(headers or {})
    return response


async def _domain_error(request: Request, exc: Exception) -> Response:
    exc = cast(WaarborgError, exc)
    extra: dict[str, Any] = {}
    if isinstance(exc, InputError):
        item: dict[str, Any] = {"field": exc.field, "message": str(exc)}
        if exc.allowed:
            item["allowed"] = exc.allowed
        extra["errors"] = [item]
    return _respond(request, exc.http_status, str(exc), **extra)


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path"):
        parts = parts[1:]
    elif parts and parts[0] == "header":
        parts = ["header", *parts[1:]]
    return ".".join(parts) or "body"


async def _validation_error(request: Request, exc: Exception) -> Response:
    errors = [
        {
            "field": _field(tuple(error.get("loc", ()))),
            "message": str(error.get("msg", "invalid")).removeprefix("Value error, "),
        }
        for error in cast(RequestValidationError, exc).errors()
    ]
    return _respond(request, 422, "the request is not valid", errors=errors)


async def _http_error(request: Request, exc: Exception) -> Response:
    http = cast(HTTPException, exc)
    return _respond(request, http.status_code, str(http.detail))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path)
    if _is_api(request):
        return JSONResponse(error_body(500, "internal error"), 500)
    return page(request, "error.html", language(request), status_code=500, status=500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(WaarborgError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
