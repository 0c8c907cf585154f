"""Retention sweeps: one row per run, with what it erased, masked or kept and why.

The report holds counts, table names and rule texts, never a row's values or keys,
so the admin console can show past runs to anyone who may see the register.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.store.base import Base, UtcDateTime, new_ref, utcnow

RUN_STATES = ("running", "done", "failed", "interrupted")


class RetentionRun(Base):
    """One sweep (or dry run) over every connected system of an organisation."""

    __tablename__ = "retention_runs"
    __table_args__ = (Index("ix_retention_runs_org_started", "organisation_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    ref: Mapped[str] = mapped_column(String(40), unique=True, default=lambda: new_ref("ret"))
    state: Mapped[str] = mapped_column(String(20), default="running")
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    as_of: Mapped[date] = mapped_column(Date)
    batch_size: Mapped[int] = mapped_column(Integer)
    batches: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """``{system: {table: {action, due, deleted, masked, kept, reasons}}}``."""
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
