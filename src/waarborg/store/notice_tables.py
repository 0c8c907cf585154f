"""Notices of a changed privacy statement, sent to the people whose data it touches.

One row per published version that changed what happens to data already
collected. The job that queues the mails walks the affected subjects in id order
and moves ``last_subject_id`` forward in the same transaction as each batch of
mails, so a crash resumes where it stopped and nobody is mailed twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.store.base import Base, UtcDateTime, utcnow


class StatementNotice(Base):
    __tablename__ = "statement_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    statement_version_id: Mapped[int] = mapped_column(ForeignKey("statement_versions.id"))
    activities: Mapped[list[str]] = mapped_column(JSON, default=list, doc="changed activity ids")
    status: Mapped[str] = mapped_column(String(10), default="queued", doc="queued, running, done")
    total: Mapped[int] = mapped_column(Integer, default=0, doc="subjects affected")
    queued: Mapped[int] = mapped_column(Integer, default=0, doc="mails queued so far")
    last_subject_id: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
