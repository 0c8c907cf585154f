"""Requests in the console: due on the dashboard, plan, approve, execute, refuse, close."""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import timedelta

from sqlalchemy import select

from tests.web.admin.conftest import Console, add_user, csrf_token, log_in
from waarborg.rights import workflow
from waarborg.rights.workflow_links import Desk
from waarborg.store import utcnow
from waarborg.store.audit_tables import AuditEntry
from waarborg.store.request_tables import SubjectRequest

WITH_INVOICES = (
    "SELECT c.email FROM customers c JOIN invoices i ON i.customer_id = c.id "
    "WHERE i.issued_on >= '2024-01-01' ORDER BY c.id LIMIT 1"
)


def customer_address(console: Console, sql: str = WITH_INVOICES) -> str:
    path = console.register_path.parent / "business.db"
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute(sql).fetchone()[0])
    finally:
        connection.close()


def verified_request(console: Console, kind: str, email: str, days_ago: int = 26) -> str:
    """A request received ``days_ago`` days ago through the privacy centre, verified."""
    desk = Desk.from_settings(console.app.state.waarborg.settings, console.store)
    made = workflow.submit(
        desk, console.site.register, console.site.organisation_id, kind=kind, email=email,
        language="nl", now=utcnow() - timedelta(days=days_ago),
    )  # fmt: skip
    workflow.verify(desk, made.token, now=utcnow() - timedelta(days=days_ago))
    return made.ref


def step(console: Console, ref: str, action: str, **fields: str) -> None:
    token = csrf_token(console.client, f"/admin/requests/{ref}")
    response = console.client.post(
        f"/admin/requests/{ref}/{action}", data={"csrf_token": token, **fields},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 303, response.text


def wait_for_mail(console: Console, address: str, count: int) -> list[str]:
    deadline = time.monotonic() + 15
    while len(console.smtp.to(address)) < count:
        assert time.monotonic() < deadline, f"expected {count} mails"
        time.sleep(0.1)
    return [m.get_body(("plain",)).get_content() for m in console.smtp.to(address)]  # type: ignore[union-attr]


def test_a_due_request_from_dashboard_to_anonymised_record(desk: Console) -> None:
    email = customer_address(desk)
    ref = verified_request(desk, "access", email)
    secret = add_user(desk.store, desk.site.organisation_id, "anna", "privacy-officer")
    assert log_in(desk.client, "anna", secret) == 303

    dashboard = desk.client.get("/admin").text
    this_week = dashboard[dashboard.index("<caption>Deze week") :]
    assert ref in this_week and "nog " in this_week

    listed = desk.client.get("/admin/requests?kind=access").text
    assert ref in listed and email not in listed
    assert ref not in desk.client.get("/admin/requests?kind=erasure").text

    page = desk.client.get(f"/admin/requests/{ref}").text
    assert email in page and "bevestigd" in page
    with desk.store.reading() as session:
        viewed = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "admin.request-viewed")
        ).all()
    assert [v.actor for v in viewed] == ["admin:1"]
    assert email not in viewed[0].details

    step(desk, ref, "plan")
    planned = desk.client.get(f"/admin/requests/{ref}").text
    assert "gepland" in planned and "Plan per systeem" in planned and "customers" in planned
    step(desk, ref, "approve")
    step(desk, ref, "execute")
    answered = desk.client.get(f"/admin/requests/{ref}").text
    assert 'id="request-outcome">uitgevoerd' in answered
    assert "Het inzagepakket downloaden" in answered
    package = desk.client.get(f"/admin/requests/{ref}/package")
    assert package.status_code == 200 and package.content[:2] == b"PK"
    assert len(wait_for_mail(desk, email, 3)) == 3  # verify, confirmed, answer

    step(desk, ref, "close")
    closed = desk.client.get(f"/admin/requests/{ref}").text
    assert "geanonimiseerde verslag" in closed and email not in closed
    with desk.store.reading() as session:
        row = session.scalars(select(SubjectRequest).where(SubjectRequest.ref == ref)).one()
    assert row.state == "closed" and row.contact is None


def test_extend_and_refuse_with_reasons_that_the_person_is_sent(desk: Console) -> None:
    email = customer_address(desk)
    ref = verified_request(desk, "erasure", email, days_ago=3)
    secret = add_user(desk.store, desk.site.organisation_id, "anna", "privacy-officer")
    assert log_in(desk.client, "anna", secret) == 303
    step(desk, ref, "extend", months="2", reason="We must search three old archives.")
    page = desk.client.get(f"/admin/requests/{ref}").text
    assert "three old archives" in page and "verlengd" in desk.client.get("/admin/requests").text
    step(desk, ref, "reject", reason="The account belongs to a company, not to a person.")
    assert "geweigerd" in desk.client.get(f"/admin/requests/{ref}").text
    bodies = wait_for_mail(desk, email, 4)
    assert any("three old archives" in b for b in bodies)
    assert any("not to a person" in b for b in bodies)
    too_short = desk.client.post(
        f"/admin/requests/{ref}/extend",
        data={"months": "3", "reason": "x" * 12, "csrf_token": csrf_token(desk.client)},
    )
    assert too_short.status_code == 422


def test_support_handles_requests_but_cannot_export_a_package(desk: Console) -> None:
    email = customer_address(desk)
    ref = verified_request(desk, "access", email)
    secret = add_user(desk.store, desk.site.organisation_id, "sam", "support")
    assert log_in(desk.client, "sam", secret) == 303
    step(desk, ref, "plan")
    step(desk, ref, "execute")
    page = desk.client.get(f"/admin/requests/{ref}").text
    assert "uitgevoerd" in page and "/package" not in page
    assert desk.client.get(f"/admin/requests/{ref}/package").status_code == 403
    assert desk.client.get("/admin/audit").status_code == 403


def test_the_auditor_reads_but_does_not_act_or_see_addresses(desk: Console) -> None:
    email = customer_address(desk)
    ref = verified_request(desk, "access", email)
    secret = add_user(desk.store, desk.site.organisation_id, "olga", "auditor")
    assert log_in(desk.client, "olga", secret) == 303
    page = desk.client.get(f"/admin/requests/{ref}").text
    assert ref in page and email not in page and "Volgende stap" not in page
    response = desk.client.post(
        f"/admin/requests/{ref}/plan", data={"csrf_token": csrf_token(desk.client, "/admin")}
    )
    assert response.status_code == 403
    assert re.search(r"admin/audit", desk.client.get("/admin").text)
