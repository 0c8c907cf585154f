"""People by identity, their anchor events, and their state for :func:`waarborg.decide.decide`.

Identities are looked up by keyed hash (:mod:`waarborg.identity`), so the same
address typed in other case finds the same person. Every function takes the
caller's session and never commits: the caller's transaction decides, so a
subject created for an event and the event itself are stored together or not
at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    or_,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from waarborg._exceptions import ConflictError, InputError, NotFoundError
from waarborg.identity import IDENTITY_KINDS, IdentityKind, keyed_hash, normalise
from waarborg.store.tables import Event, Subject, SubjectIdentity


@dataclass(frozen=True)
class Identity:
    """One way to recognise a person: ``Identity("email", "Jan@Example.nl")``."""

    kind: IdentityKind
    value: str

    def normalised(self) -> str:
        return normalise(self.kind, self.value)

    def hashed(self, secret: bytes) -> str:
        return keyed_hash(secret, self.kind, self.normalised())


def _check_kind(kind: str) -> None:
    if kind not in IDENTITY_KINDS:
        raise InputError("unknown identity kind", field="kind", allowed=IDENTITY_KINDS)


def find_subject(
    session: Session, organisation_id: int, identity: Identity, secret: bytes
) -> Subject | None:
    """The person with this identity, or None."""
    _check_kind(identity.kind)
    return session.scalar(
        select(Subject)
        .join(SubjectIdentity, SubjectIdentity.subject_id == Subject.id)
        .where(
            SubjectIdentity.organisation_id == organisation_id,
            SubjectIdentity.kind == identity.kind,
            SubjectIdentity.value_hash == identity.hashed(secret),
        )
    )


def find_subject_by_ref(session: Session, organisation_id: int, ref: str) -> Subject | None:
    return session.scalar(
        select(Subject).where(Subject.organisation_id == organisation_id, Subject.ref == ref)
    )


def subject_by_ref(session: Session, organisation_id: int, ref: str) -> Subject:
    """The person behind a ``sub_…`` reference of this organisation."""
    found = find_subject_by_ref(session, organisation_id, ref)
    if found is None:
        raise NotFoundError("no such subject")
    return found


def find_or_create_subject(
    session: Session, organisation_id: int, identities: list[Identity], secret: bytes
) -> tuple[Subject, bool]:
    """The person known by any of ``identities``, made if new; returns (subject, created).

    Identities the person does not have yet are added to them. Two identities that
    belong to two different people are a conflict, never silently merged.
    """
    if not identities:
        raise InputError("at least one identity is needed", field="identity")
    rows = [(i, i.normalised(), i.hashed(secret)) for i in identities]
    owners = {
        row.subject_id
        for row in session.execute(
            select(SubjectIdentity.subject_id).where(
                SubjectIdentity.organisation_id == organisation_id,
                _any_identity(rows),
            )
        )
    }
    if len(owners) > 1:
        raise ConflictError("these identities belong to different subjects")
    created = not owners
    if created:
        subject = Subject(organisation_id=organisation_id)
        session.add(subject)
        session.flush()
    else:
        subject = session.get_one(Subject, owners.pop())
    for identity, value, value_hash in rows:
        if not _attach(session, organisation_id, subject, identity.kind, value, value_hash):
            # Someone else stored this identity between our read and our write.
            raise ConflictError("this identity was just registered for another subject")
    return subject, created


def _any_identity(rows: list[tuple[Identity, str, str]]) -> ColumnElement[bool]:
    return or_(
        *(
            and_(SubjectIdentity.kind == identity.kind, SubjectIdentity.value_hash == value_hash)
            for identity, _value, value_hash in rows
        )
    )


def _attach(
    session: Session, organisation_id: int, subject: Subject, kind: str, value: str, hashed: str
) -> bool:
    """Add the identity unless present; False if it turned out to be someone else's."""
    existing = session.scalar(
        select(SubjectIdentity.subject_id).where(
            SubjectIdentity.organisation_id == organisation_id,
            SubjectIdentity.kind == kind,
            SubjectIdentity.value_hash == hashed,
        )
    )
    if existing is not None:
        return existing == subject.id
    try:
        with session.begin_nested():
            session.add(
                SubjectIdentity(
                    organisation_id=organisation_id,
                    subject_id=subject.id,
                    kind=kind,
                    value=value,
                    value_hash=hashed,
                )
            )
    except IntegrityError:
        return False
    return True


def record_event(
    session: Session,
    organisation_id: int,
    *,
    system: str,
    kind: str,
    reference: str,
    occurred_at: datetime,
    subject_id: int | None = None,
    details: Mapping[str, Any] | None = None,
) -> tuple[Event, bool]:
    """Store an anchor event once per (system, kind, reference); returns (event, created).

    A business system may post the same order's completion twice (a retry after a
    timeout): the second post returns the first event unchanged.
    """
    key = (
        Event.organisation_id == organisation_id,
        Event.system == system,
        Event.kind == kind,
        Event.reference == reference,
    )
    existing = session.scalar(select(Event).where(*key))
    if existing is not None:
        return existing, False
    event = Event(
        organisation_id=organisation_id,
        subject_id=subject_id,
        kind=kind,
        system=system,
        reference=reference,
        occurred_at=occurred_at,
        details=dict(details or {}),
    )
    try:
        with session.begin_nested():
            session.add(event)
    except IntegrityError:
        # A concurrent post of the same event won; return theirs.
        return session.scalars(select(Event).where(*key)).one(), False
    return event, True
