"""What is due: overdue requests stand out, the privacy contact is reminded, and
finished or unverified requests are reduced to their anonymised record."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from tests.rights.office import NOW, Office
from waarborg.jobs import JobContext
from waarborg.rights import workflow
from waarborg.rights.workflow_jobs import handle
from waarborg.rights.workflow_queue import open_requests, remind, reminders_task, tidy
from waarborg.store import utcnow
from waarborg.store.request_tables import SubjectRequest
from waarborg.web import Sites, open_site


def submit_verified(office: Office, email: str, days_ago: int) -> str:
    at = NOW - timedelta(days=days_ago)
    return office.submit_verified(kind="access", email=email, language="nl", now=at).ref


def test_open_requests_grouped_by_urgency_and_reminders(sqlite_office: Office) -> None:
    office = sqlite_office
    late = submit_verified(office, "laat@example.com", 40)
    soon = submit_verified(office, "bijna@example.com", 28)
    fresh = submit_verified(office, "vers@example.com", 1)
    workflow.submit(  # not verified: owes no answer yet
        office.desk,
        office.register,
        office.organisation_id,
        kind="erasure",
        email="onbevestigd@example.com",
        language="nl",
        now=NOW,
    )
    with office.store.reading() as session:
        queue = open_requests(session, office.organisation_id, NOW.date())
    assert [v.ref for v in queue.overdue] == [late]
    assert [v.ref for v in queue.this_week] == [soon]
    assert [v.ref for v in queue.later] == [fresh]
    assert queue.overdue[0].days_left < 0

    listed = remind(
        office.desk,
        office.organisation_id,
        organisation="Weservit",
        to="privacy@weservit.example",
        lang="nl",
        today=NOW.date(),
    )
    assert listed == 2
    again = remind(
        office.desk,
        office.organisation_id,
        organisation="Weservit",
        to="privacy@weservit.example",
        lang="nl",
        today=NOW.date(),
    )
    assert again == 0  # once a day
    office.deliver(NOW)
    (reminder,) = office.mails_to("privacy@weservit.example")
    text = str(reminder.get_body(preferencelist=("plain",)).get_content())  # type: ignore[union-attr]
    assert late in text and soon in text and fresh not in text
    assert "TE LAAT" in text
    assert "@example.com" not in text  # requests by reference only


def test_tidy_closes_unverified_and_finished_requests(sqlite_office: Office) -> None:
    office = sqlite_office
    unverified = office.submit(
        kind="erasure",
        email="nooit@example.com",
        language="nl",
        now=NOW,
    ).ref
    assert tidy(office.desk, now=NOW + timedelta(hours=2)) == 0
    assert tidy(office.desk, now=NOW + timedelta(days=2)) == 1
    with office.store.reading() as session:
        row = session.scalars(select(SubjectRequest).where(SubjectRequest.ref == unverified)).one()
    assert row.state == "closed" and row.outcome == "unverified" and row.contact is None
    assert row.due_on == date(2027, 2, 28)


def test_expired_packages_are_removed_and_the_request_closed(sqlite_office: Office) -> None:
    office = sqlite_office
    email = office.customer("SELECT email FROM customers ORDER BY id LIMIT 1")
    submitted = office.submit_verified(kind="access", email=email, language="nl", now=NOW)
    with office.fulfilment() as service:
        workflow.execute(office.desk, submitted.ref, service, actor="owner", now=NOW)
    package = office.desk.package_file(submitted.ref)
    assert package.exists()
    assert tidy(office.desk, now=NOW + timedelta(days=6)) == 0
    assert package.exists()
    assert tidy(office.desk, now=NOW + timedelta(days=7, minutes=1)) == 1
    assert not package.exists()
    with office.store.reading() as session:
        row = session.scalars(
            select(SubjectRequest).where(SubjectRequest.ref == submitted.ref)
        ).one()
    assert row.state == "closed" and row.outcome == "done" and row.contact is None


def test_handle_request_job_waits_for_approval_where_required(sqlite_office: Office) -> None:
    office = sqlite_office
    rights = office.register.rights.model_copy(update={"approval_required": True})
    office.register = office.register.model_copy(update={"rights": rights})
    site = open_site(office.store, office.register, office.systems, office.env)
    context = JobContext(office.settings, office.store, {"sites": Sites([site])})
    submitted = office.submit(
        kind="access",
        email="wacht.op.akkoord@example.com",
        language="nl",
        now=NOW,
    )
    assert handle(context, submitted.ref) is None  # not verified yet
    workflow.verify(office.desk, submitted.token, now=NOW)
    assert handle(context, submitted.ref) == "planned"
    assert handle(context, submitted.ref) == "planned"  # still waiting, nothing run twice
    workflow.approve(office.desk, submitted.ref, actor="owner")
    assert handle(context, submitted.ref) == "answered"


def test_reminder_job_mails_the_privacy_contact(sqlite_office: Office) -> None:
    office = sqlite_office
    site = open_site(office.store, office.register, office.systems, office.env)
    context = JobContext(office.settings, office.store, {"sites": Sites([site])})
    long_ago = utcnow() - timedelta(days=60)  # the job counts from today's date
    submitted = office.submit(
        kind="access",
        email="al-lang@example.com",
        language="nl",
        now=long_ago,
    )
    workflow.verify(office.desk, submitted.token, now=long_ago)
    reminders_task(context)
    office.deliver()
    contact = office.register.organisation.privacy_contact
    address = (contact.email if contact else None) or office.register.organisation.email
    assert address
    (reminder,) = office.mails_to(address)
    assert "privacyverzoek" in reminder["Subject"]
