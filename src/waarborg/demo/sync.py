"""Tell waarborg's store what the demo business database knows: people, events, consent.

What a real installation learns through the API (``POST /api/events``) the demo
reads straight from its own database once, so decisions have something to work
with: customers become subjects (by e-mail address and customer number), completed
orders, ended subscriptions, closed accounts, answered questions and unsubscriptions
become anchor events, and the consent the webshop asked at sign-up becomes consent
records.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from waarborg.demo.generate import parse_ts
from waarborg.store import Store
from waarborg.store.consents import record_consent, text_hash
from waarborg.store.subjects import Identity, find_or_create_subject, record_event
from waarborg.store.tables import Subject

# What the sign-up form showed; its hash goes into each consent record (Art. 7(1)).
SIGN_UP_TEXT = (
    "Ik ga akkoord met de verwerking van mijn gegevens zoals beschreven in de "
    "privacyverklaring van Weservit B.V."
)
SIGN_UP_ACTIVITIES = ("order-handling", "portal-access", "account", "subscription")


def sync_business_db(store: Store, organisation_id: int, business_db: Path, secret: bytes) -> int:
    """Load the demo database into the store once; returns the number of subjects made."""
    with store.transaction() as session:
        known = session.scalar(
            select(func.count())
            .select_from(Subject)
            .where(Subject.organisation_id == organisation_id)
        )
        if known:
            return 0
        source = sqlite3.connect(f"file:{business_db}?mode=ro", uri=True)
        try:
            return _sync(session, organisation_id, source, secret)
        finally:
            source.close()


def _sync(session: Session, org: int, db: sqlite3.Connection, secret: bytes) -> int:
    subjects: dict[str, int] = {}
    rows = db.execute("SELECT id, customer_number, email, created_at, closed_at FROM customers")
    for customer, number, email, created, closed in rows.fetchall():
        subject, _ = find_or_create_subject(
            session, org, [Identity("email", email), Identity("customer-id", number)], secret
        )
        subjects[email] = subject.id
        for activity in SIGN_UP_ACTIVITIES:
            record_consent(
                session, org, subject=subject, activity=activity, state="given",
                shown_text_hash=text_hash(SIGN_UP_TEXT), language="nl",
                collection_method="form", system="webshop", collected_at=parse_ts(created),
                evidence={"form": "sign-up", "customer": number},
            )  # fmt: skip
        if closed:
            _event(session, org, subject.id, "account-closed", number, closed)
        for order, completed in db.execute(
            "SELECT order_number, completed_at FROM orders"
            " WHERE customer_id = ? AND completed_at IS NOT NULL",
            (customer,),
        ):
            _event(session, org, subject.id, "order-completed", order, completed)
        for sub_id, ended in db.execute(
            "SELECT id, ended_at FROM subscriptions WHERE customer_id = ? AND ended_at IS NOT NULL",
            (customer,),
        ):
            _event(session, org, subject.id, "subscription-ended", f"subscription-{sub_id}", ended)
    for message, email, answered in db.execute(
        "SELECT id, email, answered_at FROM contact_messages WHERE answered_at IS NOT NULL"
    ).fetchall():
        sid = subjects.get(email) or _subject(session, org, email, secret, subjects)
        _event(session, org, sid, "question-answered", f"message-{message}", answered)
    for email, left in db.execute(
        "SELECT email, unsubscribed_at FROM newsletter_subscribers"
        " WHERE unsubscribed_at IS NOT NULL"
    ).fetchall():
        sid = subjects.get(email) or _subject(session, org, email, secret, subjects)
        _event(session, org, sid, "unsubscribed", f"newsletter-{email.split('@')[0]}", left)
    return len(subjects)


def _subject(session: Session, org: int, email: str, secret: bytes, known: dict[str, int]) -> int:
    subject, _ = find_or_create_subject(session, org, [Identity("email", email)], secret)
    known[email] = subject.id
    return subject.id


def _event(session: Session, org: int, subject_id: int, kind: str, ref: str, at: str) -> None:
    record_event(
        session, org, system="webshop", kind=kind, reference=ref, occurred_at=parse_ts(at),
        subject_id=subject_id,
    )  # fmt: skip
