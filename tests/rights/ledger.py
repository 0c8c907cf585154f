"""A ledger for tests: the real store ledger (subjects, the audit log, restrictions and
objections in waarborg's tables), which also keeps what it was asked in lists so a test
can read them without querying."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from waarborg.rights.ledger import AuditEvent, Subject
from waarborg.rights.store_ledger import StoreLedger


@dataclass
class RecordingLedger(StoreLedger):
    events: list[AuditEvent] = field(default_factory=list)
    restrictions: list[tuple[str, str | None, str]] = field(default_factory=list)
    objections: list[tuple[str, str | None]] = field(default_factory=list)

    def audit(self, session: Session, events: Sequence[AuditEvent]) -> None:
        super().audit(session, events)
        self.events.extend(events)

    def restrict(
        self, session: Session, subject: Subject, activities: Sequence[str | None], ground: str
    ) -> None:
        super().restrict(session, subject, activities, ground)
        self.restrictions += [(subject.ref, a, ground) for a in activities]

    def object(
        self,
        session: Session,
        subject: Subject,
        activities: Sequence[str | None],
        reason: str | None,
    ) -> None:
        super().object(session, subject, activities, reason)
        self.objections += [(subject.ref, a) for a in activities]
