"""Security headers on every response, set in this one place.

The pages load nothing from elsewhere and are never framed: a strict Content
Security Policy (``frame-ancestors 'none'``), no referrer to other sites (a
privacy page should not tell a third party where a visitor came from). API
answers get the set the OWASP REST Security Cheat Sheet recommends for JSON: a CSP
that allows nothing, ``nosniff``, no framing, and ``no-store``, because they carry
personal data; every header costs time on the API's hot path, so the policies
that only matter for documents stay off them.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("referrer-policy", "no-referrer"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    ("cross-origin-opener-policy", "same-origin"),
)


API_HEADERS = (
    ("content-security-policy", "default-src 'none'; frame-ancestors 'none'"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("cache-control", "no-store"),
)
_PAGE = [(name.encode(), value.encode()) for name, value in HEADERS]
_API = [(name.encode(), value.encode()) for name, value in API_HEADERS]


class SecurityHeaders:
    """Pure ASGI middleware (no per-request task, unlike ``BaseHTTPMiddleware``).

    A route may set one of these headers itself (a page that must be framed, say);
    then its own value stays.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = _API if scope["path"].startswith("/api/") else _PAGE

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(raw for raw in wanted if raw[0] not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
