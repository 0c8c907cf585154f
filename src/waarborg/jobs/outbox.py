"""Queueing mail and delivering it with retries, so nothing is lost while SMTP is down.

``queue_mail`` adds a row inside the caller's transaction; the ``deliver-mail``
task sends what is due. Each message is first claimed in a short transaction
(a conditional update, so two workers never claim the same row, on SQLite as on
PostgreSQL), then sent with no transaction open — a slow SMTP server must not
hold the database's write lock — and then marked. A claim whose worker died is
taken up again after ``CLAIM_TIMEOUT`` (mail is delivered at least once). A failed
attempt is retried with growing pauses; after ``MAX_ATTEMPTS`` the message is
marked failed and shows in the admin console. Sent messages are redacted after
``KEEP_SENT`` so the outbox does not become an archive of personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from waarborg.jobs.registry import JobContext, registry
from waarborg.mail import MailDeliveryError, MailMessage, SmtpMailer
from waarborg.store.base import utcnow
from waarborg.store.outbox_tables import OutboxMail
from waarborg.store.tables import Organisation

MAX_ATTEMPTS = 12
CLAIM_TIMEOUT = timedelta(minutes=15)
KEEP_SENT = timedelta(days=30)
REDACTED = "[verwijderd]"


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4 … minutes, at most an hour: twelve attempts span about six hours."""
    return timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))


def queue_mail(session: Session, organisation_id: int, message: MailMessage, kind: str) -> int:
    row = OutboxMail(
        organisation_id=organisation_id,
        kind=kind,
        to_address=message.to,
        subject=message.subject,
        body_text=message.text,
        body_html=message.html,
        headers=dict(message.headers),
    )
    session.add(row)
    session.flush()
    return row.id


@dataclass(frozen=True)
class Undelivered:
    """A message not yet sent, as the console shows it: never its address or text."""

    kind: str
    status: str
    attempts: int
    created_at: datetime
    next_attempt_at: datetime


@dataclass(frozen=True)
class QueueStatus:
    """What the privacy contact must know about the outbox: is mail getting out?"""

    waiting: int
    failed: int
    undelivered: list[Undelivered]


def queue_status(session: Session, organisation_id: int, limit: int = 10) -> QueueStatus:
    """Unsent mail of one organisation, oldest first; failed messages need a person."""
    pending = OutboxMail.status.in_(("pending", "sending", "failed"))
    columns = (
        OutboxMail.kind, OutboxMail.status, OutboxMail.attempts,
        OutboxMail.created_at, OutboxMail.next_attempt_at,
    )  # fmt: skip
    rows = session.execute(
        select(*columns)
        .where(OutboxMail.organisation_id == organisation_id, pending)
        .order_by(OutboxMail.created_at, OutboxMail.id)
    ).all()
    undelivered = [Undelivered(*row) for row in rows]
    failed = sum(1 for row in undelivered if row.status == "failed")
    return QueueStatus(len(undelivered) - failed, failed, undelivered[:limit])


@dataclass(frozen=True)
class DeliveryResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def deliver_due(
    ctx: JobContext, *, limit: int = 100, now: datetime | None = None
) -> DeliveryResult:
    """Send up to ``limit`` due messages; each in its own transaction."""
    sent = retrying = failed = 0
    for _ in range(limit):
        outcome = _deliver_one(ctx, now or utcnow())
        if outcome is None:
            break
        if outcome == "sent":
            sent += 1
        elif outcome == "failed":
            failed += 1
        else:
            retrying += 1
    return DeliveryResult(sent, retrying, failed)


def _deliver_one(ctx: JobContext, now: datetime) -> str | None:
    claimed = _claim(ctx, now)
    if claimed is None:
        return None
    row_id, attempts, message, sender_name = claimed
    try:
        message_id = SmtpMailer(ctx.settings.smtp, sender_name=sender_name).send(message)
    except MailDeliveryError as exc:
        give_up = attempts >= MAX_ATTEMPTS
        _finish(
            ctx,
            row_id,
            status="failed" if give_up else "pending",
            last_error=str(exc)[:300],
            next_attempt_at=now + retry_delay(attempts),
        )
        return "failed" if give_up else "retrying"
    _finish(ctx, row_id, status="sent", sent_at=now, message_id=message_id, last_error=None)
    return "sent"


def _claim(ctx: JobContext, now: datetime) -> tuple[int, int, MailMessage, str | None] | None:
    due = or_(
        and_(OutboxMail.status == "pending", OutboxMail.next_attempt_at <= now),
        and_(OutboxMail.status == "sending", OutboxMail.claimed_at < now - CLAIM_TIMEOUT),
    )
    while True:
        with ctx.store.transaction() as session:
            row = session.scalar(
                select(OutboxMail)
                .where(due)
                .order_by(OutboxMail.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            if row is None:
                return None
            attempts = row.attempts + 1
            taken = session.execute(
                update(OutboxMail)
                .where(
                    OutboxMail.id == row.id,
                    OutboxMail.attempts == row.attempts,
                    OutboxMail.status == row.status,
                )
                .values(status="sending", claimed_at=now, attempts=attempts)
                .execution_options(synchronize_session=False)
            )
            if not taken.rowcount:
                continue  # another worker claimed it first
            sender = session.scalar(
                select(Organisation.name).where(Organisation.id == row.organisation_id)
            )
            message = MailMessage(
                to=row.to_address,
                subject=row.subject,
                text=row.body_text,
                html=row.body_html,
                headers=row.headers,
            )
            return row.id, attempts, message, sender


def _finish(ctx: JobContext, row_id: int, **values: object) -> None:
    with ctx.store.transaction() as session:
        session.execute(update(OutboxMail).where(OutboxMail.id == row_id).values(**values))


def redact_sent(ctx: JobContext, *, now: datetime | None = None) -> int:
    """Blank the address and bodies of messages sent longer than ``KEEP_SENT`` ago."""
    cutoff = (now or utcnow()) - KEEP_SENT
    with ctx.store.transaction() as session:
        result = session.execute(
            update(OutboxMail)
            .where(
                OutboxMail.status == "sent",
                OutboxMail.sent_at < cutoff,
                OutboxMail.to_address != REDACTED,
            )
            .values(to_address=REDACTED, body_text="", body_html=None, headers={})
        )
        return int(result.rowcount or 0)


@registry.task("deliver-mail", every=timedelta(minutes=1))
def deliver_mail_task(ctx: JobContext) -> None:
    deliver_due(ctx)


@registry.task("redact-sent-mail", every=timedelta(hours=24))
def redact_sent_task(ctx: JobContext) -> None:
    redact_sent(ctx)
