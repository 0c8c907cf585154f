"""The audit log's tables: the entries and, per organisation, the head of the chain.

Each organisation has a chain of its own (see :mod:`waarborg.audit` for why).
``audit_heads`` holds the sequence number and hash of the newest entry: appending
locks that one row, which keeps concurrent writers from forking the chain, and
``verify`` compares it with the last entry, which reveals entries cut off the end.

``categories`` and ``details`` hold canonical JSON text (sorted keys, no spaces)
rather than a JSON column: the hash covers exactly the stored text, so verifying
a million entries needs no JSON parsing, and no database can re-format them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.store.base import Base, UtcDateTime, utcnow

# BIGINT on PostgreSQL; SQLite needs INTEGER for an auto-incrementing primary key.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class AuditEntry(Base):
    """One audited action. Never updated or deleted by waarborg."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        UniqueConstraint("organisation_id", "seq"),
        Index("ix_audit_entries_organisation_subject", "organisation_id", "subject_ref"),
        Index("ix_audit_entries_organisation_at", "organisation_id", "at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    seq: Mapped[int] = mapped_column(BigId, doc="1, 2, 3, … within the organisation")
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(60))
    subject_ref: Mapped[str | None] = mapped_column(String(40))
    activity_id: Mapped[str | None] = mapped_column(String(80))
    categories: Mapped[str] = mapped_column(Text, doc="canonical JSON list")
    system: Mapped[str | None] = mapped_column(String(80))
    outcome: Mapped[str] = mapped_column(String(40))
    details: Mapped[str] = mapped_column(Text, doc="canonical JSON object")
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The newest entry of one organisation's chain."""

    __tablename__ = "audit_heads"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id"), primary_key=True, autoincrement=False
    )
    last_seq: Mapped[int] = mapped_column(BigId, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
