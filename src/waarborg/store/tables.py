"""The foundation tables: organisations, subjects and their identities, anchor events,
and published statement versions. Later features add their own modules and migrations.

Every row belongs to one organisation: one installation may serve several companies.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from waarborg.store.base import Base, UtcDateTime, new_ref, utcnow


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class Subject(Base):
    """A person waarborg knows of, by a pseudonymous reference only."""

    __tablename__ = "subjects"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    ref: Mapped[str] = mapped_column(String(40), unique=True, default=lambda: new_ref("sub"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    identities: Mapped[list[SubjectIdentity]] = relationship(
        back_populates="subject", cascade="all, delete-orphan"
    )


class SubjectIdentity(Base):
    """An e-mail address, phone number or customer id: normalised, and as a keyed hash
    for lookup (see :mod:`waarborg.identity`)."""

    __tablename__ = "subject_identities"
    __table_args__ = (UniqueConstraint("organisation_id", "kind", "value_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    subject_id: Mapped[int] = mapped_column(
        ForeignKey("subjects.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(320))
    value_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    subject: Mapped[Subject] = relationship(back_populates="identities")


class Event(Base):
    """An anchor event posted by a business system (order-completed, account-closed, …).

    ``(system, kind, reference)`` makes posting idempotent: a retried post of the same
    order's completion is recorded once.
    """

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("organisation_id", "system", "kind", "reference"),
        Index("ix_events_subject_kind", "subject_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("subjects.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(80))
    system: Mapped[str] = mapped_column(String(80))
    reference: Mapped[str] = mapped_column(String(200))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime())
    received_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class StatementVersion(Base):
    """A published statement: immutable, identified by the hash of its content."""

    __tablename__ = "statement_versions"
    __table_args__ = (UniqueConstraint("organisation_id", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    version: Mapped[str] = mapped_column(String(80))
    effective_date: Mapped[date] = mapped_column(Date)
    content_hash: Mapped[str] = mapped_column(String(64))
    register_json: Mapped[str] = mapped_column(Text)
    rendered: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    published_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    published_by: Mapped[str | None] = mapped_column(String(120))
