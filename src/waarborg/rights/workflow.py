"""The request workflow: received → verified → planned → (approved) → executed →
answered → closed, with rejection possible before execution.

Library functions for the privacy centre (web), the admin console and the CLI.
Each takes a :class:`~waarborg.rights.workflow_links.Desk` (the store, secret and
limits), the request's reference, an ``actor`` for the audit log, and ``now`` or
``today`` where time matters (tests fix them). Every state change is one
transaction holding the change, its audit entry and the mail it causes (through
the outbox); after it commits, the caller defers ``deliver-mail``. Work on the
company's systems (plan, execute) runs between transactions and is resumable: a
request whose execution was interrupted is still ``executed`` and runs again.

Deadlines follow Art. 12(3) AVG (see :mod:`waarborg.rights.deadlines`). A request
made for an unknown address is received, mailed and verified exactly like one
for a known address, so the centre's answers reveal nothing about who is a
customer (AP guidance: verify control of the address; no account enumeration).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg import audit
from waarborg._exceptions import ConflictError, InputError, NotFoundError
from waarborg.i18n import LANGUAGES, N_
from waarborg.identity import keyed_hash, normalise_email
from waarborg.register import Register
from waarborg.rights import deadlines, workflow_mail
from waarborg.rights import id_copy as id_copies
from waarborg.rights.execute import Fulfilment
from waarborg.rights.plan import Plan
from waarborg.rights.workflow_links import Desk, new_token, token_hash
from waarborg.rights.workflow_run import make_plan, plan_summary, run
from waarborg.store.base import new_ref, utcnow
from waarborg.store.consent_tables import ConsentRecord
from waarborg.store.executions import RequestExecution
from waarborg.store.limit_tables import Objection, Restriction
from waarborg.store.request_tables import REQUEST_KINDS, SubjectRequest
from waarborg.store.subjects import Identity, find_subject
from waarborg.store.tables import Event, Subject

ZONE = ZoneInfo("Europe/Amsterdam")
"""Dates of receipt and terms are Dutch calendar days."""

OPEN_STATES = ("verified", "planned", "approved", "executed")
"""States in which the company owes an answer."""


class LinkError(NotFoundError):
    """A verification or download link that is unknown, used up or expired; one error for
    all three, so a link reveals nothing about the request behind it."""


def link_error() -> LinkError:
    return LinkError.translatable(N_("this link has expired or has already been used"))


def local_day(moment: datetime) -> date:
    return moment.astimezone(ZONE).date()


@dataclass(frozen=True)
class Submitted:
    ref: str
    token: str
    """The verification token; it is mailed, and returned for the CLI and tests only."""


def submit(
    desk: Desk,
    register: Register,
    organisation_id: int,
    *,
    kind: str,
    email: str,
    language: str,
    details: Mapping[str, Any] | None = None,
    actor: str = "privacy-centre",
    now: datetime | None = None,
    verified_by: str | None = None,
    id_copy: bytes | None = None,
) -> Submitted:
    """Receive a request and mail its verification link, whether or not the address is
    known. ``details`` holds what the kind needs (fields to correct, channels, reason).

    ``verified_by="login"``: the company's own site vouched for the address (a valid
    login assertion), so the request is verified at once and no link is mailed.
    ``id_copy``: the shielded ID copy, required only where the register asks for one."""
    if kind not in REQUEST_KINDS:
        raise InputError("unknown request kind", field="kind", allowed=REQUEST_KINDS)
    if language not in LANGUAGES:
        raise InputError("unsupported language", field="language", allowed=LANGUAGES)
    address = normalise_email(email)
    moment = now or utcnow()
    token, hashed = new_token()
    snapshot = {
        "organisation": register.organisation.display_name(),
        "approval_required": register.rights.approval_required,
        "extension_possible": register.rights.extension_possible,
        **dict(details or {}),
    }
    ref = new_ref("req")
    if register.rights.verification.id_copy.required:
        snapshot["id_copy"] = id_copies.store_copy(desk, ref, id_copy or b"")
    try:
        with desk.store.transaction() as session:
            subject = find_subject(
                session, organisation_id, Identity("email", address), desk.secret
            )
            snapshot["known"] = subject is not None  # to forget a stranger after answering
            row = SubjectRequest(
                ref=ref,
                organisation_id=organisation_id,
                subject_id=subject.id if subject else None,
                kind=kind,
                state="received",
                language=language,
                received_at=moment,
                due_on=deadlines.due_date(local_day(moment), register.rights.response_term),
                details=snapshot,
                identity_hash=keyed_hash(desk.secret, "email", address),
                contact=address,
                verify_hash=hashed,
                verify_expires_at=moment + desk.verification_window,
                package_downloads=0,
            )
            session.add(row)
            session.flush()
            _audit(session, row, actor, "request.received")
            if verified_by is None:
                workflow_mail.verification(session, desk, row, token)
                return Submitted(row.ref, token)
            row.state, row.verified_at = "verified", moment
            row.verify_hash = row.verify_expires_at = None
            _audit(session, row, actor, "request.verified", method=verified_by)
            workflow_mail.confirmed(session, desk, row)
            return Submitted(row.ref, "")
    except BaseException:
        id_copies.remove_copy(desk, ref)  # the request was not stored: nor is its copy
        raise


def verify(desk: Desk, token: str, *, now: datetime | None = None) -> str:
    """Mark the request behind ``token`` verified (once, before the link expires) and
    mail the confirmation with its status link; returns the request's reference."""
    moment = now or utcnow()
    with desk.store.transaction() as session:
        row = session.scalar(
            select(SubjectRequest)
            .where(SubjectRequest.verify_hash == token_hash(token))
            .with_for_update()
        )
        if (
            row is None
            or row.state != "received"
            or row.verify_expires_at is None
            or row.verify_expires_at < moment
        ):
            raise link_error()
        row.state, row.verified_at = "verified", moment
        row.verify_hash = row.verify_expires_at = None
        _audit(session, row, "requester", "request.verified")
        workflow_mail.confirmed(session, desk, row)
        return row.ref


def plan(
    desk: Desk, ref: str, service: Fulfilment, *, actor: str, now: datetime | None = None
) -> Plan:
    """What the request would read, change and keep in each system; changes nothing
    there. The counts are kept on the request for the privacy contact's review."""
    with desk.store.transaction() as session:
        row = _load(session, ref, ("verified", "planned"))
        kind, contact, details = row.kind, _contact(row), dict(row.details)
    made = make_plan(service, kind, contact, details)
    with desk.store.transaction() as session:
        row = _load(session, ref, ("verified", "planned"))
        row.details = {**row.details, "plan": plan_summary(made)}
        row.state = "planned"
        row.subject_id = row.subject_id or _subject_id(desk, session, row)
        _audit(session, row, actor, "request.planned", found=made.found())
    del now
    return made


def approve(desk: Desk, ref: str, *, actor: str) -> None:
    """The privacy contact's go-ahead, where the register asks for one."""
    with desk.store.transaction() as session:
        row = _load(session, ref, ("planned",))
        row.state, row.approved_by = "approved", actor[:120]
        _audit(session, row, actor, "request.approved")


def extend(
    desk: Desk, ref: str, months: int, reason: str, *, actor: str, today: date | None = None
) -> date:
    """Extend the term (Art. 12(3)): with reasons, while it runs, at most two months;
    the person is mailed the new date and the reasons. Returns the new last day."""
    with desk.store.transaction() as session:
        row = _load(session, ref, OPEN_STATES)
        allowed = bool(row.details.get("extension_possible", True))
        extension = deadlines.extend(
            row.due_on,
            today or local_day(utcnow()),
            months,
            reason,
            already_extended=row.extended_until is not None,
            allowed=allowed,
        )
        row.extended_until, row.extension_reason = extension.until, extension.reason
        _audit(session, row, actor, "request.extended", until=extension.until.isoformat())
        workflow_mail.extended(session, desk, row, row.due_on)
        return extension.until


def reject(desk: Desk, ref: str, reason: str, *, actor: str, now: datetime | None = None) -> None:
    """Refuse the request with reasons; the mail names the right to complain to the AP
    and to go to court (Art. 12(4) AVG)."""
    cleaned = " ".join(reason.split())
    if len(cleaned) < 10:
        raise InputError.translatable(
            N_("give the reasons for refusing; the person is sent them"), field="reason"
        )
    with desk.store.transaction() as session:
        row = _load(session, ref, ("verified", "planned", "approved"))
        row.state, row.outcome = "rejected", "rejected"
        row.rejection_reason, row.answered_at = cleaned, now or utcnow()
        _audit(session, row, actor, "request.rejected")
        workflow_mail.rejected(session, desk, row)


def execute(
    desk: Desk, ref: str, service: Fulfilment, *, actor: str, now: datetime | None = None
) -> str:
    """Carry out the request in every system and mail the answer to the verified
    address; returns the outcome (``done`` or ``nothing-found``).

    Needs approval first where the register asked for it. Running it again after an
    interruption finishes the work (an erasure resumes its recorded plan).
    """
    moment = now or utcnow()
    with desk.store.transaction() as session:
        row = _load(session, ref, ("verified", "planned", "approved", "executed"))
        if row.state in ("verified", "planned") and row.details.get("approval_required"):
            raise ConflictError.translatable(N_("the privacy contact must approve it first"))
        row.state, row.executed_at = "executed", row.executed_at or moment
        _audit(session, row, actor, "request.executing")
        kind, contact, lang, details = row.kind, _contact(row), row.language, dict(row.details)
    result = run(service, kind, contact, details, ref=ref, lang=lang, now=moment)
    path = None
    if result.package is not None:
        path = desk.package_file(ref)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_bytes(result.package)
        partial.chmod(0o600)
        partial.replace(path)
    with desk.store.transaction() as session:
        row = _load(session, ref, ("executed",))
        row.state, row.outcome, row.answered_at = "answered", result.outcome, moment
        row.details = {**row.details, "summary": result.summary}
        row.subject_id = row.subject_id or _subject_id(desk, session, row)
        if result.outcome == "nothing-found" and not row.details.get("known"):
            _forget_stranger(session, row)
        if path is not None:
            row.package_path = str(path)
            row.package_expires_at = moment + desk.package_window
            row.package_downloads = 0
        _audit(session, row, actor, "request.answered", outcome=result.outcome)
        workflow_mail.answered(session, desk, row, held_until=result.held_until)
    return result.outcome


def close(desk: Desk, ref: str, *, actor: str, now: datetime | None = None) -> None:
    """Reduce the request to its anonymised record: type, dates, outcome, counts and the
    keyed hash of the identity. The address, reasons, fields and package go."""
    with desk.store.transaction() as session:
        row = _load(session, ref, ("received", "answered", "rejected"))
        if row.state == "received":
            row.outcome = "unverified"
        remove_package(row)
        row.state, row.closed_at = "closed", now or utcnow()
        _audit(session, row, actor, "request.closed", outcome=row.outcome)
        row.contact = row.verify_hash = row.verify_expires_at = None
        row.extension_reason = row.rejection_reason = None
        row.subject_id = None
        row.details = {"summary": row.details.get("summary", {})}
    id_copies.remove_copy(desk, ref)


def remove_package(row: SubjectRequest) -> None:
    """Delete the package file (if any) and forget it; a missing file is no error."""
    if row.package_path:
        Path(row.package_path).unlink(missing_ok=True)
    row.package_path = None


def download(desk: Desk, token: str, *, now: datetime | None = None) -> tuple[str, bytes]:
    """The access package behind a package link: (reference, zip bytes). Counts the
    download; the file is removed when the limit is reached or the term is over."""
    moment = now or utcnow()
    ref = desk.package_ref(token)
    if ref is None:
        raise link_error()
    with desk.store.transaction() as session:
        row = session.scalar(
            select(SubjectRequest).where(SubjectRequest.ref == ref).with_for_update()
        )
        if row is None or not row.package_path or row.package_expires_at is None:
            raise link_error()
        path = Path(row.package_path)
        if row.package_expires_at < moment or not path.exists():
            remove_package(row)
            raise link_error()
        data = path.read_bytes()
        row.package_downloads += 1
        if row.package_downloads >= desk.package_download_limit:
            remove_package(row)
        _audit(session, row, "requester", "request.package-downloaded")
        return row.ref, data


def find(session: Session, ref: str) -> SubjectRequest | None:
    return session.scalar(select(SubjectRequest).where(SubjectRequest.ref == ref))


def _load(session: Session, ref: str, states: Sequence[str]) -> SubjectRequest:
    row = session.scalar(select(SubjectRequest).where(SubjectRequest.ref == ref).with_for_update())
    if row is None:
        raise NotFoundError("no such request")
    if row.state not in states:
        raise ConflictError(f"the request is {row.state}; this step needs {', '.join(states)}")
    return row


def _contact(row: SubjectRequest) -> str:
    if row.contact is None:
        raise ConflictError("the request no longer holds an address")
    return row.contact


def _subject_id(desk: Desk, session: Session, row: SubjectRequest) -> int | None:
    """The person the request turned out to be about (created by the fulfilment's ledger)."""
    found = find_subject(
        session, row.organisation_id, Identity("email", _contact(row)), desk.secret
    )
    return found.id if found else None


def _forget_stranger(session: Session, row: SubjectRequest) -> None:
    """Remove the subject that fulfilling a request of someone unknown created (with
    their address), when nothing else refers to it: waarborg keeps no record of people
    it holds no data about (Art. 5(1)(c)); the request keeps only the keyed hash."""
    if row.subject_id is None:
        return
    for table in (ConsentRecord, Restriction, Objection, RequestExecution, Event):
        if session.scalar(select(table.id).where(table.subject_id == row.subject_id).limit(1)):
            return
    others = select(SubjectRequest.id).where(
        SubjectRequest.subject_id == row.subject_id, SubjectRequest.id != row.id
    )
    if session.scalar(others.limit(1)):
        return
    subject = session.get(Subject, row.subject_id)
    row.subject_id = None
    if subject is not None:
        session.delete(subject)


def _audit(session: Session, row: SubjectRequest, actor: str, action: str, **extra: Any) -> None:
    subject_ref = session.scalar(select(Subject.ref).where(Subject.id == row.subject_id))
    audit.append_many(
        session,
        row.organisation_id,
        [
            audit.Entry(
                actor=actor,
                action=action,
                subject_ref=subject_ref,
                details={"request": row.ref, "kind": row.kind, "state": row.state, **extra},
            )
        ],
    )
