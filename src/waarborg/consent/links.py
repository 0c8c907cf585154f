"""Signed links in mail: confirming a subscription, unsubscribing, the preferences page.

A link carries what it is for and whom (the pseudonymous ``sub_…`` reference, never
an address) with an HMAC of the installation secret, so nothing needs storing until
the person acts on it, and a link cannot be made up or changed. Each kind has its
own key, so a preferences link can never pass for a confirmation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import datetime, timedelta
from typing import Any

from waarborg._exceptions import PermissionDeniedError
from waarborg.i18n import N_
from waarborg.store.base import utcnow


class BadLinkError(PermissionDeniedError):
    """The link was changed, is for something else, or has expired."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _key(secret: bytes, kind: str) -> bytes:
    return hashlib.sha256(b"link:" + kind.encode() + b":" + secret).digest()


def sign(
    secret: bytes, kind: str, payload: dict[str, Any], *, valid_for: timedelta | None = None
) -> str:
    """A token for ``kind`` holding ``payload``; it expires after ``valid_for`` if given."""
    body = dict(payload)
    if valid_for is not None:
        body["exp"] = int((utcnow() + valid_for).timestamp())
    raw = _b64(json.dumps(body, separators=(",", ":"), sort_keys=True).encode())
    mac = _b64(hmac.new(_key(secret, kind), raw.encode(), hashlib.sha256).digest()[:24])
    return f"{raw}.{mac}"


def verify(secret: bytes, kind: str, token: str, *, now: datetime | None = None) -> dict[str, Any]:
    """The payload of a token made by :func:`sign` for ``kind``; BadLinkError otherwise."""
    raw, _, mac = token.partition(".")
    expected = _b64(hmac.new(_key(secret, kind), raw.encode(), hashlib.sha256).digest()[:24])
    if not raw or not hmac.compare_digest(mac, expected):
        raise BadLinkError.translatable(N_("this link is not valid; use the link from the e-mail"))
    payload: dict[str, Any] = json.loads(_unb64(raw))
    expires = payload.pop("exp", None)
    if expires is not None and (now or utcnow()).timestamp() > expires:
        raise BadLinkError.translatable(N_("this link has expired; please sign up again"))
    return payload


def token_hash(token: str) -> str:
    """What is kept of a token as evidence: its SHA-256, not the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()
