"""Publishing from the console: the diff first, then the people concerned are mailed."""

from __future__ import annotations

import re
import time

from sqlalchemy import select

from tests.web.admin.conftest import Console, add_user, csrf_token, log_in
from waarborg.store.audit_tables import AuditEntry
from waarborg.store.notice_tables import StatementNotice

NEW_VERSION = ('version: "2018-05-25"\n  effective_date: 2018-05-25',
               'version: "2026-12-01"\n  effective_date: 2026-12-01')  # fmt: skip
LONGER = ("{after: order-completed, keep: 7 years, obligation: fiscal}",
          "{after: order-completed, keep: 10 years, obligation: fiscal}")  # fmt: skip


def publish(console: Console, content_hash: str | None = None) -> tuple[str, str]:
    """Post the publish form; returns where it leads and the content hash posted."""
    if content_hash is None:
        page = console.client.get("/admin/statement")
        shown = re.search(r'name="content_hash" value="([0-9a-f]{64})"', page.text)
        assert shown, page.text
        content_hash = shown.group(1)
    response = console.client.post(
        "/admin/statement/publish",
        data={"content_hash": content_hash, "csrf_token": csrf_token(console.client)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    return response.headers["location"], content_hash


def wait_done(console: Console, notice_path: str) -> str:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        page = console.client.get(notice_path).text
        if "Klaar." in page:
            return page
        time.sleep(0.2)
    raise AssertionError("the notice did not finish")


def test_publishing_a_change_shows_the_diff_and_mails_the_people_concerned(
    console: Console,
) -> None:
    secret = add_user(console.store, console.site.organisation_id, "anna", "privacy-officer")
    assert log_in(console.client, "anna", secret) == 303
    first = console.client.get("/admin/statement")
    assert "eerste versie" in first.text
    assert publish(console)[0] == "/admin/statement", "a first version tells nobody"
    assert "is gepubliceerd" in console.client.get("/admin/statement").text

    affected = [console.customer(f"klant{i}@example.nl") for i in range(3)]
    console.customer("anders@example.nl", event="account-closed")  # no data in the change
    console.edit_register(*NEW_VERSION)
    console.edit_register(*LONGER)
    review = console.client.get("/admin/statement")
    assert "2026-12-01" in review.text and "tien jaar" in review.text
    assert "per e-mail horen: 3" in review.text

    location, content_hash = publish(console)
    assert location.startswith("/admin/statement/notices/")
    page = wait_done(console, location)
    assert "3 van 3" in page
    mails = console.smtp.wait_for(3)
    assert sorted(str(m["To"]) for m in mails) == [f"klant{i}@example.nl" for i in range(3)]
    body = mails[0].get_content()
    assert "2026-12-01" in body and "http://shop.test/privacy" in body and "tien jaar" in body
    with console.store.reading() as session:
        notice = session.scalars(select(StatementNotice)).one()
        assert (notice.status, notice.total, notice.queued) == ("done", 3, 3)
        logged = session.scalars(
            select(AuditEntry.details).where(AuditEntry.action == "statement.publish")
        ).all()
    assert len(logged) == 2 and all("example.nl" not in d for d in logged)
    assert len(affected) == 3

    # Posting again (say after a lost connection) neither republishes nor mails twice.
    again = publish(console, content_hash)[0]
    assert again == "/admin/statement"
    time.sleep(0.5)
    assert len(console.smtp.messages) == 3


def test_a_review_that_is_out_of_date_is_refused(console: Console) -> None:
    secret = add_user(console.store, console.site.organisation_id, "anna", "privacy-officer")
    assert log_in(console.client, "anna", secret) == 303
    response = console.client.post(
        "/admin/statement/publish",
        data={"content_hash": "0" * 64, "csrf_token": csrf_token(console.client)},
    )
    assert response.status_code == 409


def test_only_the_privacy_officer_publishes(console: Console) -> None:
    for role in ("support", "auditor"):
        secret = add_user(console.store, console.site.organisation_id, role, role)
        assert log_in(console.client, role, secret) == 303
        assert console.client.get("/admin/statement").status_code == 403
        response = console.client.post(
            "/admin/statement/publish",
            data={"content_hash": "0" * 64, "csrf_token": csrf_token(console.client, "/admin")},
        )
        assert response.status_code == 403
