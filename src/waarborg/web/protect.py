"""Protection for forms people post: CSRF tokens and rate limits.

CSRF: the browser holds a random nonce in an HttpOnly, SameSite=Strict cookie;
each form carries an HMAC of that nonce (``csrf_token``). A post is accepted only
when the two belong together, which another site cannot arrange. Nothing is
stored on the server.

Rate limits count in waarborg's store (:mod:`waarborg.store.ratelimits`), so they
hold across several web processes; keys are hashed there.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from waarborg._exceptions import PermissionDeniedError
from waarborg.i18n import N_
from waarborg.store import Store
from waarborg.store.ratelimits import hit
from waarborg.web.templating import page

CSRF_COOKIE = "wb_csrf"
CSRF_FIELD = "csrf_token"


class CsrfError(PermissionDeniedError):
    """The form was not sent from our own page (or its cookie is gone)."""


class CsrfGuard:
    def __init__(self, secret: bytes, *, secure_cookies: bool):
        self._key = hashlib.sha256(b"csrf:" + secret).digest()
        self._secure = secure_cookies

    def _token(self, nonce: str) -> str:
        return hmac.new(self._key, nonce.encode(), hashlib.sha256).hexdigest()

    def issue(self, request: Request) -> tuple[str, str | None]:
        """The token for this browser's forms, and a new cookie nonce if it has none."""
        nonce = request.cookies.get(CSRF_COOKIE)
        if nonce and len(nonce) == 43:
            return self._token(nonce), None
        fresh = secrets.token_urlsafe(32)
        return self._token(fresh), fresh

    def set_cookie(self, response: Response, nonce: str) -> None:
        response.set_cookie(
            CSRF_COOKIE, nonce, httponly=True, samesite="strict", secure=self._secure, path="/"
        )

    def page(
        self, request: Request, name: str, lang: str, status_code: int = 200, **context: Any
    ) -> HTMLResponse:
        """Like :func:`waarborg.web.templating.page`, with ``csrf_token`` and
        ``csrf_field`` for the template's forms."""
        token, fresh = self.issue(request)
        response = page(
            request, name, lang, status_code, csrf_token=token, csrf_field=CSRF_FIELD, **context
        )
        if fresh:
            self.set_cookie(response, fresh)
        return response

    def check(self, request: Request, submitted: str | None) -> None:
        """Raise :class:`CsrfError` unless ``submitted`` belongs to this browser's cookie."""
        nonce = request.cookies.get(CSRF_COOKIE)
        if not nonce or not submitted or not hmac.compare_digest(self._token(nonce), submitted):
            raise CsrfError.translatable(
                N_(
                    "this form has expired or was not sent from this site; reload the page "
                    "and try again"
                )
            )


def client_address(request: Request) -> str:
    """The peer's address. Behind a reverse proxy, run uvicorn with --proxy-headers so
    this is the visitor's address rather than the proxy's."""
    return request.client.host if request.client else "unknown"


def rate_limit(
    store: Store, secret: bytes, scope: str, key: str, *, limit: int, window: timedelta
) -> None:
    """Count one use of ``scope:key`` (e.g. ``request-form:ip:…``); RateLimitedError past
    ``limit`` uses per ``window``."""
    hit(store, secret, f"{scope}:{key}", limit=limit, window=window)
