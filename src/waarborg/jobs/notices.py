"""Telling the people concerned that the privacy statement changed.

When a new version changes what happens to data already collected (a new
purpose, legal basis, recipient or retention term; see
:mod:`waarborg.statement.diff`), the people whose data is in a changed activity
must be told: Art. 13(3) AVG for a further purpose, and seed ``itsb.txt`` promises
an e-mail for every change. "Whose data is in an activity" is what waarborg's
store knows: a consent given for the activity, or an anchor event of the
activity's retention rule (an order completed, an account closed) about them.

:func:`start_notice` records the notice (and how many people it reaches) in the
transaction that publishes; the ``notify-statement-change`` task then queues the
mails in batches, each batch with its cursor in one transaction, so a crash
resumes where it stopped and nobody is mailed twice. Progress is the notice row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session

from waarborg.jobs.outbox import deliver_mail_task, queue_mail
from waarborg.jobs.registry import JobContext, registry
from waarborg.mail import render_mail
from waarborg.register import Register, parse_register
from waarborg.statement import describe_diff, diff_registers
from waarborg.statement.diff import RegisterDiff
from waarborg.store.base import utcnow
from waarborg.store.consent_tables import ConsentRecord
from waarborg.store.notice_tables import StatementNotice
from waarborg.store.outbox_tables import OutboxMail
from waarborg.store.tables import Event, Organisation, Subject, SubjectIdentity
from waarborg.store.tables import StatementVersion as VersionRow

BATCH = 100
MAIL_KIND = "statement-notice"
TASK = "notify-statement-change"


def changed_activities(diff: RegisterDiff, new: Register) -> list[str]:
    """Activities whose existing data the change touches (also via a changed recipient)."""
    changed = {
        c.item
        for c in diff.changes
        if c.affects_existing_data and c.section == "activities" and c.item and c.kind != "added"
    }
    parties = {c.item for c in diff.changes if c.affects_existing_data and c.section == "parties"}
    changed |= {a.id for a in new.activities if parties & set(a.recipients)}
    return sorted(str(a) for a in changed)


def _affected(organisation_id: int, activities: Sequence[str], register: Register) -> Select[Any]:
    anchors = {
        a.retention.after for a in register.activities if a.id in activities and a.retention.after
    }
    consented = exists().where(
        ConsentRecord.subject_id == Subject.id,
        ConsentRecord.activity_id.in_(activities),
        ConsentRecord.state == "given",
    )
    anchored = exists().where(Event.subject_id == Subject.id, Event.kind.in_(anchors))
    return select(Subject.id).where(
        Subject.organisation_id == organisation_id, or_(consented, anchored)
    )


def count_affected(
    session: Session, organisation_id: int, activities: Sequence[str], register: Register
) -> int:
    """How many people a notice about ``activities`` would reach."""
    if not activities:
        return 0
    affected = _affected(organisation_id, activities, register).subquery()
    return int(session.scalar(select(func.count()).select_from(affected)) or 0)


def start_notice(
    session: Session,
    organisation_id: int,
    version_id: int,
    activities: Sequence[str],
    register: Register,
    actor: str,
) -> StatementNotice:
    """Record a notice for the subjects with data in ``activities``; the caller defers
    :data:`TASK` after commit."""
    total = session.scalar(
        select(func.count()).select_from(
            _affected(organisation_id, activities, register).subquery()
        )
    )
    notice = StatementNotice(
        organisation_id=organisation_id, statement_version_id=version_id,
        activities=list(activities), status="queued", total=int(total or 0), queued=0,
        last_subject_id=0, created_by=actor,
    )  # fmt: skip
    session.add(notice)
    session.flush()
    return notice


def _versions(session: Session, notice: StatementNotice) -> tuple[VersionRow, VersionRow | None]:
    new = session.get_one(VersionRow, notice.statement_version_id)
    old = session.scalar(
        select(VersionRow)
        .where(VersionRow.organisation_id == notice.organisation_id, VersionRow.id < new.id)
        .order_by(VersionRow.id.desc())
        .limit(1)
    )
    return new, old


def _context(
    session: Session, notice: StatementNotice, lang: str, base_url: str
) -> dict[str, object]:
    new_row, old_row = _versions(session, notice)
    new = parse_register(new_row.register_json, f"<version {new_row.version}>")
    lines: list[str] = []
    if old_row is not None:
        old = parse_register(old_row.register_json, f"<version {old_row.version}>")
        diff = diff_registers(old, new)
        kept = RegisterDiff(
            diff.old_version, diff.new_version,
            tuple(c for c in diff.changes if c.affects_existing_data),
        )  # fmt: skip
        lines = describe_diff(kept, old, new, lang)
    organisation = session.get_one(Organisation, notice.organisation_id)
    return {
        "organisation": new.organisation.display_name() or organisation.name,
        "version": new_row.version,
        "effective_date": new_row.effective_date.isoformat(),
        "changes": lines,
        "link": base_url.rstrip("/") + ("/en/privacy" if lang == "en" else "/privacy"),
    }


def notify_batch(session: Session, notice_id: int, lang: str, base_url: str) -> bool:
    """Queue the next batch of mails and move the cursor; True while more remain."""
    notice = session.scalars(
        select(StatementNotice).where(StatementNotice.id == notice_id).with_for_update()
    ).one()
    if notice.status == "done":
        return False
    new_row, _ = _versions(session, notice)
    register = parse_register(new_row.register_json, f"<version {new_row.version}>")
    ids = list(
        session.scalars(
            _affected(notice.organisation_id, notice.activities, register)
            .where(Subject.id > notice.last_subject_id)
            .order_by(Subject.id)
            .limit(BATCH)
        )
    )
    if not ids:
        notice.status, notice.finished_at = "done", utcnow()
        return False
    context = _context(session, notice, lang, base_url)
    addresses = dict(
        session.execute(
            select(SubjectIdentity.subject_id, SubjectIdentity.value).where(
                SubjectIdentity.subject_id.in_(ids), SubjectIdentity.kind == "email"
            )
        ).all()
    )
    for subject_id in ids:
        address = addresses.get(subject_id)
        if address:  # someone known only by a customer number cannot be mailed
            message = render_mail("statement-change", lang, address, context)
            queue_mail(session, notice.organisation_id, message, MAIL_KIND)
        notice.queued += 1
    notice.last_subject_id = ids[-1]
    notice.status = "running"
    return True


@registry.task(TASK, retry=3)
def notify_statement_change(ctx: JobContext, notice_id: int) -> None:
    """Queue every mail of the notice, batch by batch; delivery follows per batch."""
    settings = ctx.settings
    while True:
        with ctx.store.transaction() as session:
            more = notify_batch(session, notice_id, settings.language, settings.base_url)
        deliver_mail_task(ctx)  # send this batch now rather than at the next minute
        if not more:
            return


def sent_count(session: Session, notice: StatementNotice) -> int:
    """How many notice mails of the organisation went out since the notice was made."""
    return int(
        session.scalar(
            select(func.count()).where(
                OutboxMail.organisation_id == notice.organisation_id,
                OutboxMail.kind == MAIL_KIND,
                OutboxMail.status == "sent",
                OutboxMail.created_at >= notice.created_at,
            )
        )
        or 0
    )
