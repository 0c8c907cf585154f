"""Data-subject requests as the privacy centre receives and the privacy contact handles them.

One row per request, from receipt to its anonymised record. While a request is
open it keeps the address it was made from (``contact``: answers go there and
nowhere else), the hash of its pending verification link and the access package
it produced. :func:`waarborg.rights.workflow.close` clears all of that, leaving
type, dates, outcome and the keyed hash of the identity (Art. 5(1)(c), (e): the
log of requests needs no more than that to show the company kept its terms).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.store.base import Base, UtcDateTime, new_ref, one_of

REQUEST_KINDS = (
    "access",
    "portability",
    "rectification",
    "erasure",
    "restriction",
    "objection",
    "withdraw-consent",
    "stop-marketing",
)
REQUEST_STATES = (
    "received",
    "verified",
    "planned",
    "approved",
    "executed",
    "answered",
    "rejected",
    "closed",
)


class SubjectRequest(Base):
    """A request of a data subject (Art. 12, 15–22) and, once closed, its anonymised record."""

    __tablename__ = "subject_requests"
    __table_args__ = (
        CheckConstraint(one_of("kind", REQUEST_KINDS), name="kind"),
        CheckConstraint(one_of("state", REQUEST_STATES), name="state"),
        Index("ix_subject_requests_open", "organisation_id", "state", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(40), unique=True, default=lambda: new_ref("req"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    subject_id: Mapped[int | None] = mapped_column(
        ForeignKey("subjects.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    state: Mapped[str] = mapped_column(String(20), default="received")
    language: Mapped[str] = mapped_column(String(5))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    due_on: Mapped[date] = mapped_column(Date)
    extended_until: Mapped[date | None] = mapped_column(Date)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    approved_by: Mapped[str | None] = mapped_column(String(120))
    executed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    outcome: Mapped[str | None] = mapped_column(String(30))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    identity_hash: Mapped[str] = mapped_column(String(64))
    contact: Mapped[str | None] = mapped_column(String(320))
    verify_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    verify_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    reminded_on: Mapped[date | None] = mapped_column(Date)
    package_path: Mapped[str | None] = mapped_column(String(500))
    package_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    package_downloads: Mapped[int] = mapped_column(Integer, default=0)

    def term_ends(self) -> date:
        """The day the answer is due: the extended term if there is one."""
        return self.extended_until or self.due_on
