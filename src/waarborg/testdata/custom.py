"""A small custom PostgreSQL (or SQLite) application with real foreign keys.

A bicycle shop's own order system: customers, addresses, orders (an exchange
points at the order it replaces), invoices, logins, a support thread whose
replies point at the message they answer, and a newsletter list kept apart from
the customers. Real foreign-key constraints make the order of deletions matter.
Two things are deliberately left out of :data:`CUSTOM_MAP`, for discovery to
find: ``customers.bsn`` and the ``leads`` table.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import sqlalchemy as sa

from waarborg.testdata.people import Person
from waarborg.testdata.schema import lower_index, pk
from waarborg.testdata.truth import Batch, Generated, Rows
from waarborg.testdata.woocommerce import case_variant


def custom_metadata() -> sa.MetaData:
    md = sa.MetaData()
    customers = sa.Table(
        "customers",
        md,
        pk(),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(40)),
        sa.Column("date_of_birth", sa.Date),
        sa.Column("iban", sa.String(34)),
        sa.Column("bsn", sa.String(9)),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    lower_index("customers_lower_email", customers.c.email)
    sa.Table(
        "addresses",
        md,
        pk(),
        sa.Column("customer_id", sa.ForeignKey("customers.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("street", sa.String(200)),
        sa.Column("postcode", sa.String(10)),
        sa.Column("city", sa.String(100)),
    )
    sa.Table(
        "orders",
        md,
        pk(),
        sa.Column("customer_id", sa.ForeignKey("customers.id"), nullable=False, index=True),
        sa.Column("placed_at", sa.DateTime, nullable=False),
        sa.Column("total", sa.Numeric(10, 2), nullable=False),
        sa.Column("ip", sa.String(45)),
        sa.Column("note", sa.Text),
        sa.Column("replaces_order_id", sa.ForeignKey("orders.id"), index=True),
    )
    sa.Table(
        "invoices",
        md,
        pk(),
        sa.Column("order_id", sa.ForeignKey("orders.id"), nullable=False, index=True),
        sa.Column("customer_id", sa.ForeignKey("customers.id"), nullable=False, index=True),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("billing_name", sa.String(200), nullable=False),
        sa.Column("billing_address", sa.Text, nullable=False),
        sa.Column("amount", sa.Numeric(10, 2), nullable=False),
    )
    sa.Table(
        "login_events",
        md,
        pk(),
        sa.Column("customer_id", sa.ForeignKey("customers.id"), nullable=False, index=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("ip", sa.String(45)),
    )
    messages = sa.Table(
        "messages",
        md,
        pk(),
        sa.Column("customer_id", sa.ForeignKey("customers.id"), index=True),
        sa.Column("email", sa.String(254)),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("reply_to", sa.ForeignKey("messages.id"), index=True),
        sa.Column("sent_at", sa.DateTime, nullable=False),
    )
    lower_index("messages_lower_email", messages.c.email)
    newsletter = sa.Table(
        "newsletter",
        md,
        pk(),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("subscribed_at", sa.DateTime, nullable=False),
    )
    lower_index("newsletter_lower_email", newsletter.c.email)
    sa.Table(
        "leads",
        md,
        pk(),
        sa.Column("contact_email", sa.String(254)),
        sa.Column("contact_phone", sa.String(40)),
        sa.Column("created_at", sa.DateTime),
    )
    return md


CUSTOM_MAP = """\
waarborg: 1
systems:
  bikes:
    title: Fietsenwinkel
    url_env: BIKES_DATABASE_URL
    tables:
      customers:
        primary_key: id
        activities: [{account}]
        identity: {{email: email, id: customer-id}}
        anchor: created_at
        columns:
          email: {{category: email, field: email}}
          full_name: {{category: name, field: name}}
          phone: {{category: phone, field: phone}}
          date_of_birth: date-of-birth
          iban: {{category: bank-account, field: iban}}
        erasure:
          retain: fiscal
          anchor: invoices.issued_on
          mask: {{email: hash, phone: null, date_of_birth: null, iban: null, full_name: blank}}
      addresses:
        primary_key: id
        activities: [{orders}]
        references: [{{column: customer_id, to: customers.id}}]
        columns:
          street: {{category: address, field: street}}
          postcode: {{category: address, field: postcode}}
          city: {{category: address, field: city}}
        erasure: delete
      orders:
        primary_key: id
        activities: [{orders}]
        references:
          - {{column: customer_id, to: customers.id}}
          - {{column: replaces_order_id, to: orders.id, follow: both}}
        anchor: placed_at
        columns: {{total: order-details, ip: ip-address, note: correspondence}}
        erasure: {{retain: fiscal, mask: {{ip: truncate-ip, note: null}}}}
      invoices:
        primary_key: id
        activities: [{orders}]
        references:
          - {{column: order_id, to: orders.id}}
          - {{column: customer_id, to: customers.id}}
        anchor: issued_on
        columns: {{billing_name: name, billing_address: address, amount: order-details}}
        erasure: {{retain: fiscal}}
      login_events:
        primary_key: id
        activities: [{account}]
        references: [{{column: customer_id, to: customers.id}}]
        columns: {{ip: ip-address, at: account-activity}}
        erasure: delete
      messages:
        primary_key: id
        activities: [{support}]
        identity: {{email: email}}
        references:
          - {{column: customer_id, to: customers.id}}
          - {{column: reply_to, to: messages.id}}
        columns: {{email: email, body: correspondence}}
        erasure: delete
      newsletter:
        primary_key: id
        activities: [{newsletter}]
        identity: {{email: email}}
        columns: {{email: email}}
        erasure: delete
"""


def custom_map(account: str, orders: str, support: str, newsletter: str) -> str:
    """:data:`CUSTOM_MAP` with a register's activity ids filled in."""
    return CUSTOM_MAP.format(account=account, orders=orders, support=support, newsletter=newsletter)


@dataclass(kw_only=True)
class BikeShop(Generated):
    customers: int = 30
    seed: int = 3

    def rows(self, batch: int = 5000) -> Iterator[Batch]:
        out, self._ids = Rows(batch), {}
        for index in range(self.customers):
            yield from self._customer(out, index)
        yield from out.flush()

    def _customer(self, out: Rows, index: int) -> Iterator[Batch]:
        who, truth = self.person(index), self.truth
        rng = random.Random(self.seed * 5_003 + index)
        customer_id = index + 1
        joined = datetime.combine(self.today - timedelta(days=rng.randint(100, 4000)), time(9))
        truth.add(index, "customers", customer_id)
        yield from out.add(
            "customers",
            id=customer_id,
            email=who.email,
            full_name=who.name,
            phone=who.phone,
            date_of_birth=who.date_of_birth,
            iban=who.iban,
            bsn=who.bsn,
            created_at=joined,
        )
        address_id = self._next("address")
        truth.add(index, "addresses", address_id)
        yield from out.add(
            "addresses",
            id=address_id,
            customer_id=customer_id,
            kind="home",
            street=who.address_line,
            postcode=who.postcode,
            city=who.city,
        )
        previous = None
        for _ in range(rng.randint(0, 4)):
            order_id, invoice_id = self._next("order"), self._next("invoice")
            placed = datetime.combine(self.today - timedelta(days=rng.randint(1, 3650)), time(14))
            replaces = previous if previous and rng.random() < 0.3 else None
            truth.add(index, "orders", order_id)
            truth.add(index, "invoices", invoice_id)
            yield from out.add(
                "orders",
                id=order_id,
                customer_id=customer_id,
                placed_at=placed,
                total=rng.randint(100, 3000),
                ip=who.ip,
                note="Bel even aan",
                replaces_order_id=replaces,
            )
            yield from out.add(
                "invoices",
                id=invoice_id,
                order_id=order_id,
                customer_id=customer_id,
                number=f"2026-{invoice_id:05d}",
                issued_on=placed.date(),
                billing_name=who.name,
                billing_address=f"{who.address_line}, {who.postcode} {who.city}",
                amount=rng.randint(100, 3000),
            )
            previous = order_id
        for _ in range(rng.randint(0, 3)):
            event_id = self._next("login")
            truth.add(index, "login_events", event_id)
            yield from out.add(
                "login_events",
                id=event_id,
                customer_id=customer_id,
                at=joined + timedelta(days=rng.randint(0, 90)),
                ip=who.ip,
            )
        yield from self._messages(out, index, who, customer_id, rng)

    def _messages(
        self, out: Rows, index: int, who: Person, customer_id: int, rng: random.Random
    ) -> Iterator[Batch]:
        truth = self.truth
        sent = datetime.combine(self.today - timedelta(days=rng.randint(1, 300)), time(16))
        if rng.random() < 0.6:
            guest = rng.random() < 0.4
            question = self._next("message")
            answer = self._next("message")
            truth.add(index, "messages", question)
            truth.add(index, "messages", answer)
            yield from out.add(
                "messages",
                id=question,
                customer_id=None if guest else customer_id,
                email=case_variant(who.email, rng) if guest else None,
                body=f"Mijn fiets is stuk. {who.phone}",
                reply_to=None,
                sent_at=sent,
            )
            yield from out.add(
                "messages",
                id=answer,
                customer_id=None,
                email=None,
                body="We bellen u morgen.",
                reply_to=question,
                sent_at=sent + timedelta(hours=3),
            )
        if rng.random() < 0.5:
            subscription = self._next("newsletter")
            truth.add(index, "newsletter", subscription)
            yield from out.add(
                "newsletter", id=subscription, email=who.email.upper(), subscribed_at=sent
            )
        if rng.random() < 0.3:
            yield from out.add(
                "leads",
                id=self._next("lead"),
                contact_email=who.email,
                contact_phone=who.phone,
                created_at=sent,
            )
