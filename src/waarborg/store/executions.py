"""Progress of request executions, and rows kept under a legal hold.

An erasure records its plan (primary keys, actions, hold dates; never personal
values) before it touches a business database, and marks each system done
after that system's transaction committed. A rerun after an interruption reads
the plan back and finishes the systems not yet done, so nothing planned for
erasure is missed and nothing held is erased. Held rows are recorded as
restricted, with the last day they must be kept; retention sweeps erase them
the day after.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from waarborg.store.base import Base, UtcDateTime, new_ref, utcnow


class RequestExecution(Base):
    """One execution of a data-subject request against the connected systems."""

    __tablename__ = "request_executions"
    __table_args__ = (Index("ix_request_executions_subject_kind", "subject_id", "kind", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    ref: Mapped[str] = mapped_column(String(40), unique=True, default=lambda: new_ref("exe"))
    subject_id: Mapped[int] = mapped_column(ForeignKey("subjects.id"))
    kind: Mapped[str] = mapped_column(String(20))
    request_ref: Mapped[str | None] = mapped_column(String(80))
    state: Mapped[str] = mapped_column(String(20), default="running")
    plan: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class RequestStep(Base):
    """One system of an execution; ``done`` once its transaction has committed."""

    __tablename__ = "request_steps"
    __table_args__ = (UniqueConstraint("execution_id", "system"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    execution_id: Mapped[int] = mapped_column(
        ForeignKey("request_executions.id", ondelete="CASCADE")
    )
    system: Mapped[str] = mapped_column(String(80))
    state: Mapped[str] = mapped_column(String(20), default="pending")
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class HeldRow(Base):
    """A business row kept under a legal hold: restricted, erased after ``held_until``."""

    __tablename__ = "held_rows"
    __table_args__ = (
        UniqueConstraint("organisation_id", "system", "table_name", "row_key"),
        Index("ix_held_rows_held_until", "held_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    subject_id: Mapped[int | None] = mapped_column(
        ForeignKey("subjects.id", ondelete="SET NULL"), index=True
    )
    execution_id: Mapped[int | None] = mapped_column(
        ForeignKey("request_executions.id", ondelete="SET NULL")
    )
    system: Mapped[str] = mapped_column(String(80))
    table_name: Mapped[str] = mapped_column(String(128))
    row_key: Mapped[str] = mapped_column(String(255))
    obligation: Mapped[str] = mapped_column(String(80))
    held_until: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
