"""Recording consent and its withdrawal, with the proof Art. 7(1) asks for.

The minimum the decision needs; the consent API, the newsletter double opt-in
and the cookie banner build on these two functions. They run in the caller's
transaction and never commit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg._exceptions import ConflictError, InputError, NotFoundError
from waarborg.store.base import utcnow
from waarborg.store.consent_tables import COLLECTION_METHODS, CONSENT_STATES, ConsentRecord
from waarborg.store.tables import Subject


def text_hash(text: str) -> str:
    """SHA-256 of the exact text shown, as stored in ``shown_text_hash``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_consent(
    session: Session,
    organisation_id: int,
    *,
    activity: str,
    state: str,
    shown_text_hash: str,
    language: str,
    collection_method: str,
    subject: Subject | None = None,
    anonymous_id: str | None = None,
    purposes: Sequence[str] = (),
    data_categories: Sequence[str] = (),
    statement_version_id: int | None = None,
    system: str | None = None,
    evidence: Mapping[str, Any] | None = None,
    collected_at: datetime | None = None,
    expires_at: datetime | None = None,
    supersedes: ConsentRecord | None = None,
) -> ConsentRecord:
    """Store one consent given or refused (state ``given`` or ``refused``)."""
    if state not in ("given", "refused"):
        raise InputError(
            "a new consent is given or refused", field="state", allowed=CONSENT_STATES[:2]
        )
    if collection_method not in COLLECTION_METHODS:
        raise InputError(
            "unknown collection method", field="collection_method", allowed=COLLECTION_METHODS
        )
    if subject is None and not anonymous_id:
        raise InputError("a consent needs a subject or an anonymous id", field="subject")
    if len(shown_text_hash) != 64:
        raise InputError("expected a SHA-256 hex digest", field="shown_text_hash")
    when = collected_at or utcnow()
    record = ConsentRecord(
        organisation_id=organisation_id,
        subject_id=subject.id if subject is not None else None,
        anonymous_id=anonymous_id,
        activity_id=activity,
        purposes=list(purposes),
        data_categories=list(data_categories),
        statement_version_id=statement_version_id,
        shown_text_hash=shown_text_hash,
        language=language,
        collection_method=collection_method,
        system=system,
        state=state,
        collected_at=when,
        expires_at=expires_at,
        ended_at=when if state == "refused" else None,
        evidence=dict(evidence or {}),
        supersedes_id=supersedes.id if supersedes is not None else None,
    )
    session.add(record)
    session.flush()
    return record


def withdraw_consent(
    session: Session,
    organisation_id: int,
    ref: str,
    *,
    method: str,
    at: datetime | None = None,
) -> ConsentRecord:
    """Mark a given consent withdrawn, and how (Art. 7(3): as easy as giving it)."""
    record = session.scalar(
        select(ConsentRecord).where(
            ConsentRecord.organisation_id == organisation_id, ConsentRecord.ref == ref
        )
    )
    if record is None:
        raise NotFoundError("no such consent record")
    if record.state != "given":
        raise ConflictError("only a given consent can be withdrawn")
    record.state = "withdrawn"
    record.ended_at = at or utcnow()
    record.withdrawal_method = method
    session.flush()
    return record
