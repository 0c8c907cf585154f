"""Data the benchmarks share: the Weservit register, and a store with customers in it."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from waarborg.register import load_register
from waarborg.settings import Settings
from waarborg.store import Store
from waarborg.store.apikeys import create_api_key
from waarborg.store.consents import record_consent, text_hash
from waarborg.store.subjects import Identity, find_or_create_subject, record_event
from waarborg.web import open_site

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "examples" / "weservit" / "register.yaml"
SECRET = "bench-secret-" + "x" * 32


def prepare_store(data_dir: Path, customers: int = 100) -> str:
    """A store with ``customers`` people (consent, two orders each) and an API key."""
    settings = Settings(data_dir=data_dir, secret_key=SECRET)
    store = Store(settings.store_url)
    store.upgrade()
    site = open_site(store, load_register(REGISTER))
    org = site.organisation_id
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with store.transaction() as session:
        for n in range(customers):
            subject, _ = find_or_create_subject(
                session, org, [Identity("customer-id", f"C-{n}")], settings.secret()
            )
            record_consent(
                session, org, subject=subject, activity="order-handling", state="given",
                shown_text_hash=text_hash("ja"), language="nl", collection_method="form",
                collected_at=start,
            )  # fmt: skip
            for order in range(2):
                record_event(
                    session, org, system="webshop", kind="order-completed",
                    reference=f"o-{n}-{order}", occurred_at=start + timedelta(days=order),
                    subject_id=subject.id,
                )  # fmt: skip
        _, key = create_api_key(session, org, "webshop", "bench")
    store.dispose()
    return key


def bench_postgres() -> str:
    """The PostgreSQL server the single-purpose benchmarks use."""
    server = os.environ.get("WAARBORG_BENCH_POSTGRES_URL") or os.environ.get(
        "WAARBORG_TEST_POSTGRES_URL"
    )
    if not server:
        raise SystemExit("set WAARBORG_BENCH_POSTGRES_URL for the PostgreSQL benchmark")
    return server


def server_database(server: str, name: str) -> str:
    """The URL of database ``name`` on the PostgreSQL or MariaDB ``server``, created if missing."""
    url = make_url(server)
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            if url.get_backend_name() == "postgresql":
                found = connection.execute(
                    sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
                ).first()
                if not found:
                    connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
            else:
                connection.exec_driver_sql(
                    f"CREATE DATABASE IF NOT EXISTS `{name}` CHARACTER SET utf8mb4"
                )
    finally:
        admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)
