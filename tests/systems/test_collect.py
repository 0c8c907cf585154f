"""Collecting a person's rows: exactly the rows the generators say are theirs.

Real WooCommerce and WHMCS schemas on SQLite and MariaDB and a custom app with
foreign keys on PostgreSQL, filled with generated Dutch customers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.shops import Business, bikes, business_url, whmcs, woocommerce
from waarborg.systems.collect import collect
from waarborg.systems.connect import Connector
from waarborg.systems.found import Identity


def found(connector: Connector, identity: Identity) -> dict[str, set[tuple[object, ...]]]:
    return {t.name: set(t.rows) for t in collect(connector, [identity]).found()}


@pytest.fixture(params=["sqlite", "mysql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with business_url(request.param, tmp_path) as url:
        yield url


def open_connector(business: Business) -> Connector:
    return Connector.open(business.systems, business.system_id, business.env)


def test_woocommerce_access_finds_exactly_each_persons_rows(backend: str) -> None:
    shop = woocommerce(backend)
    connector = open_connector(shop)
    try:
        for index in range(shop.data.customers):
            who = shop.data.person(index)
            # typed in other case than any row holds it
            assert found(connector, Identity("email", who.email.upper())) == shop.data.truth.of(
                index
            ), who.index
    finally:
        connector.dispose()


def test_whmcs_access_finds_clients_users_and_contacts_but_not_invited_accounts(
    backend: str,
) -> None:
    install = whmcs(backend)
    connector = open_connector(install)
    try:
        people = [*range(install.data.clients), *install.data.contacts]
        assert install.data.contacts, "the generator made contacts"
        for index in people:
            who = install.data.person(index)
            assert found(connector, Identity("email", who.email.title())) == (
                install.data.truth.of(index)
            ), index
    finally:
        connector.dispose()


def test_custom_postgres_app(postgres_url: str) -> None:
    shop = bikes(postgres_url)
    connector = open_connector(shop)
    try:
        for index in range(shop.data.customers):
            who = shop.data.person(index)
            assert found(connector, Identity("email", who.email)) == shop.data.truth.of(index)
        # a customer id finds what hangs off the customer; the newsletter list knows
        # only addresses, so it takes the e-mail address as well
        by_id = found(connector, Identity("customer-id", "3", system="bikes"))
        expected = shop.data.truth.of(2)
        expected.pop("newsletter", None)
        assert by_id == expected
    finally:
        connector.dispose()


def test_a_person_with_no_rows_gets_nothing_and_others_are_untouched(tmp_path: Path) -> None:
    with business_url("sqlite", tmp_path) as url:
        shop = woocommerce(url, customers=5)
        connector = open_connector(shop)
        try:
            assert found(connector, Identity("email", "niemand@example.nl")) == {}
        finally:
            connector.dispose()


def test_lookups_are_batched_per_table_and_level_not_per_row(tmp_path: Path) -> None:
    with business_url("sqlite", tmp_path) as url:
        shop = woocommerce(url, customers=30)
        connector = open_connector(shop)
        try:
            counts = {}
            for index in range(shop.data.customers):
                who = shop.data.person(index)
                collection = collect(connector, [Identity("email", who.email)])
                counts[collection.count()] = collection.queries
            tables = len(shop.systems.systems["shop"].tables)
            # a person with 80 rows costs no more queries than the tables a walk can
            # reach at each level, whatever the number of rows
            assert max(counts) > 40
            assert max(counts.values()) <= 3 * tables
        finally:
            connector.dispose()


def test_legacy_and_hpos_only_shops(tmp_path: Path) -> None:
    for storage in ("legacy", "hpos"):
        with business_url("sqlite", tmp_path / storage) as url:
            (tmp_path / storage).mkdir()
            shop = woocommerce(url, customers=8, storage=storage)
            connector = open_connector(shop)
            try:
                for index in range(shop.data.customers):
                    who = shop.data.person(index)
                    assert found(connector, Identity("email", who.email)) == shop.data.truth.of(
                        index
                    )
            finally:
                connector.dispose()
