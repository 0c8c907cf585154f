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
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Connection,
    String,
    and_,
    bindparam,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from waarborg._exceptions import ConflictError, InputError, NotFoundError
from waarborg.decide import (
    ConsentState,
    ObjectionState,
    RestrictionState,
    SubjectState,
    local_zone,
)
from waarborg.identity import IDENTITY_KINDS, IdentityKind, keyed_hash, normalise
from waarborg.store.base import UtcDateTime
from waarborg.store.consent_tables import ConsentRecord
from waarborg.store.limit_tables import Objection, Restriction
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


def _state_query(subject_id: Any) -> CompoundSelect[Any]:
    """Subject, consents, objections, restrictions and newest anchors in one round trip.

    The API asks for a decision before every retrieval, so this is one query, not
    five. The first SELECT fixes the column types: the three time columns come
    back as aware UTC datetimes from every part.
    """
    when = cast(null(), UtcDateTime())
    text = cast(null(), String())
    subject = select(
        literal("s"), Subject.ref, text, Subject.created_at, when, when, Subject.id
    ).where(Subject.id == subject_id)
    consents = select(
        literal("c"), ConsentRecord.activity_id, ConsentRecord.state, ConsentRecord.collected_at,
        ConsentRecord.ended_at, ConsentRecord.expires_at, ConsentRecord.id,
    ).where(ConsentRecord.subject_id == subject_id)  # fmt: skip
    objections = select(
        literal("o"), Objection.activity_id, Objection.status, Objection.started_at,
        Objection.ended_at, when, Objection.id,
    ).where(Objection.subject_id == subject_id)  # fmt: skip
    restrictions = select(
        literal("r"), Restriction.activity_id, Restriction.ground, Restriction.started_at,
        Restriction.ended_at, when, Restriction.id,
    ).where(Restriction.subject_id == subject_id)  # fmt: skip
    anchors = (
        select(literal("e"), Event.kind, text, func.max(Event.occurred_at), when, when, literal(0))
        .where(Event.subject_id == subject_id)
        .group_by(Event.kind)
    )
    return union_all(subject, consents, objections, restrictions, anchors)


_BY_ID = _state_query(bindparam("sid"))
_BY_REF = _state_query(
    select(Subject.id)
    .where(Subject.organisation_id == bindparam("org"), Subject.ref == bindparam("ref"))
    .scalar_subquery()
)
_BY_IDENTITY = _state_query(
    select(SubjectIdentity.subject_id)
    .where(
        SubjectIdentity.organisation_id == bindparam("org"),
        SubjectIdentity.kind == bindparam("kind"),
        SubjectIdentity.value_hash == bindparam("hash"),
    )
    .scalar_subquery()
)


def _state(rows: Any) -> SubjectState | None:
    """The state from the rows of :func:`_state_query`; None when there is no subject."""
    ref = None
    consent_rows: list[tuple[datetime, int, str, ConsentState]] = []
    objections: list[ObjectionState] = []
    restrictions: list[RestrictionState] = []
    anchors: dict[str, date] = {}
    for part, key, word, start, end, expires, row_id in rows:
        if part == "s":
            ref = key
        elif part == "c":
            given = None if word == "refused" else start
            ended = start if word == "refused" else end
            consent_rows.append((start, row_id, key, ConsentState(word, given, ended, expires)))
        elif part == "o":
            objections.append(ObjectionState(key, word, start, end))
        elif part == "r":
            restrictions.append(RestrictionState(key, word, start, end))
        elif start is not None:
            anchors[key] = start.astimezone(local_zone()).date()
    if ref is None:
        return None
    consent_rows.sort(key=lambda row: (row[0], row[1]))
    consents = {activity: state for _, _, activity, state in consent_rows}  # newest wins
    return SubjectState(ref, consents, tuple(objections), tuple(restrictions), anchors)


def state_by_ref(connection: Connection, organisation_id: int, ref: str) -> SubjectState | None:
    """The decision state of ``sub_…`` in this organisation; None if there is none."""
    return _state(connection.execute(_BY_REF, {"org": organisation_id, "ref": ref}))


def state_by_identity(
    connection: Connection, organisation_id: int, identity: Identity, secret: bytes
) -> SubjectState | None:
    """The decision state of the person with ``identity``; None if unknown."""
    params = {"org": organisation_id, "kind": identity.kind, "hash": identity.hashed(secret)}
    return _state(connection.execute(_BY_IDENTITY, params))


def load_subject_state(session: Session, subject: Subject | None) -> SubjectState:
    """Everything :func:`waarborg.decide.decide` needs about ``subject`` (None: a stranger)."""
    if subject is None:
        return SubjectState()
    found = _state(session.connection().execute(_BY_ID, {"sid": subject.id}))
    return found if found is not None else SubjectState()
