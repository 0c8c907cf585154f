"""The ledger backed by waarborg's own store.

Subjects live in the foundation tables (``subjects``, ``subject_identities``),
found by keyed hash. The audit log, restrictions and objections belong to the
runtime store (issue #4); until that is part of waarborg, this ledger refuses
to run requests rather than read personal data without logging it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg._exceptions import ConfigurationError
from waarborg.identity import keyed_hash
from waarborg.rights.ledger import AuditEvent, Ledger, Subject
from waarborg.store import Store
from waarborg.store.tables import Subject as SubjectRow
from waarborg.store.tables import SubjectIdentity
from waarborg.systems.found import Identity

NOT_WIRED = "the audit log is not part of this installation yet, so requests cannot run"


@dataclass
class StoreLedger:
    organisation_id: int
    secret: bytes

    def subject(self, session: Session, identities: Sequence[Identity]) -> Subject:
        found = None
        for identity in identities:
            normal = identity.normalised()
            digest = keyed_hash(self.secret, normal.kind, normal.value)
            found = session.scalar(
                select(SubjectRow)
                .join(SubjectIdentity)
                .where(
                    SubjectIdentity.organisation_id == self.organisation_id,
                    SubjectIdentity.kind == normal.kind,
                    SubjectIdentity.value_hash == digest,
                )
            )
            if found is not None:
                break
        if found is None:
            found = SubjectRow(organisation_id=self.organisation_id)
            session.add(found)
            session.flush()
            first = identities[0].normalised()
            session.add(
                SubjectIdentity(
                    organisation_id=self.organisation_id,
                    subject_id=found.id,
                    kind=first.kind,
                    value=first.value,
                    value_hash=keyed_hash(self.secret, first.kind, first.value),
                )
            )
        return Subject(found.id, found.ref)

    def audit(self, session: Session, events: Sequence[AuditEvent]) -> None:
        raise ConfigurationError(NOT_WIRED)

    def restrict(
        self, session: Session, subject: Subject, activities: Sequence[str | None], ground: str
    ) -> None:
        raise ConfigurationError(NOT_WIRED)

    def object(
        self,
        session: Session,
        subject: Subject,
        activities: Sequence[str | None],
        reason: str | None,
    ) -> None:
        raise ConfigurationError(NOT_WIRED)


def ledger_for(store: Store, organisation_id: int, secret: bytes) -> Ledger:
    """The ledger the CLI and the web layer use for ``store``."""
    del store
    return StoreLedger(organisation_id, secret)
