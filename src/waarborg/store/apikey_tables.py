"""API keys: one per calling system (webshop, portal), scoped to one organisation.

The secret part is shown once when the key is made and stored only as a SHA-256
hash; see :mod:`waarborg.store.apikeys` for why a fast hash is right here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.store.base import Base, UtcDateTime, utcnow


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    key_id: Mapped[str] = mapped_column(String(24), unique=True, doc="public part of the key")
    secret_hash: Mapped[str] = mapped_column(String(64))
    system: Mapped[str] = mapped_column(String(80), doc="the calling system, e.g. 'webshop'")
    label: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
