"""The demo business database: realistic, valid Dutch data, the same every time."""

from __future__ import annotations

import hashlib
import ipaddress
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import phonenumbers
import pyotp
import pytest
from stdnum import iban
from stdnum.nl import postcode

from waarborg._exceptions import AuthenticationError
from waarborg.decide import decide
from waarborg.demo import create_business_db, prepare_demo
from waarborg.settings import Settings
from waarborg.store.admins import check_login
from waarborg.store.states import load_subject_state
from waarborg.store.subjects import Identity, find_subject

DOCUMENTATION_NETWORKS = [
    ipaddress.ip_network(n)
    for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
]


@pytest.fixture(scope="module")
def business_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_business_db(tmp_path_factory.mktemp("demo") / "business.db")


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def dump(db: Path) -> str:
    connection = sqlite3.connect(db)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def test_the_same_seed_gives_the_same_database(business_db: Path, tmp_path: Path) -> None:
    again = create_business_db(tmp_path / "again.db")
    assert (
        hashlib.sha256(dump(again).encode()).digest()
        == hashlib.sha256(dump(business_db).encode()).digest()
    )
    other = create_business_db(tmp_path / "other.db", seed=7, customers=20)
    assert rows(other, "SELECT count(*) FROM customers") == [(20,)]


def test_a_few_hundred_customers_with_everything_a_hoster_keeps(business_db: Path) -> None:
    counts = {
        table: rows(business_db, f"SELECT count(*) FROM {table}")[0][0]  # noqa: S608
        for table in (
            "customers", "orders", "order_items", "subscriptions", "invoices",
            "contact_messages", "newsletter_subscribers", "portal_activity",
        )
    }  # fmt: skip
    assert counts["customers"] == 300
    assert all(count >= 100 for count in counts.values()), counts
    assert rows(business_db, "PRAGMA foreign_key_check") == []
    first, last = rows(business_db, "SELECT min(created_at), max(created_at) FROM customers")[0]
    assert str(first) < "2019" and str(last) > "2025"
    assert (
        rows(business_db, "SELECT count(*) FROM customers WHERE closed_at IS NOT NULL")[0][0] > 10
    )


def test_addresses_phones_and_ibans_are_valid(business_db: Path) -> None:
    for (code,) in rows(business_db, "SELECT postcode FROM customers"):
        assert postcode.is_valid(str(code)), code
    phones = rows(
        business_db,
        "SELECT phone FROM customers WHERE phone IS NOT NULL"
        " UNION SELECT phone FROM contact_messages WHERE phone IS NOT NULL",
    )
    assert len(phones) > 100
    for (phone,) in phones:
        assert phonenumbers.is_valid_number(phonenumbers.parse(str(phone))), phone
    ibans = rows(
        business_db,
        "SELECT iban FROM customers WHERE iban IS NOT NULL"
        " UNION SELECT iban FROM invoices WHERE iban IS NOT NULL",
    )
    assert len(ibans) > 100 and all(iban.is_valid(str(value)) for (value,) in ibans)


def test_no_real_mailbox_or_address_can_be_hit(business_db: Path) -> None:
    for (email,) in rows(
        business_db,
        "SELECT email FROM customers UNION SELECT email FROM newsletter_subscribers"
        " UNION SELECT email FROM contact_messages",
    ):
        assert str(email).rsplit("@", 1)[1] in ("example.com", "example.net", "example.org")
    for (ip,) in rows(
        business_db,
        "SELECT ip_address FROM orders UNION SELECT ip_address FROM portal_activity",
    ):
        address = ipaddress.ip_address(str(ip))
        assert any(address in network for network in DOCUMENTATION_NETWORKS), ip


def test_the_demo_store_knows_the_customers_and_their_events(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, secret_key="k" * 40)
    demo = prepare_demo(settings)
    email, number, closed = rows(
        demo.business_db,
        "SELECT email, customer_number, closed_at FROM customers"
        " WHERE closed_at IS NULL AND id IN (SELECT customer_id FROM orders"
        " WHERE status = 'completed') LIMIT 1",
    )[0]
    with demo.store.reading() as session:
        subject = find_subject(
            session, demo.site.organisation_id, Identity("email", str(email)), settings.secret()
        )
        assert subject is not None
        same = find_subject(
            session,
            demo.site.organisation_id,
            Identity("customer-id", str(number)),
            settings.secret(),
        )
        assert same is not None and same.id == subject.id
        state = load_subject_state(session, subject)
    assert "order-completed" in state.anchors and closed is None
    now = datetime(2026, 11, 1, tzinfo=UTC)
    assert decide(demo.site.register, state, "order-handling", ["email"], now).allowed
    again = prepare_demo(settings)  # a second start reuses everything but the key
    assert again.api_key != demo.api_key and again.business_db == demo.business_db
    # The console login printed at each start works, and the previous one no longer does.
    assert again.login.totp_secret != demo.login.totp_secret
    with again.store.transaction() as session:
        account = check_login(
            session, again.site.organisation_id, "demo", again.login.password,
            pyotp.TOTP(again.login.totp_secret).now(),
        )  # fmt: skip
    assert account.role == "privacy-officer"
    with pytest.raises(AuthenticationError), again.store.transaction() as session:
        check_login(
            session, again.site.organisation_id, "demo", demo.login.password,
            pyotp.TOTP(demo.login.totp_secret).now(),
        )  # fmt: skip
    demo.store.dispose()
    again.store.dispose()
