"""Marketing preferences per channel (post, e-mail, social media, phone).

The register lists, per direct-marketing activity, the channels it uses (seed
Weservit: "per post, per e-mail, via social media, per telefoon"). Turning a channel
off is an objection to direct marketing through that channel, stored as an
objection to ``<activity>:<channel>``; turning every channel off is an objection to
the activity itself, which :func:`waarborg.decide.decide` honours at once and which
can never be overridden (Art. 21(3) AVG). Objections are recorded ``upheld``: for
direct marketing there is nothing to assess.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg import audit
from waarborg.decide import SubjectState
from waarborg.register import Register
from waarborg.store.base import utcnow
from waarborg.store.limit_tables import Objection
from waarborg.store.limits import record_objection
from waarborg.store.tables import Subject


def channel_key(activity: str, channel: str) -> str:
    """The objection's activity id for one channel of a marketing activity."""
    return f"{activity}:{channel}"


def channels_of(register: Register, activity: str) -> list[str]:
    return [c.channel for c in register.activity(activity).channels]


def marketing_activities(register: Register) -> list[str]:
    """The activities with marketing channels: those the preferences page shows."""
    return [a.id for a in register.activities if a.channels]


def open_objections(session: Session, subject: Subject) -> dict[str | None, Objection]:
    rows = session.scalars(
        select(Objection).where(Objection.subject_id == subject.id, Objection.ended_at.is_(None))
    )
    return {row.activity_id: row for row in rows}


def chosen(session: Session, register: Register, subject: Subject, activity: str) -> set[str]:
    """The channels of ``activity`` this person still allows."""
    objections = open_objections(session, subject)
    if None in objections or activity in objections:
        return set()
    return {
        c for c in channels_of(register, activity) if channel_key(activity, c) not in objections
    }


def channel_allowed(
    state: SubjectState, activity: str, channel: str, at: datetime | None = None
) -> bool:
    """Whether no objection stops marketing through ``channel`` now."""
    when = at or utcnow()
    key = channel_key(activity, channel)
    for objection in state.objections:
        if objection.ended_at is not None and objection.ended_at <= when:
            continue
        if objection.activity in (None, activity, key) and objection.started_at <= when:
            return False
    return True


def set_channels(
    session: Session,
    register: Register,
    subject: Subject,
    activity: str,
    wanted: Collection[str],
    *,
    via: str = "preferences-page",
) -> None:
    """Make the person's objections match the channels they still want."""
    objections = open_objections(session, subject)
    now = utcnow()
    channels = channels_of(register, activity)
    keys = [(channel_key(activity, c), c in wanted) for c in channels]
    keys.append((activity, any(c in wanted for c in channels)))
    for key, allowed in keys:
        existing = objections.get(key)
        if allowed and existing is not None:
            existing.ended_at = now
            _audit(session, subject, key, "objection.ended")
        elif not allowed and existing is None:
            record_objection(session, subject, activity=key, status="upheld", channel=via)
            _audit(session, subject, key, "objection")
    session.flush()


def _audit(session: Session, subject: Subject, activity: str, action: str) -> None:
    audit.append(
        session,
        subject.organisation_id,
        actor="data-subject",
        action=action,
        subject_ref=subject.ref,
        details={"about": activity},
    )
