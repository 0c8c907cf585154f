"""Giving, refusing, withdrawing and reading consent, with its proof (Art. 7).

The JSON API, the cookie banner and the newsletter all come through here, so
every consent is recorded the same way: the newest record per activity is the
current one; a new choice supersedes it (the history stays, Art. 7(1): the
controller must be able to show what was agreed to, when and to which text);
each change is written to the audit log in the same transaction. A holder is a
subject or, for cookie choices, an anonymous consent id kept in the visitor's
browser. Functions run in the caller's transaction and never commit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg import audit
from waarborg._exceptions import InputError
from waarborg.store.consent_tables import ConsentRecord
from waarborg.store.consents import record_consent, withdraw_consent
from waarborg.store.tables import StatementVersion, Subject


@dataclass(frozen=True)
class Holder:
    """Whose consent: a subject, or an anonymous consent id (cookie choices)."""

    subject: Subject | None = None
    anonymous_id: str | None = None

    def __post_init__(self) -> None:
        if (self.subject is None) == (self.anonymous_id is None):
            raise InputError("give a subject or an anonymous consent id", field="subject")

    @property
    def subject_ref(self) -> str | None:
        return self.subject.ref if self.subject is not None else None


@dataclass(frozen=True)
class Shown:
    """What the person was shown when asked: Art. 7(1) proof of what they agreed to."""

    text_hash: str
    language: str
    method: str
    purposes: Sequence[str] = ()
    data_categories: Sequence[str] = ()
    evidence: Mapping[str, Any] | None = None
    system: str | None = None


def current_statement_version(session: Session, organisation_id: int) -> int | None:
    """The id of the newest published statement version (None before any is published)."""
    return session.scalar(
        select(StatementVersion.id)
        .where(StatementVersion.organisation_id == organisation_id)
        .order_by(StatementVersion.published_at.desc(), StatementVersion.id.desc())
        .limit(1)
    )


def current(session: Session, organisation_id: int, holder: Holder) -> dict[str, ConsentRecord]:
    """The newest record per activity of this holder: their consent state now."""
    query = select(ConsentRecord).where(ConsentRecord.organisation_id == organisation_id)
    if holder.subject is not None:
        query = query.where(ConsentRecord.subject_id == holder.subject.id)
    else:
        query = query.where(ConsentRecord.anonymous_id == holder.anonymous_id)
    found: dict[str, ConsentRecord] = {}
    for record in session.scalars(query.order_by(ConsentRecord.collected_at, ConsentRecord.id)):
        found[record.activity_id] = record
    return found


def latest(
    session: Session, organisation_id: int, holder: Holder, activity: str
) -> ConsentRecord | None:
    """The holder's current record for one activity (one indexed row, however long the
    history)."""
    query = select(ConsentRecord).where(
        ConsentRecord.organisation_id == organisation_id, ConsentRecord.activity_id == activity
    )
    if holder.subject is not None:
        query = query.where(ConsentRecord.subject_id == holder.subject.id)
    else:
        query = query.where(ConsentRecord.anonymous_id == holder.anonymous_id)
    order = (ConsentRecord.collected_at.desc(), ConsentRecord.id.desc())
    return session.scalar(query.order_by(*order).limit(1))


def choose(
    session: Session,
    organisation_id: int,
    holder: Holder,
    *,
    activity: str,
    given: bool,
    shown: Shown,
    actor: str,
    previous: ConsentRecord | None = None,
) -> ConsentRecord:
    """Record consent given or refused for ``activity``; it supersedes ``previous``.

    A given consent that is now refused is withdrawn instead, so the record shows how
    it ended (Art. 7(3)); the refusal itself is a new record after it.
    """
    if previous is not None and previous.state == "given" and not given:
        withdraw_consent(session, organisation_id, previous.ref, method=shown.method)
        _audit(session, organisation_id, holder, previous, "consent.withdrawn", actor)
    record = record_consent(
        session,
        organisation_id,
        activity=activity,
        state="given" if given else "refused",
        shown_text_hash=shown.text_hash,
        language=shown.language,
        collection_method=shown.method,
        subject=holder.subject,
        anonymous_id=holder.anonymous_id,
        purposes=shown.purposes,
        data_categories=shown.data_categories,
        statement_version_id=current_statement_version(session, organisation_id),
        system=shown.system,
        evidence=shown.evidence,
        supersedes=previous,
    )
    action = "consent.given" if given else "consent.refused"
    _audit(session, organisation_id, holder, record, action, actor)
    return record


def withdraw(
    session: Session,
    organisation_id: int,
    holder: Holder,
    *,
    activity: str,
    method: str,
    actor: str,
) -> ConsentRecord | None:
    """Withdraw the holder's given consent for ``activity``; None when none was in force."""
    record = latest(session, organisation_id, holder, activity)
    if record is None or record.state != "given":
        return None
    withdraw_consent(session, organisation_id, record.ref, method=method)
    _audit(session, organisation_id, holder, record, "consent.withdrawn", actor)
    return record


def _audit(
    session: Session,
    organisation_id: int,
    holder: Holder,
    record: ConsentRecord,
    action: str,
    actor: str,
) -> None:
    audit.append(
        session,
        organisation_id,
        actor=actor,
        action=action,
        subject_ref=holder.subject_ref,
        activity=record.activity_id,
        system=record.system,
        details={
            "record": record.ref,
            "method": record.withdrawal_method or record.collection_method,
        },
    )


def as_json(record: ConsentRecord) -> dict[str, Any]:
    """A record as the API and the access package show it (ISO/IEC TS 27560 names)."""
    return {
        "record": record.ref,
        "activity": record.activity_id,
        "state": record.state,
        "purposes": list(record.purposes),
        "data_categories": list(record.data_categories),
        "statement_version_id": record.statement_version_id,
        "shown_text_hash": record.shown_text_hash,
        "language": record.language,
        "collection_method": record.collection_method,
        "consent_type": record.consent_type,
        "collected_at": record.collected_at.isoformat(),
        "expires_at": record.expires_at.isoformat() if record.expires_at else None,
        "ended_at": record.ended_at.isoformat() if record.ended_at else None,
        "withdrawal_method": record.withdrawal_method,
    }


def history(session: Session, organisation_id: int, subject: Subject) -> list[dict[str, Any]]:
    """Every consent record of the subject, oldest first: for the access package."""
    rows = session.scalars(
        select(ConsentRecord)
        .where(
            ConsentRecord.organisation_id == organisation_id,
            ConsentRecord.subject_id == subject.id,
        )
        .order_by(ConsentRecord.collected_at, ConsentRecord.id)
    )
    return [as_json(record) for record in rows]
