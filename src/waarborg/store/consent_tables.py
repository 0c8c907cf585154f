"""Consent records: proof of each consent given, refused, withdrawn or expired.

The fields follow the ISO/IEC TS 27560 consent record and the Kantara Consent
Receipt, and what AVG/GDPR Art. 7(1) asks a controller to be able to show: who
(a subject, or an anonymous consent id for cookie choices), for which activity,
purposes and data categories, what exactly they were shown (the statement
version and a hash of the text), in which language, how it was collected, when,
with which evidence, and how it ended. Withdrawal must be as easy as giving
(Art. 7(3)), so the withdrawal method is recorded too.

A record changes state in place (given → withdrawn or expired); each change is
also written to the audit log by the caller. ``supersedes_id`` links a renewed
consent to the record it replaces, so the history stays complete.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.store.base import Base, UtcDateTime, new_ref, one_of, utcnow

CONSENT_STATES = ("given", "refused", "withdrawn", "expired")
# How consent was asked for; "import" marks records carried over from an older system.
COLLECTION_METHODS = (
    "banner",
    "form",
    "double-opt-in",
    "account",
    "separate-request",
    "verbal",
    "import",
)


class ConsentRecord(Base):
    __tablename__ = "consent_records"
    __table_args__ = (
        CheckConstraint(one_of("state", CONSENT_STATES), name="state"),
        CheckConstraint(one_of("collection_method", COLLECTION_METHODS), name="collection_method"),
        CheckConstraint(
            "subject_id IS NOT NULL OR anonymous_id IS NOT NULL", name="subject_or_anonymous"
        ),
        Index("ix_consent_records_subject_activity", "subject_id", "activity_id"),
        Index("ix_consent_records_organisation_anonymous", "organisation_id", "anonymous_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(40), unique=True, default=lambda: new_ref("cns"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("subjects.id", ondelete="CASCADE"))
    anonymous_id: Mapped[str | None] = mapped_column(
        String(80), doc="random id kept in the visitor's browser, for cookie choices"
    )
    activity_id: Mapped[str] = mapped_column(String(80))
    purposes: Mapped[list[str]] = mapped_column(JSON, default=list)
    data_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    statement_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("statement_versions.id", ondelete="RESTRICT")
    )
    shown_text_hash: Mapped[str] = mapped_column(
        String(64), doc="SHA-256 of the exact text shown when consent was asked"
    )
    language: Mapped[str] = mapped_column(String(8))
    collection_method: Mapped[str] = mapped_column(String(30))
    consent_type: Mapped[str] = mapped_column(
        String(20), default="explicit", doc="explicit or expressed (Kantara consentType)"
    )
    system: Mapped[str | None] = mapped_column(String(80), doc="system that collected it")
    state: Mapped[str] = mapped_column(String(20))
    collected_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(
        UtcDateTime(), doc="when it was withdrawn or expired"
    )
    withdrawal_method: Mapped[str | None] = mapped_column(String(40))
    evidence: Mapped[dict[str, Any]] = mapped_column(
        JSON, default=dict, doc="confirmation token hash, user agent, form id"
    )
    supersedes_id: Mapped[int | None] = mapped_column(
        ForeignKey("consent_records.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
