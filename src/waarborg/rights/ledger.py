"""What request execution needs from waarborg's own records: who the person is, the
audit log, and restrictions and objections.

The runner calls these through the :class:`Ledger` protocol, always inside one of
the store's transactions, so a change and its audit entry commit together.
Nothing personal goes in: subjects are named by their ``sub_…`` reference and
entries carry tables, counts and categories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.orm import Session

from waarborg.systems.found import Identity


@dataclass(frozen=True)
class Subject:
    """The person a request is about, as waarborg's store knows them."""

    id: int
    ref: str


@dataclass(frozen=True)
class AuditEvent:
    """One audit entry: ``action`` such as ``request.read``; no personal data."""

    action: str
    subject_ref: str
    system: str | None = None
    categories: Sequence[str] = ()
    details: dict[str, Any] = field(default_factory=dict)


class Ledger(Protocol):
    """waarborg's records of people, their rights and every access to their data."""

    def subject(self, session: Session, identities: Sequence[Identity]) -> Subject:
        """The person with these identities, created on first contact."""

    def audit(self, session: Session, events: Sequence[AuditEvent]) -> None:
        """Append audit entries in the caller's transaction."""

    def restrict(
        self, session: Session, subject: Subject, activities: Sequence[str | None], ground: str
    ) -> None:
        """Restrict processing (Art. 18) for each activity (None: all of them)."""

    def object(
        self,
        session: Session,
        subject: Subject,
        activities: Sequence[str | None],
        reason: str | None,
    ) -> None:
        """Record an objection (Art. 21) to each activity (None: all of them)."""
