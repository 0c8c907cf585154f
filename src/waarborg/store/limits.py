"""Recording and lifting restrictions (Art. 18) and objections (Art. 21).

These run inside the caller's transaction (a request being executed, an admin
action) and never commit; the caller also writes the audit entry, so the change
and its trace are stored together. ``activity`` None means every activity.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg._exceptions import ConflictError, InputError, NotFoundError
from waarborg.decide import DIRECT_MARKETING_PURPOSES
from waarborg.register import Register
from waarborg.store.base import utcnow
from waarborg.store.limit_tables import (
    OBJECTION_STATUSES,
    RESTRICTION_GROUNDS,
    Objection,
    Restriction,
)
from waarborg.store.tables import Subject


def _window(start: datetime | None, end: datetime | None) -> tuple[datetime, datetime | None]:
    begin = start or utcnow()
    if end is not None and end <= begin:
        raise InputError("the end must come after the start", field="ended_at")
    return begin, end


def record_restriction(
    session: Session,
    subject: Subject,
    *,
    ground: str,
    activity: str | None = None,
    reason: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> Restriction:
    """Restrict processing of ``subject``'s data from ``start`` (now) until ``end`` (open)."""
    if ground not in RESTRICTION_GROUNDS:
        raise InputError(
            "unknown ground for restriction", field="ground", allowed=RESTRICTION_GROUNDS
        )
    begin, until = _window(start, end)
    row = Restriction(
        organisation_id=subject.organisation_id,
        subject_id=subject.id,
        activity_id=activity,
        ground=ground,
        reason=reason,
        started_at=begin,
        ended_at=until,
    )
    session.add(row)
    session.flush()
    return row


def lift_restriction(
    session: Session,
    organisation_id: int,
    ref: str,
    *,
    reason: str | None = None,
    at: datetime | None = None,
) -> Restriction:
    """End a restriction now (or at ``at``); Art. 18(3) asks to tell the person first."""
    row = _one(session, Restriction, organisation_id, ref)
    if row.ended_at is not None and row.ended_at <= (at or utcnow()):
        raise ConflictError("this restriction has already ended")
    row.ended_at = at or utcnow()
    row.lift_reason = reason
    session.flush()
    return row


def record_objection(
    session: Session,
    subject: Subject,
    *,
    activity: str | None = None,
    reason: str | None = None,
    channel: str | None = None,
    status: str = "pending",
    start: datetime | None = None,
) -> Objection:
    """Record an objection; it takes effect at once, pending the controller's assessment."""
    if status not in OBJECTION_STATUSES:
        raise InputError("unknown objection status", field="status", allowed=OBJECTION_STATUSES)
    begin, _ = _window(start, None)
    row = Objection(
        organisation_id=subject.organisation_id,
        subject_id=subject.id,
        activity_id=activity,
        status=status,
        reason=reason,
        channel=channel,
        started_at=begin,
        decided_at=begin if status != "pending" else None,
    )
    session.add(row)
    session.flush()
    return row


def assess_objection(
    session: Session,
    register: Register,
    organisation_id: int,
    ref: str,
    *,
    status: str,
    assessment: str,
    at: datetime | None = None,
) -> Objection:
    """The controller's answer: ``upheld``, or ``overridden`` by compelling grounds.

    An objection to direct marketing cannot be overridden (Art. 21(3)), nor an
    objection to all activities, which includes any direct marketing.
    """
    if status not in ("upheld", "overridden"):
        raise InputError(
            "unknown objection status", field="status", allowed=("upheld", "overridden")
        )
    row = _one(session, Objection, organisation_id, ref)
    if status == "overridden" and _is_direct_marketing(register, row.activity_id):
        raise ConflictError("an objection to direct marketing cannot be overridden (Art. 21(3))")
    row.status = status
    row.assessment = assessment
    row.decided_at = at or utcnow()
    session.flush()
    return row


def end_objection(
    session: Session, organisation_id: int, ref: str, *, at: datetime | None = None
) -> Objection:
    """The person withdrew the objection; processing may resume from ``at``."""
    row = _one(session, Objection, organisation_id, ref)
    if row.ended_at is not None:
        raise ConflictError("this objection has already ended")
    row.ended_at = at or utcnow()
    session.flush()
    return row


def _is_direct_marketing(register: Register, activity: str | None) -> bool:
    if activity is None:
        return True
    if not register.has_activity(activity):
        return False
    found = register.activity(activity)
    return bool(DIRECT_MARKETING_PURPOSES.intersection(found.purposes) or found.channels)


_Row = TypeVar("_Row", Objection, Restriction)


def _one(session: Session, table: type[_Row], organisation_id: int, ref: str) -> _Row:
    row = session.scalar(
        select(table).where(table.organisation_id == organisation_id, table.ref == ref)
    )
    if row is None:
        raise NotFoundError("no such objection or restriction")
    return row
