"""Mail is queued with what caused it and delivered even when SMTP was down."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.smtp import SmtpSink
from waarborg.jobs import JobContext, deliver_due, queue_mail, redact_sent
from waarborg.jobs.outbox import MAX_ATTEMPTS, REDACTED, retry_delay
from waarborg.mail import MailMessage
from waarborg.settings import Settings
from waarborg.store import Store, utcnow
from waarborg.store.outbox_tables import OutboxMail


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    store = Store(store_url)
    store.upgrade()
    yield store
    store.dispose()


def context(store: Store, smtp: SmtpSink, tmp_path: Path) -> JobContext:
    settings = Settings(data_dir=tmp_path, smtp=smtp.settings(), secret_key="k" * 32)
    return JobContext(settings=settings, store=store)


def queue(store: Store, count: int = 1) -> int:
    org = store.ensure_organisation("Weservit B.V.")
    with store.transaction() as session:
        for i in range(count):
            queue_mail(
                session,
                org,
                MailMessage(
                    to=f"klant{i}@example.nl",
                    subject=f"Bericht {i}",
                    text="Hallo",
                    html="<p>Hallo</p>",
                ),
                "test",
            )
    return org


def rows(store: Store) -> list[OutboxMail]:
    with store.transaction() as session:
        return list(session.scalars(select(OutboxMail).order_by(OutboxMail.id)))


def test_queued_mail_is_delivered_once(store: Store, smtp_server: SmtpSink, tmp_path: Path) -> None:
    queue(store, 2)
    ctx = context(store, smtp_server, tmp_path)
    assert deliver_due(ctx).sent == 2
    assert deliver_due(ctx).sent == 0
    received = smtp_server.wait_for(2)
    assert [m["Subject"] for m in received] == ["Bericht 0", "Bericht 1"]
    assert "Weservit B.V." in received[0]["From"]
    assert all(r.status == "sent" and r.message_id for r in rows(store))


def test_nothing_is_lost_while_smtp_is_down(
    store: Store, smtp_server: SmtpSink, tmp_path: Path
) -> None:
    queue(store)
    ctx = context(store, smtp_server, tmp_path)
    smtp_server.stop()
    result = deliver_due(ctx)
    assert (result.sent, result.retrying) == (0, 1)
    (row,) = rows(store)
    assert row.status == "pending" and row.attempts == 1
    assert row.last_error and "klant0@example.nl" not in row.last_error
    assert deliver_due(ctx).sent == 0, "not due again before its retry time"
    smtp_server.start()
    assert deliver_due(ctx, now=utcnow() + retry_delay(1)).sent == 1
    assert smtp_server.wait_for(1)[0]["To"] == "klant0@example.nl"


def test_gives_up_after_max_attempts(store: Store, smtp_server: SmtpSink, tmp_path: Path) -> None:
    queue(store)
    ctx = context(store, smtp_server, tmp_path)
    smtp_server.stop()
    moment = utcnow()
    for _ in range(MAX_ATTEMPTS):
        deliver_due(ctx, now=moment)
        moment += timedelta(hours=2)
    (row,) = rows(store)
    assert row.status == "failed" and row.attempts == MAX_ATTEMPTS


def test_concurrent_deliverers_never_send_twice(
    store: Store, smtp_server: SmtpSink, tmp_path: Path
) -> None:
    queue(store, 20)
    ctx = context(store, smtp_server, tmp_path)
    threads = [threading.Thread(target=deliver_due, args=(ctx,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    received = smtp_server.wait_for(20)
    assert sorted(m["Subject"] for m in received) == sorted(f"Bericht {i}" for i in range(20))
    assert len(received) == 20


def test_sent_mail_is_redacted_after_thirty_days(
    store: Store, smtp_server: SmtpSink, tmp_path: Path
) -> None:
    queue(store)
    ctx = context(store, smtp_server, tmp_path)
    deliver_due(ctx)
    assert redact_sent(ctx) == 0
    assert redact_sent(ctx, now=utcnow() + timedelta(days=31)) == 1
    (row,) = rows(store)
    assert (row.to_address, row.body_text, row.body_html) == (REDACTED, "", None)
    assert row.subject == "Bericht 0"
