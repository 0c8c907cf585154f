"""A ledger for tests until the runtime store (issue #4) is wired: subjects in the real
store tables, audit events and limits kept in lists the tests read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.identity import keyed_hash
from waarborg.rights.ledger import AuditEvent, Subject
from waarborg.store.tables import Subject as SubjectRow
from waarborg.store.tables import SubjectIdentity
from waarborg.systems.found import Identity


@dataclass
class RecordingLedger:
    organisation_id: int
    secret: bytes
    events: list[AuditEvent] = field(default_factory=list)
    restrictions: list[tuple[str, str | None, str]] = field(default_factory=list)
    objections: list[tuple[str, str | None]] = field(default_factory=list)

    def subject(self, session: Session, identities: Sequence[Identity]) -> Subject:
        identity = identities[0].normalised()
        digest = keyed_hash(self.secret, identity.kind, identity.value)
        row = session.scalar(
            select(SubjectRow)
            .join(SubjectIdentity)
            .where(SubjectIdentity.kind == identity.kind, SubjectIdentity.value_hash == digest)
        )
        if row is None:
            row = SubjectRow(organisation_id=self.organisation_id)
            session.add(row)
            session.flush()
            session.add(
                SubjectIdentity(
                    organisation_id=self.organisation_id,
                    subject_id=row.id,
                    kind=identity.kind,
                    value=identity.value,
                    value_hash=digest,
                )
            )
        return Subject(row.id, row.ref)

    def audit(self, session: Session, events: Sequence[AuditEvent]) -> None:
        self.events.extend(events)

    def restrict(
        self, session: Session, subject: Subject, activities: Sequence[str | None], ground: str
    ) -> None:
        self.restrictions += [(subject.ref, a, ground) for a in activities]

    def object(
        self,
        session: Session,
        subject: Subject,
        activities: Sequence[str | None],
        reason: str | None,
    ) -> None:
        self.objections += [(subject.ref, a) for a in activities]
