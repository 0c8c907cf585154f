"""Fill the demo business database with realistic Dutch customers (fixed seed).

Names, streets and cities come from Faker ``nl_NL``; postcodes are checked with
python-stdnum, phone numbers with phonenumbers, IBANs are generated and checked
with schwifty and stdnum. E-mail addresses use the reserved ``example.*``
domains and IP addresses the documentation ranges (RFC 2606, RFC 5737, RFC 3849),
so a demo can never write to or about a real person's mailbox or address.
The same seed always gives the same database.
"""

from __future__ import annotations

import random
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path

import phonenumbers
from faker import Faker
from schwifty import IBAN
from stdnum import iban as stdnum_iban
from stdnum.nl import postcode as nl_postcode

START = datetime(2018, 1, 1, tzinfo=UTC)
END = datetime(2026, 10, 31, tzinfo=UTC)  # fixed, so the data is the same every time
BANKS = ("INGB", "ABNA", "RABO", "SNSB", "ASNB", "TRIO", "BUNQ", "KNAB")
DOMAINS = ("example.com", "example.net", "example.org")
PRODUCTS = (  # (name, price in cents, subscription?)
    ("Domeinnaam .nl (1 jaar)", 899, False),
    ("SSL-certificaat", 2900, False),
    ("Website-migratie", 7500, False),
    ("Webhosting Start", 499, True),
    ("Webhosting Plus", 999, True),
    ("VPS Basis", 1999, True),
    ("Zakelijke e-mail", 399, True),
)
SUBJECTS = (
    ("Vraag over mijn factuur", "Ik zie een bedrag op mijn factuur dat ik niet begrijp."),
    ("Domein verhuizen", "Hoe verhuis ik mijn domeinnaam naar jullie?"),
    ("Website traag", "Mijn website laadt sinds gisteren erg langzaam."),
    ("Offerte VPS", "Kunnen jullie een offerte maken voor twee VPS'en?"),
    ("E-mail werkt niet", "Ik kan sinds vanochtend geen e-mail meer versturen."),
)
PORTAL_ACTIONS = ("login", "login", "login", "dns-change", "password-change", "invoice-download")
USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36",
)


def schema_sql() -> str:
    return (resources.files("waarborg.demo") / "schema.sql").read_text(encoding="utf-8")


def _ts(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


@dataclass
class _Maker:
    rng: random.Random
    fake: Faker

    def moment(self, after: datetime, before: datetime = END) -> datetime:
        span = max(int((before - after).total_seconds()), 1)
        return after + timedelta(seconds=self.rng.randrange(span))

    def postcode(self) -> str:
        while True:
            code = str(self.fake.postcode())
            if nl_postcode.is_valid(code):
                compact = nl_postcode.compact(code)
                return f"{compact[:4]} {compact[4:]}"

    def house_number(self) -> str:
        number = str(self.rng.randint(1, 240))
        return number + self.rng.choice(("", "", "", "", "A", "B", "-2", " bis"))

    def phone(self) -> str:
        while True:
            prefix = self.rng.choice(("6", "6", "6", "20", "30", "40", "50", "73"))
            digits = "".join(str(self.rng.randrange(10)) for _ in range(9 - len(prefix)))
            number = phonenumbers.parse(f"+31{prefix}{digits}")
            if phonenumbers.is_valid_number(number):
                return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def iban(self) -> str:
        account = "".join(str(self.rng.randrange(10)) for _ in range(10))
        value = str(IBAN.generate("NL", bank_code=self.rng.choice(BANKS), account_code=account))
        return stdnum_iban.compact(value)

    def ip(self) -> str:
        if self.rng.random() < 0.2:
            return f"2001:db8:{self.rng.randrange(65536):x}::{self.rng.randrange(65536):x}"
        network = self.rng.choice(("192.0.2", "198.51.100", "203.0.113"))
        return f"{network}.{self.rng.randrange(1, 255)}"

    def email(self, first: str, last: str, taken: set[str]) -> str:
        base = _ascii(f"{first}.{last}").replace(" ", "")
        for n in range(1000):
            address = f"{base}{n or ''}@{self.rng.choice(DOMAINS)}"
            if address not in taken:
                taken.add(address)
                return address
        raise RuntimeError("ran out of addresses")


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum() or c in ". ")


def create_business_db(path: Path, *, seed: int = 2018, customers: int = 300) -> Path:
    """Create (or recreate) the demo database at ``path``; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    maker = _Maker(random.Random(seed), fake)  # noqa: S311  (reproducible fake data)
    connection = sqlite3.connect(path)
    try:
        connection.executescript(schema_sql())
        with connection:
            _fill(connection, maker, customers)
    finally:
        connection.close()
    return path


def _fill(db: sqlite3.Connection, maker: _Maker, count: int) -> None:
    rng, fake = maker.rng, maker.fake
    taken: set[str] = set()
    for number in range(1, count + 1):
        first, last = fake.first_name(), fake.last_name()
        created = maker.moment(START, END - timedelta(days=30))
        closed = maker.moment(created + timedelta(days=60)) if rng.random() < 0.12 else None
        end = closed or END
        email = maker.email(first, last, taken)
        db.execute(
            "INSERT INTO customers VALUES (?,?,?,?,?,?,?,?,?,?,'NL',?,?,?,?)",
            (
                number, f"WS-{10000 + number}", email, first, last,
                fake.company() if rng.random() < 0.35 else None,
                fake.street_name(), maker.house_number(), maker.postcode(), fake.city(),
                maker.phone() if rng.random() < 0.8 else None,
                maker.iban() if rng.random() < 0.6 else None,
                _ts(created), _ts(closed) if closed else None,
            ),
        )  # fmt: skip
        name = f"{first} {last}"
        _orders(db, maker, number, name, created, end)
        _subscriptions(db, maker, number, name, created, closed)
        _portal(db, maker, number, created, end)
        if rng.random() < 0.45:
            _subscribe(db, maker, email, number, created, end)
        if rng.random() < 0.3:
            _message(db, maker, number, name, email, created, end)
    for _ in range(count // 3):  # visitors who never became customers
        first, last = fake.first_name(), fake.last_name()
        email = maker.email(first, last, taken)
        if rng.random() < 0.6:
            _subscribe(db, maker, email, None, START, END)
        else:
            _message(db, maker, None, f"{first} {last}", email, START, END)


def _address(db: sqlite3.Connection, customer: int) -> str:
    street, number, postcode, city = db.execute(
        "SELECT street, house_number, postcode, city FROM customers WHERE id = ?", (customer,)
    ).fetchone()
    return f"{street} {number}, {postcode} {city}"


def _invoice(
    db: sqlite3.Connection, maker: _Maker, customer: int, name: str, issued: datetime,
    amount: int, order: int | None = None, subscription: int | None = None,
) -> None:  # fmt: skip
    number = db.execute("SELECT count(*) FROM invoices").fetchone()[0] + 1
    paid = issued + timedelta(days=maker.rng.randrange(1, 20)) if issued < END else None
    iban = db.execute("SELECT iban FROM customers WHERE id = ?", (customer,)).fetchone()[0]
    db.execute(
        "INSERT INTO invoices VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            number, f"F{issued.year}-{number:04d}", customer, order, subscription,
            issued.date().isoformat(), (issued.date() + timedelta(days=14)).isoformat(),
            paid.date().isoformat() if paid and paid < END else None,
            amount, round(amount * 21 / 121), name, _address(db, customer), iban,
        ),
    )  # fmt: skip


def _orders(
    db: sqlite3.Connection, maker: _Maker, customer: int, name: str, since: datetime, end: datetime
) -> None:
    rng = maker.rng
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
        placed = maker.moment(since, end)
        status = rng.choices(("completed", "pending", "cancelled"), (85, 5, 10))[0]
        completed = (
            placed + timedelta(hours=rng.randrange(1, 72)) if status == "completed" else None
        )
        items = rng.sample([p for p in PRODUCTS if not p[2]], rng.randrange(1, 3))
        total = sum(price for _, price, _ in items)
        number = db.execute("SELECT count(*) FROM orders").fetchone()[0] + 1
        db.execute(
            "INSERT INTO orders VALUES (?,?,?,?,?,?,?,?)",
            (
                number, f"WS-{placed.year}-{number:05d}", customer, status, _ts(placed),
                _ts(completed) if completed else None, total, maker.ip(),
            ),
        )  # fmt: skip
        for product, price, _ in items:
            db.execute(
                "INSERT INTO order_items (order_id, product, quantity, unit_price_cents)"
                " VALUES (?,?,1,?)",
                (number, product, price),
            )
        if completed is not None:
            _invoice(db, maker, customer, name, completed, total, order=number)


def _subscriptions(
    db: sqlite3.Connection, maker: _Maker, customer: int, name: str, since: datetime,
    closed: datetime | None,
) -> None:  # fmt: skip
    rng = maker.rng
    if rng.random() > 0.55:
        return
    product, price, _ = rng.choice([p for p in PRODUCTS if p[2]])
    started = maker.moment(since, (closed or END) - timedelta(days=1))
    ended = closed or (maker.moment(started + timedelta(days=90)) if rng.random() < 0.25 else None)
    cursor = db.execute(
        "INSERT INTO subscriptions (customer_id, product, monthly_price_cents, started_at,"
        " ended_at) VALUES (?,?,?,?,?)",
        (customer, product, price, _ts(started), _ts(ended) if ended else None),
    )
    issued = started
    while issued < (ended or END):  # billed yearly in advance
        _invoice(db, maker, customer, name, issued, price * 12, subscription=cursor.lastrowid)
        issued += timedelta(days=365)


def _portal(
    db: sqlite3.Connection, maker: _Maker, customer: int, since: datetime, end: datetime
) -> None:
    for _ in range(maker.rng.randrange(0, 12)):
        db.execute(
            "INSERT INTO portal_activity (customer_id, occurred_at, action, ip_address,"
            " user_agent) VALUES (?,?,?,?,?)",
            (
                customer, _ts(maker.moment(since, end)), maker.rng.choice(PORTAL_ACTIONS),
                maker.ip(), maker.rng.choice(USER_AGENTS),
            ),
        )  # fmt: skip


def _subscribe(
    db: sqlite3.Connection, maker: _Maker, email: str, customer: int | None, since: datetime,
    end: datetime,
) -> None:  # fmt: skip
    rng = maker.rng
    subscribed = maker.moment(since, end)
    confirmed = (
        subscribed + timedelta(minutes=rng.randrange(1, 600)) if rng.random() < 0.7 else None
    )
    left = maker.moment(subscribed + timedelta(days=1)) if rng.random() < 0.2 else None
    source = "checkout" if customer and rng.random() < 0.6 else rng.choice(("website", "portal"))
    db.execute(
        "INSERT INTO newsletter_subscribers (email, customer_id, source, subscribed_at,"
        " confirmed_at, unsubscribed_at, ip_address) VALUES (?,?,?,?,?,?,?)",
        (
            email, customer, source, _ts(subscribed), _ts(confirmed) if confirmed else None,
            _ts(left) if left else None, maker.ip(),
        ),
    )  # fmt: skip


def _message(
    db: sqlite3.Connection, maker: _Maker, customer: int | None, name: str, email: str,
    since: datetime, end: datetime,
) -> None:  # fmt: skip
    rng = maker.rng
    subject, body = rng.choice(SUBJECTS)
    received = maker.moment(since, end)
    answered = received + timedelta(hours=rng.randrange(1, 96))
    db.execute(
        "INSERT INTO contact_messages (customer_id, name, email, phone, subject, body,"
        " ip_address, received_at, answered_at) VALUES (?,?,?,?,?,?,?,?,?)",
        (
            customer, name, email, maker.phone() if rng.random() < 0.4 else None, subject, body,
            maker.ip(), _ts(received), _ts(answered) if answered < END else None,
        ),
    )  # fmt: skip


def parse_ts(text: str) -> datetime:
    """A timestamp of the demo database as an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def parse_day(text: str) -> date:
    return date.fromisoformat(text)
