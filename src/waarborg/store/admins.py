"""Admin console accounts: argon2 passwords, a TOTP second factor, store-backed sessions.

Seed ``twentenet.txt`` promises access "met een gebruikersnaam en een login token":
a password alone never opens the console. Codes are RFC 6238 TOTP (30-second
steps, six digits, one step of clock drift either way); each step is accepted
once per account, so a code read over someone's shoulder cannot be replayed.

Roles decide what a person may do (:data:`PERMISSIONS`): the privacy officer
everything; support handles requests but does not export other people's data
or read the audit log; the auditor reads (dashboard, register, audit log) and
changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from waarborg._exceptions import AuthenticationError, ConflictError, InputError
from waarborg.i18n import N_
from waarborg.store.admin_tables import AdminSession, AdminUser
from waarborg.store.base import utcnow

ROLES = ("privacy-officer", "support", "auditor")
ROLE_LABELS = {
    "privacy-officer": N_("privacy officer"),
    "support": N_("support"),
    "auditor": N_("auditor"),
}
PERMISSIONS: dict[str, frozenset[str]] = {
    "dashboard": frozenset(ROLES),
    "requests.view": frozenset({"privacy-officer", "support", "auditor"}),
    "requests.act": frozenset({"privacy-officer", "support"}),
    "requests.export": frozenset({"privacy-officer"}),
    "register.view": frozenset({"privacy-officer", "auditor"}),
    "statement.publish": frozenset({"privacy-officer"}),
    "audit.view": frozenset({"privacy-officer", "auditor"}),
}
MIN_PASSWORD = 12
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")
_HASHER = PasswordHasher()  # argon2id with the library's (RFC 9106 low-memory) defaults
# Checked against when the username is unknown, so a miss costs as long as a hit.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


def allowed(role: str, permission: str) -> bool:
    return role in PERMISSIONS[permission]


@dataclass(frozen=True)
class Account:
    """The signed-in person as the console sees them (no secrets)."""

    id: int
    organisation_id: int
    username: str
    role: str

    @property
    def actor(self) -> str:
        """How the audit log names this person: by account id, never by name."""
        return f"admin:{self.id}"

    @property
    def role_label(self) -> str:
        """The role's msgid, for templates to translate."""
        return ROLE_LABELS[self.role]

    def may(self, permission: str) -> bool:
        return allowed(self.role, permission)


def _account(user: AdminUser) -> Account:
    return Account(user.id, user.organisation_id, user.username, user.role)


def create_user(
    session: Session, organisation_id: int, username: str, role: str, password: str
) -> tuple[Account, str]:
    """A new account and its TOTP secret (shown once, to load into an authenticator app)."""
    if not _USERNAME.match(username):
        raise InputError.translatable(
            N_("a username is 2-80 lower-case letters, digits, dots, dashes or underscores"),
            field="username",
        )
    if role not in ROLES:
        raise InputError.translatable(
            N_("unknown role; one of: {roles}"), {"roles": ", ".join(ROLES)}, field="role",
            allowed=list(ROLES),
        )  # fmt: skip
    if len(password) < MIN_PASSWORD:
        raise InputError.translatable(
            N_("a password has at least {count} characters"), {"count": MIN_PASSWORD},
            field="password",
        )  # fmt: skip
    taken = session.scalar(
        select(AdminUser.id).where(
            AdminUser.organisation_id == organisation_id, AdminUser.username == username
        )
    )
    if taken is not None:
        raise ConflictError.translatable(N_("that username is taken"))
    secret = pyotp.random_base32()
    user = AdminUser(
        organisation_id=organisation_id, username=username, role=role,
        password_hash=_HASHER.hash(password), totp_secret=secret, last_totp_step=0,
    )  # fmt: skip
    session.add(user)
    session.flush()
    return _account(user), secret


def reset_credentials(session: Session, organisation_id: int, username: str, password: str) -> str:
    """A new password and TOTP secret for an existing account (the demo's, at every
    start); its sessions end. Returns the new secret."""
    user = session.scalars(
        select(AdminUser).where(
            AdminUser.organisation_id == organisation_id, AdminUser.username == username
        )
    ).one()
    user.password_hash = _HASHER.hash(password)
    user.totp_secret = pyotp.random_base32()
    user.last_totp_step = 0
    session.execute(delete(AdminSession).where(AdminSession.user_id == user.id))
    return user.totp_secret


def provisioning_uri(username: str, secret: str, issuer: str) -> str:
    """The ``otpauth://`` link an authenticator app reads (usually as a QR code)."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=issuer)


def _failed() -> AuthenticationError:
    # One message for every cause: it must not tell which of the three was wrong.
    return AuthenticationError.translatable(N_("the username, password or code is not right"))


def _code_step(secret: str, code: str, last_step: int, now: datetime) -> int | None:
    """The time step ``code`` belongs to (now ± one step), if not used before."""
    totp = pyotp.TOTP(secret)
    current = int(now.timestamp()) // totp.interval
    for step in (current, current - 1, current + 1):
        if step > last_step and secrets.compare_digest(totp.at(step * totp.interval), code):
            return step
    return None


def check_login(
    session: Session,
    organisation_id: int,
    username: str,
    password: str,
    code: str,
    now: datetime | None = None,
) -> Account:
    """The account, when password and code are right; AuthenticationError otherwise."""
    moment = now or utcnow()
    user = session.scalar(
        select(AdminUser)
        .where(AdminUser.organisation_id == organisation_id, AdminUser.username == username)
        .with_for_update()
    )
    try:
        _HASHER.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        raise _failed() from None
    if user is None or user.disabled_at is not None:
        raise _failed()
    step = _code_step(user.totp_secret, code.strip().replace(" ", ""), user.last_totp_step, moment)
    if step is None:
        raise _failed()
    user.last_totp_step = step
    user.last_login_at = moment
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    return _account(user)


def _token_hash(token: str) -> str:
    # A fast hash suffices: the token is 256 random bits, nothing to guess.
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(
    session: Session, account: Account, minutes: int, now: datetime | None = None
) -> str:
    """A new session token for ``account``, valid ``minutes`` from now."""
    moment = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.execute(delete(AdminSession).where(AdminSession.expires_at < moment))
    session.add(
        AdminSession(
            token_hash=_token_hash(token), user_id=account.id, created_at=moment,
            expires_at=moment + timedelta(minutes=minutes),
        )
    )  # fmt: skip
    return token


def session_account(session: Session, token: str, now: datetime | None = None) -> Account | None:
    """Whose session ``token`` is, or None when it is unknown, expired or the account disabled."""
    moment = now or utcnow()
    user = session.scalar(
        select(AdminUser)
        .join(AdminSession, AdminSession.user_id == AdminUser.id)
        .where(
            AdminSession.token_hash == _token_hash(token),
            AdminSession.expires_at > moment,
            AdminUser.disabled_at.is_(None),
        )
    )
    return _account(user) if user else None


def close_session(session: Session, token: str) -> None:
    session.execute(delete(AdminSession).where(AdminSession.token_hash == _token_hash(token)))


def list_users(session: Session, organisation_id: int) -> list[AdminUser]:
    return list(
        session.scalars(
            select(AdminUser)
            .where(AdminUser.organisation_id == organisation_id)
            .order_by(AdminUser.username)
        )
    )
