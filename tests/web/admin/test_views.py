"""The audit viewer (filters, verify now), the consent chart and resumable notices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import select

from tests.smtp import SmtpSink
from tests.web.admin.conftest import Console, add_user, csrf_token, log_in
from tests.web.conftest import Served
from waarborg import audit
from waarborg.jobs import JobContext, notices, queue_mail
from waarborg.jobs.outbox import deliver_due
from waarborg.mail import MailMessage
from waarborg.register import load_register
from waarborg.settings import Settings
from waarborg.statement import build_version
from waarborg.store.consents import record_consent, text_hash, withdraw_consent
from waarborg.store.notice_tables import StatementNotice
from waarborg.store.outbox_tables import OutboxMail
from waarborg.store.statements import publish_version
from waarborg.store.subjects import Identity, find_or_create_subject
from waarborg.store.tables import StatementVersion as VersionRow
from waarborg.web.admin_views import consent_series


def log_entries(served: Served) -> None:
    org = served.weservit.organisation_id
    with served.store.transaction() as session:
        for i in range(60):
            audit.append(
                session, org, actor="webshop" if i % 2 else "retention-sweep",
                action="decide" if i % 3 else "erase", outcome="ok" if i % 5 else "denied",
            )  # fmt: skip


def test_audit_viewer_filters_pages_and_verifies(sqlite_served: Served) -> None:
    log_entries(sqlite_served)
    secret = add_user(
        sqlite_served.store, sqlite_served.weservit.organisation_id, "olga", "auditor"
    )
    assert log_in(sqlite_served.client, "olga", secret) == 303
    client = sqlite_served.client
    page = client.get("/admin/audit").text
    assert page.count("<tr><td>") == 50 and "Oudere regels" in page
    older = client.get("/admin/audit?before=12").text
    assert "<tr><td>11</td>" in older and "<tr><td>12</td>" not in older
    erased = client.get("/admin/audit?action=erase&outcome=denied").text
    rows = erased.count("<tr><td>")
    assert rows == 4  # seq 1, 16, 31, 46: i divisible by 3 and by 5
    assert (
        client.get("/admin/audit?since=2000-01-01&until=2000-01-02").text.count(
            "Geen regels gevonden"
        )
        == 1
    )
    assert client.get("/admin/audit?since=yesterday").status_code == 422

    token = csrf_token(client, "/admin/audit")
    intact = client.post("/admin/audit/verify", data={"csrf_token": token}).text
    assert "keten intact" in intact
    with sqlite_served.store.engine.begin() as connection:
        connection.execute(sa.text("UPDATE audit_entries SET outcome = 'tampered' WHERE seq = 5"))
    broken = client.post("/admin/audit/verify", data={"csrf_token": token}).text
    assert "regel 5 is gewijzigd" in broken
    assert 'class="error" id="audit-status"' in client.get("/admin").text


def test_consents_per_purpose_per_week(console: Console) -> None:
    org = console.site.organisation_id
    now = datetime(2026, 11, 18, 12, tzinfo=UTC)  # a Wednesday
    with console.store.transaction() as session:
        for i in range(5):
            subject, _ = find_or_create_subject(
                session, org, [Identity("email", f"l{i}@example.nl")], b"k" * 32
            )
            record = record_consent(
                session, org, subject=subject, activity="newsletter", state="given",
                shown_text_hash=text_hash("ja"), language="nl", collection_method="form",
                collected_at=now - timedelta(days=7 * i),
            )  # fmt: skip
            if i == 4:
                withdraw_consent(session, org, record.ref, method="link", at=now)
    with console.store.reading() as session:
        (series,) = consent_series(session, console.site, "en", now)
    assert series.title == "Newsletter" and series.active == 4
    assert series.given[-5:] == [1, 1, 1, 1, 1] and sum(series.given) == 5
    assert series.withdrawn[-1] == 1 and sum(series.withdrawn) == 1
    assert series.weeks[-1].isoformat() == "2026-11-16"
    bars = series.svg()["bars"]
    assert bars[-1]["withdrawn_h"] > 0 and bars[0]["given_h"] == 0


def test_notices_resume_after_an_interruption_without_mailing_twice(console: Console) -> None:
    refs = [console.customer(f"k{i}@example.nl") for i in range(5)]
    org = console.site.organisation_id
    name = console.site.register.organisation.name
    publish_version(console.store, name, build_version(console.site.register), "test")
    console.edit_register(
        "{after: order-completed, keep: 7 years, obligation: fiscal}",
        "{after: order-completed, keep: 10 years, obligation: fiscal}",
    )
    console.edit_register('version: "2018-05-25"', 'version: "2026-12-01"')
    new = load_register(console.register_path)
    publish_version(console.store, name, build_version(new), "test")
    with console.store.transaction() as session:
        version_id = session.scalars(select(VersionRow.id).order_by(VersionRow.id.desc())).first()
        assert version_id is not None
        notice = notices.start_notice(session, org, version_id, ["order-handling"], new, "t")
        notice_id = notice.id
    assert notice.total == 5
    old_batch, notices.BATCH = notices.BATCH, 2
    try:
        with console.store.transaction() as session:  # one batch, then the worker "dies"
            assert notices.notify_batch(session, notice_id, "nl", "http://shop.test")
        with console.store.transaction() as session:
            while notices.notify_batch(session, notice_id, "nl", "http://shop.test"):
                pass
    finally:
        notices.BATCH = old_batch
    with console.store.reading() as session:
        notice = session.get_one(StatementNotice, notice_id)
        to = sorted(session.scalars(select(OutboxMail.to_address)))
    assert (notice.status, notice.queued) == ("done", 5)
    assert to == [f"k{i}@example.nl" for i in range(5)] and len(refs) == 5


def test_dashboard_shows_mail_held_up_by_an_smtp_outage(
    sqlite_served: Served, smtp_server: SmtpSink, tmp_path: Path
) -> None:
    """Issue 6: nothing is lost while SMTP is down, and the console shows what waits."""
    served = sqlite_served
    org = served.weservit.organisation_id
    with served.store.transaction() as session:
        message = MailMessage("wacht@example.org", "Onderwerp", "Tekst")
        queue_mail(session, org, message, "test-mail")
    context = JobContext(
        Settings(data_dir=tmp_path, secret_key="s" * 48, smtp=smtp_server.settings()),
        served.store,
    )
    smtp_server.stop()
    now = datetime.now(UTC)
    assert deliver_due(context, now=now).retrying == 1
    secret = add_user(served.store, org, "pia", "privacy-officer")
    assert log_in(served.client, "pia", secret) == 303
    page = served.client.get("/admin").text
    assert "Wachtend of opnieuw geprobeerd: 1; opgegeven: 0." in page
    assert "<td>test-mail</td>" in page and "wacht@example.org" not in page
    smtp_server.start()
    assert deliver_due(context, now=now + timedelta(minutes=2)).sent == 1
    assert "Alle mail is verstuurd." in served.client.get("/admin").text
