"""Objections (Art. 21) and restrictions of processing (Art. 18), per subject.

Both apply to one activity (``activity_id``) or, when it is empty, to every
activity of the organisation, from ``started_at`` until ``ended_at`` (open when
empty). :func:`waarborg.decide.decide` reads them through the subject state.

An objection is ``pending`` until the controller has assessed it, then
``upheld`` or ``overridden`` (the controller demonstrated compelling legitimate
grounds, Art. 21(1)). An objection to direct marketing can never be overridden
(Art. 21(3)); :mod:`waarborg.store.limits` refuses that status for it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.store.base import Base, UtcDateTime, new_ref, one_of, utcnow

OBJECTION_STATUSES = ("pending", "upheld", "overridden")
# Art. 18(1)(a)–(d): the four situations in which a person can ask for restriction;
# "legal-hold" is the controller's own restriction of data kept only for a legal duty.
RESTRICTION_GROUNDS = (
    "accuracy-contested",
    "unlawful-processing",
    "legal-claims",
    "objection-pending",
    "legal-hold",
)


class Objection(Base):
    __tablename__ = "objections"
    __table_args__ = (
        CheckConstraint(one_of("status", OBJECTION_STATUSES), name="status"),
        Index("ix_objections_subject_id", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(40), unique=True, default=lambda: new_ref("obj"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    subject_id: Mapped[int] = mapped_column(ForeignKey("subjects.id", ondelete="CASCADE"))
    activity_id: Mapped[str | None] = mapped_column(String(80), doc="empty: every activity")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    reason: Mapped[str | None] = mapped_column(Text, doc="the person's grounds, if given")
    assessment: Mapped[str | None] = mapped_column(Text, doc="why it was upheld or overridden")
    channel: Mapped[str | None] = mapped_column(String(40), doc="how it reached us")
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class Restriction(Base):
    __tablename__ = "restrictions"
    __table_args__ = (
        CheckConstraint(one_of("ground", RESTRICTION_GROUNDS), name="ground"),
        Index("ix_restrictions_subject_id", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(40), unique=True, default=lambda: new_ref("rst"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    subject_id: Mapped[int] = mapped_column(ForeignKey("subjects.id", ondelete="CASCADE"))
    activity_id: Mapped[str | None] = mapped_column(String(80), doc="empty: every activity")
    ground: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    lift_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
