"""Running requests against a test business, and looking for traces of a person."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tests.rights.ledger import RecordingLedger
from tests.shops import TODAY, Business
from waarborg.rights.execute import Fulfilment
from waarborg.store import Store
from waarborg.testdata.people import Person

SECRET = b"test-installation-secret"


@contextmanager
def fulfilment(business: Business, store_path: Path) -> Iterator[Fulfilment]:
    store = Store(f"sqlite:///{store_path}")
    store.upgrade()
    organisation = store.ensure_organisation(business.register.organisation.name)
    ledger = RecordingLedger(organisation, SECRET)
    service = Fulfilment.open(
        business.register,
        business.systems,
        business.env,
        store=store,
        ledger=ledger,
        secret=SECRET,
        organisation_id=organisation,
        today=TODAY,
    )
    try:
        yield service
    finally:
        service.close()
        store.dispose()


def dump(url: str) -> dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]:
    """Every row of every table, by primary key."""
    engine = sa.create_engine(url)
    metadata = sa.MetaData()
    result: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]] = {}
    try:
        with engine.connect() as connection:
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                metadata.reflect(connection)
            for table in metadata.sorted_tables:
                key = [c.name for c in table.primary_key.columns]
                result[table.name] = {
                    tuple(row[k] for k in key): tuple(row.values())
                    for row in connection.execute(sa.select(table)).mappings()
                }
    finally:
        engine.dispose()
    return result


def traces(
    who: Person, rows: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]
) -> set[tuple[str, tuple[Any, ...]]]:
    """(table, key) of every row that still holds one of the person's own values."""
    needles = [t.lower() for t in who.traces()] + [who.iban.encode().hex()]
    found = set()
    for table, table_rows in rows.items():
        for key, row in table_rows.items():
            text = " ".join(
                v.hex() if isinstance(v, bytes) else str(v) for v in row if v is not None
            ).lower()
            if any(needle in text for needle in needles):
                found.add((table, key))
    return found
