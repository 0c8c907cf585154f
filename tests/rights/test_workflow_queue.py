"""What is due: overdue requests stand out, the privacy contact is reminded, and
finished or unverified requests are reduced to their anonymised record."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from tests.rights.office import NOW, Office
from waarborg.rights import workflow
from waarborg.rights.workflow_queue import open_requests, remind, tidy
from waarborg.store.request_tables import SubjectRequest


def submit_verified(office: Office, email: str, days_ago: int) -> str:
    at = NOW - timedelta(days=days_ago)
    submitted = workflow.submit(
        office.desk,
        office.register,
        office.organisation_id,
        kind="access",
        email=email,
        language="nl",
        now=at,
    )
    workflow.verify(office.desk, submitted.token, now=at)
    return submitted.ref


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
    unverified = workflow.submit(
        office.desk,
        office.register,
        office.organisation_id,
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
