"""WHMCS services are kept while they run: the rule is "subscription-ended + 7 years",
so a service registered nine years ago that is still active must survive a sweep,
and one that ended more than seven years ago is erased."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.shops import TODAY, business_url, whmcs
from waarborg.retention import plan, run
from waarborg.store import Store

SECRET = b"test-installation-secret"
NINE_YEARS_AGO = date(TODAY.year - 9, TODAY.month, TODAY.day)


@pytest.fixture(params=["sqlite", "postgresql", "mysql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with business_url(request.param, tmp_path) as url:
        yield url


def _set(url: str, table: str, key: int, **values: object) -> None:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            target = sa.Table(table, sa.MetaData(), autoload_with=connection)
            connection.execute(target.update().where(target.c.id == key).values(**values))
    finally:
        engine.dispose()


def _ids(url: str, table: str) -> set[int]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            target = sa.Table(table, sa.MetaData(), autoload_with=connection)
            return set(connection.execute(sa.select(target.c.id)).scalars())
    finally:
        engine.dispose()


def test_an_active_nine_year_old_service_survives_a_sweep(backend: str, tmp_path: Path) -> None:
    business = whmcs(backend, clients=10)
    services = sorted(_ids(backend, "tblhosting"))
    active, ended = services[0], services[1]
    _set(backend, "tblhosting", active, regdate=NINE_YEARS_AGO, domainstatus="Active",
         termination_date=None)  # fmt: skip
    _set(backend, "tblhosting", ended, regdate=NINE_YEARS_AGO, domainstatus="Terminated",
         termination_date=date(TODAY.year - 8, 1, 15))  # fmt: skip
    domains = sorted(_ids(backend, "tbldomains"))
    renewed, lapsed = domains[0], domains[1]
    _set(backend, "tbldomains", renewed, registrationdate=NINE_YEARS_AGO,
         expirydate=date(TODAY.year + 1, 1, 1))  # fmt: skip
    _set(backend, "tbldomains", lapsed, registrationdate=NINE_YEARS_AGO,
         expirydate=date(TODAY.year - 8, 3, 1))  # fmt: skip

    zero = services[2]
    _set(backend, "tblhosting", zero, regdate=NINE_YEARS_AGO, domainstatus="Active",
         termination_date=None)  # fmt: skip
    zero_date = _zero_date(backend, zero)
    running = _running(backend)
    planned = {t.table: t for t in plan(business.register, business.systems, business.env,
                                         today=TODAY).tables}  # fmt: skip
    assert "termination_date" in planned["tblhosting"].last_due_anchor
    store = Store(f"sqlite:///{tmp_path / 'waarborg.db'}")
    store.upgrade()
    org = store.ensure_organisation("Test BV")
    try:
        run(store, org, business.register, business.systems, business.env,
            today=TODAY, secret=SECRET)  # fmt: skip
    finally:
        store.dispose()
    hosting, domains_left = _ids(backend, "tblhosting"), _ids(backend, "tbldomains")
    assert active in hosting and renewed in domains_left
    assert ended not in hosting and lapsed not in domains_left
    assert running and running <= hosting  # none still running was swept, however old
    assert zero in hosting, "a zero date (0000-00-00) is no date: the service still runs"
    assert zero_date or backend.startswith("postgresql")


def _running(url: str) -> set[int]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            query = sa.text("SELECT id FROM tblhosting WHERE termination_date IS NULL")
            return set(connection.execute(query).scalars())
    finally:
        engine.dispose()


def _zero_date(url: str, key: int) -> bool:
    """Write WHMCS's 'no date', 0000-00-00, where the database accepts it."""
    if url.startswith("postgresql"):
        return False  # PostgreSQL has no zero date
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            if url.startswith("mysql"):
                connection.execute(sa.text("SET SESSION sql_mode = ''"))
            connection.execute(
                sa.text("UPDATE tblhosting SET termination_date = '0000-00-00' WHERE id = :id"),
                {"id": key},
            )
        return True
    finally:
        engine.dispose()
