"""The links a requester is mailed: verification, status and package download.

- Verification: a random token; only its SHA-256 is stored, it expires after
  ``Desk.verification_minutes`` and is cleared when used, so it works once
  (AP: check that the requester controls the address already known).
- Status: the request reference signed with the installation secret (itsdangerous),
  so only the person who got the mail can open the status page.
- Login: the company's own site may vouch for a logged-in customer with a signed,
  timestamped assertion of their address (:func:`sign_login`); such a request is
  verified at once.
- Package: the reference signed with a timestamp; the link stops working after
  ``Desk.package_ttl_days`` even before the file is removed, and the store counts
  downloads against ``Desk.package_download_limit``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from itsdangerous import (
    BadSignature,
    SignatureExpired,
    TimestampSigner,
    URLSafeSerializer,
    URLSafeTimedSerializer,
)

from waarborg.settings import Settings
from waarborg.store import Store

LOGIN_SALT = "waarborg.login"
LOGIN_MAX_AGE = 600
"""Seconds a login assertion from the business site stays good."""
STATUS_SALT = "waarborg.request-status"
PACKAGE_SALT = "waarborg.request-package"


@dataclass(frozen=True)
class Desk:
    """What the request workflow needs besides the request itself: the store, the
    installation secret (keys identity hashes and signs links), where links point,
    where packages are kept, and the limits from :class:`~waarborg.settings.Settings`."""

    store: Store
    secret: bytes
    base_url: str
    package_dir: Path
    verification_minutes: int = 60
    package_download_limit: int = 3
    package_ttl_days: int = 7

    @classmethod
    def from_settings(cls, settings: Settings, store: Store) -> Desk:
        return cls(
            store=store,
            secret=settings.secret(),
            base_url=settings.base_url.rstrip("/"),
            package_dir=settings.data_dir / "packages",
            verification_minutes=settings.verification_link_minutes,
            package_download_limit=settings.package_download_limit,
            package_ttl_days=settings.package_ttl_days,
        )

    @property
    def verification_window(self) -> timedelta:
        return timedelta(minutes=self.verification_minutes)

    @property
    def package_window(self) -> timedelta:
        return timedelta(days=self.package_ttl_days)

    def prefix(self, lang: str) -> str:
        return f"{self.base_url}/en/privacy" if lang == "en" else f"{self.base_url}/privacy"

    # -- verification ---------------------------------------------------------------

    def verification_link(self, token: str, lang: str) -> str:
        return f"{self.prefix(lang)}/verify/{token}"

    # -- login assertion ----------------------------------------------------------------

    def login_key(self) -> str:
        """The key the company's own site signs login assertions with
        (``waarborg request login-key``); derived from the installation secret."""
        return hmac.new(self.secret, b"waarborg.login-assertion", hashlib.sha256).hexdigest()

    def login_email(self, assertion: str) -> str | None:
        """The address a fresh, valid assertion vouches for, else None."""
        serializer = URLSafeTimedSerializer(self.login_key(), salt=LOGIN_SALT)
        try:
            claims = serializer.loads(assertion, max_age=LOGIN_MAX_AGE)
        except (SignatureExpired, BadSignature):
            return None
        email = claims.get("email") if isinstance(claims, dict) else None
        return email if isinstance(email, str) else None

    # -- status ---------------------------------------------------------------------

    def status_token(self, ref: str) -> str:
        return str(URLSafeSerializer(self.secret, salt=STATUS_SALT).dumps(ref))

    def status_ref(self, token: str) -> str | None:
        """The request a status token names, or None for a token we did not sign."""
        try:
            ref = URLSafeSerializer(self.secret, salt=STATUS_SALT).loads(token)
        except BadSignature:
            return None
        return ref if isinstance(ref, str) else None

    def status_link(self, ref: str, lang: str) -> str:
        return f"{self.prefix(lang)}/request/{self.status_token(ref)}"

    # -- package --------------------------------------------------------------------

    def package_token(self, ref: str) -> str:
        return TimestampSigner(self.secret, salt=PACKAGE_SALT).sign(ref).decode()

    def package_ref(self, token: str) -> str | None:
        """The request of a package link still within its time, else None."""
        signer = TimestampSigner(self.secret, salt=PACKAGE_SALT)
        try:
            return signer.unsign(token, max_age=int(self.package_window.total_seconds())).decode()
        except (SignatureExpired, BadSignature):
            return None

    def package_link(self, ref: str, lang: str) -> str:
        return f"{self.prefix(lang)}/package/{self.package_token(ref)}"

    def package_file(self, ref: str) -> Path:
        return self.package_dir / f"{ref}.zip"


def sign_login(key: str, email: str) -> str:
    """A login assertion as the company's site makes it for a logged-in customer: the
    customer's address, signed and timestamped with the key from ``login_key``."""
    return str(URLSafeTimedSerializer(key, salt=LOGIN_SALT).dumps({"email": email}))


def new_token() -> tuple[str, str]:
    """A fresh verification token and the hash stored in its place."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
