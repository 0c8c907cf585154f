"""The ledger backed by waarborg's own store: subjects by keyed hash, the hash-chained
audit log, and the restrictions and objections that :func:`waarborg.decide.decide`
honours. Everything happens in the caller's transaction, so a change to a business
system's records and its audit entry are recorded together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from waarborg import audit
from waarborg.rights.ledger import AuditEvent, Ledger, Subject
from waarborg.store import Store, utcnow
from waarborg.store.limit_tables import Objection, Restriction
from waarborg.store.limits import record_objection, record_restriction
from waarborg.store.subjects import Identity as StoreIdentity
from waarborg.store.subjects import find_or_create_subject
from waarborg.store.tables import Subject as SubjectRow
from waarborg.systems.found import Identity


@dataclass
class StoreLedger:
    organisation_id: int
    secret: bytes
    actor: str = "waarborg"

    def subject(self, session: Session, identities: Sequence[Identity]) -> Subject:
        """The person known by any of ``identities`` (created on first contact).

        A customer id only means something in its own system, so it is stored as
        ``system:id`` when the request names the system.
        """
        known = [
            StoreIdentity(i.kind, f"{i.system}:{i.value}" if i.system else i.value)
            for i in identities
        ]
        row, _created = find_or_create_subject(session, self.organisation_id, known, self.secret)
        return Subject(row.id, row.ref)

    def audit(self, session: Session, events: Sequence[AuditEvent]) -> None:
        entries = [
            audit.Entry(
                actor=self.actor,
                action=e.action,
                subject_ref=e.subject_ref,
                system=e.system,
                categories=tuple(e.categories),
                details=dict(e.details),
            )
            for e in events
        ]
        audit.append_many(session, self.organisation_id, entries)

    def restrict(
        self, session: Session, subject: Subject, activities: Sequence[str | None], ground: str
    ) -> None:
        row = session.get_one(SubjectRow, subject.id)
        open_now = _open(session, Restriction, subject.id, Restriction.ground == ground)
        for activity in activities:
            if activity not in open_now:
                record_restriction(session, row, ground=ground, activity=activity)

    def object(
        self,
        session: Session,
        subject: Subject,
        activities: Sequence[str | None],
        reason: str | None,
    ) -> None:
        row = session.get_one(SubjectRow, subject.id)
        open_now = _open(session, Objection, subject.id, Objection.status != "overridden")
        for activity in activities:
            if activity not in open_now:
                record_objection(session, row, activity=activity, reason=reason)


def _open(
    session: Session, table: type[Restriction] | type[Objection], subject_id: int, *where: object
) -> set[str | None]:
    """Activities (None: all) with a limit of this kind in force, so reruns add none."""
    now = utcnow()
    return set(
        session.scalars(
            select(table.activity_id).where(
                table.subject_id == subject_id,
                or_(table.ended_at.is_(None), table.ended_at > now),
                *where,  # type: ignore[arg-type]
            )
        )
    )


def ledger_for(store: Store, organisation_id: int, secret: bytes) -> Ledger:
    """The ledger the CLI and the web layer use for ``store``."""
    del store
    return StoreLedger(organisation_id, secret)
