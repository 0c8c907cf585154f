"""API keys for business systems: made, listed, revoked, and checked on each call.

A key reads ``wbk_<key id>_<secret>``. The key id is public (it appears in
listings and in the audit log as the actor); the secret is 256 random bits,
shown once and stored only as its SHA-256. A slow password hash (argon2) would
add tens of milliseconds to every API call and buys nothing for a secret that
random: nobody can guess it from its hash.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg._exceptions import AuthenticationError, ConflictError, InputError, NotFoundError
from waarborg.i18n import N_
from waarborg.store.apikey_tables import ApiKey
from waarborg.store.base import utcnow

PREFIX = "wbk"
_TOKEN = re.compile(r"^wbk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")
_SYSTEM = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


@dataclass(frozen=True)
class Caller:
    """Who is calling the API: the key, its organisation and its system."""

    key_id: str
    organisation_id: int
    system: str

    @property
    def actor(self) -> str:
        return f"apikey:{self.key_id}"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_key(
    session: Session, organisation_id: int, system: str, label: str | None = None
) -> tuple[ApiKey, str]:
    """A new key for ``system``; returns the row and the full key, which is never stored."""
    if not _SYSTEM.match(system):
        raise InputError.translatable(
            N_("a system name is lower case letters, digits and hyphens, e.g. 'webshop'"),
            field="system",
        )
    key_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    row = ApiKey(
        organisation_id=organisation_id,
        key_id=key_id,
        secret_hash=_hash(secret),
        system=system,
        label=label,
    )
    session.add(row)
    session.flush()
    return row, f"{PREFIX}_{key_id}_{secret}"


def list_api_keys(session: Session, organisation_id: int | None = None) -> list[ApiKey]:
    query = select(ApiKey).order_by(ApiKey.created_at, ApiKey.id)
    if organisation_id is not None:
        query = query.where(ApiKey.organisation_id == organisation_id)
    return list(session.scalars(query))


def revoke_api_key(session: Session, key_id: str) -> ApiKey:
    """Refuse the key from now on; the row stays, so old audit entries still name it."""
    row = session.scalar(select(ApiKey).where(ApiKey.key_id == key_id))
    if row is None:
        raise NotFoundError.translatable(N_("no such API key"))
    if row.revoked_at is not None:
        raise ConflictError.translatable(N_("this API key was already revoked"))
    row.revoked_at = utcnow()
    session.flush()
    return row


def authenticate(session: Session, token: str) -> Caller:
    """The caller a key belongs to; :class:`AuthenticationError` for anything else."""
    match = _TOKEN.match(token)
    if match is None:
        raise AuthenticationError("invalid API key")
    key_id, secret = match.groups()
    row = session.execute(
        select(ApiKey.organisation_id, ApiKey.system, ApiKey.secret_hash, ApiKey.revoked_at).where(
            ApiKey.key_id == key_id
        )
    ).one_or_none()
    if row is None or row.revoked_at is not None:
        raise AuthenticationError("invalid API key")
    if not hmac.compare_digest(row.secret_hash, _hash(secret)):
        raise AuthenticationError("invalid API key")
    return Caller(key_id, row.organisation_id, row.system)
