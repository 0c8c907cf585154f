"""What is due: the privacy contact's list of open requests, reminders, and tidying.

``open_requests`` groups the requests the company owes an answer on into overdue,
due within a week, and later, so the console shows what is late first. The
``request-reminders`` job mails the privacy contact once a day while a request is
within ``REMIND_DAYS`` of its term or past it; ``tidy-requests`` closes what is
finished (see :func:`waarborg.rights.workflow.close`), unverified requests whose
link expired, and removes expired packages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from waarborg.jobs.registry import JobContext, registry
from waarborg.rights import workflow_mail
from waarborg.rights.deadlines import days_left
from waarborg.rights.workflow import OPEN_STATES, close, local_day, remove_package
from waarborg.rights.workflow_links import Desk
from waarborg.store.base import utcnow
from waarborg.store.request_tables import SubjectRequest

REMIND_DAYS = 3
"""Reminders start this many days before a term ends."""

UNVERIFIED_GRACE = timedelta(days=1)
"""An unverified request is closed this long after its link expired."""


@dataclass(frozen=True)
class RequestView:
    """One open request as the console lists it; no personal data."""

    ref: str
    kind: str
    state: str
    received_on: date
    due_on: date
    extended: bool
    days_left: int
    approval_required: bool


@dataclass
class Queue:
    overdue: list[RequestView] = field(default_factory=list)
    this_week: list[RequestView] = field(default_factory=list)
    later: list[RequestView] = field(default_factory=list)

    def all(self) -> list[RequestView]:
        return [*self.overdue, *self.this_week, *self.later]


def view(row: SubjectRequest, today: date) -> RequestView:
    return RequestView(
        row.ref,
        row.kind,
        row.state,
        local_day(row.received_at),
        row.term_ends(),
        row.extended_until is not None,
        days_left(row.term_ends(), today),
        bool(row.details.get("approval_required")),
    )


def open_requests(session: Session, organisation_id: int, today: date) -> Queue:
    """Open requests, soonest due first: overdue, due within seven days, later."""
    rows = session.scalars(
        select(SubjectRequest).where(
            SubjectRequest.organisation_id == organisation_id,
            SubjectRequest.state.in_(OPEN_STATES),
        )
    )
    queue = Queue()
    for item in sorted((view(r, today) for r in rows), key=lambda v: (v.due_on, v.ref)):
        if item.days_left < 0:
            queue.overdue.append(item)
        elif item.days_left <= 7:
            queue.this_week.append(item)
        else:
            queue.later.append(item)
    return queue


def remind(
    desk: Desk,
    organisation_id: int,
    *,
    organisation: str,
    to: str,
    lang: str,
    today: date,
) -> int:
    """Mail the privacy contact the requests due within ``REMIND_DAYS`` or overdue, once
    a day; returns how many were listed (0: no mail)."""
    with desk.store.transaction() as session:
        queue = open_requests(session, organisation_id, today)
        due = [v for v in queue.all() if v.days_left <= REMIND_DAYS]
        refs = [v.ref for v in due]
        already = set(
            session.scalars(
                select(SubjectRequest.ref).where(
                    SubjectRequest.ref.in_(refs), SubjectRequest.reminded_on == today
                )
            )
        )
        due = [v for v in due if v.ref not in already]
        if not due:
            return 0
        items = [
            {
                "ref": v.ref,
                "kind": workflow_mail.kind_label(v.kind, lang),
                "due": workflow_mail.long_date(v.due_on, lang),
                "days_left": v.days_left,
            }
            for v in due
        ]
        workflow_mail.reminder(session, organisation_id, organisation, to, lang, items)
        session.execute(
            update(SubjectRequest)
            .where(SubjectRequest.ref.in_([v.ref for v in due]))
            .values(reminded_on=today)
        )
        return len(due)


def tidy(desk: Desk, *, now: datetime | None = None) -> int:
    """Close finished requests and expired unverified ones; drop expired packages.
    Returns how many requests were closed."""
    moment = now or utcnow()
    with desk.store.transaction() as session:
        for row in session.scalars(
            select(SubjectRequest).where(
                SubjectRequest.package_path.is_not(None),
                SubjectRequest.package_expires_at < moment,
            )
        ):
            remove_package(row)
        finished = list(
            session.scalars(
                select(SubjectRequest.ref).where(
                    or_(
                        SubjectRequest.verify_expires_at < moment - UNVERIFIED_GRACE,
                        (
                            SubjectRequest.state.in_(("answered", "rejected"))
                            & SubjectRequest.package_path.is_(None)
                            & (SubjectRequest.answered_at < moment - desk.package_window)
                        ),
                    ),
                    SubjectRequest.state.in_(("received", "answered", "rejected")),
                )
            )
        )
    for ref in finished:
        close(desk, ref, actor="waarborg", now=moment)
    return len(finished)


def _contacts(ctx: JobContext) -> Iterable[tuple[int, str, str, str]]:
    """(organisation id, name, privacy contact's address, language) per served site."""
    sites = ctx.services.get("sites") or ()
    for site in sites:
        organisation = site.register.organisation
        contact = organisation.privacy_contact
        address = (contact.email if contact else None) or organisation.email
        if address:
            lang = site.register.statement.languages[0]
            yield site.organisation_id, organisation.display_name(), address, lang


@registry.task("request-reminders", every=timedelta(hours=24))
def reminders_task(ctx: JobContext) -> None:
    desk = Desk.from_settings(ctx.settings, ctx.store)
    today = local_day(utcnow())
    sent = 0
    for organisation_id, name, address, lang in _contacts(ctx):
        sent += remind(desk, organisation_id, organisation=name, to=address, lang=lang, today=today)
    if sent and "jobs" in ctx.services:
        ctx.services["jobs"].defer("deliver-mail")


@registry.task("tidy-requests", every=timedelta(hours=1))
def tidy_task(ctx: JobContext) -> None:
    tidy(Desk.from_settings(ctx.settings, ctx.store))
