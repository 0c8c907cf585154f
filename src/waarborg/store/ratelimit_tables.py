"""Counters for rate limits, shared by every web process of an installation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.store.base import Base, UtcDateTime


class RateLimitHit(Base):
    """How often ``key`` was used in the window starting at ``window_start``.

    ``key_hash`` is a keyed hash of e.g. ``request:email:jan@example.nl`` or an IP
    address, so the table holds no personal data in clear.
    """

    __tablename__ = "rate_limit_hits"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UtcDateTime(), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
