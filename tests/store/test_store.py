"""The store's own guarantees: SQLite settings, UTC times, organisations, transactions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from waarborg.store import Store, organisation_slug
from waarborg.store.tables import Subject


@pytest.fixture
def store(store_url: str) -> Store:
    store = Store(store_url)
    store.upgrade()
    yield store  # type: ignore[misc]
    store.dispose()


def test_sqlite_uses_wal_and_foreign_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store(f"sqlite:///{tmp_path / 'nested' / 'w.db'}")
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.dispose()


def test_organisations_are_created_once(store: Store) -> None:
    first = store.ensure_organisation("Weservit B.V.")
    assert store.ensure_organisation("Weservit B.V.") == first
    assert store.ensure_organisation("IT Services Best") != first
    assert organisation_slug("Weservit B.V.") == "weservit-b-v"
    assert organisation_slug("Mylène's Café") == "mylene-s-cafe"


def test_times_come_back_as_aware_utc(store: Store) -> None:
    org = store.ensure_organisation("Voorbeeld")
    amsterdam = timezone(timedelta(hours=2))
    created = datetime(2026, 6, 1, 14, 30, tzinfo=amsterdam)
    with store.transaction() as session:
        session.add(Subject(organisation_id=org, ref="sub_x", created_at=created))
    with store.transaction() as session:
        row = session.scalar(sa.select(Subject).where(Subject.ref == "sub_x"))
        assert row is not None
        assert row.created_at == created and row.created_at.tzinfo is not None
        assert row.created_at.utcoffset() == timedelta(0)


def test_naive_times_are_refused(store: Store) -> None:
    org = store.ensure_organisation("Voorbeeld")
    with (
        pytest.raises(sa.exc.StatementError, match="naive datetime"),
        store.transaction() as session,
    ):
        session.add(Subject(organisation_id=org, ref="sub_y", created_at=datetime(2026, 1, 1)))
        session.flush()


def test_a_failed_transaction_leaves_nothing_behind(store: Store) -> None:
    org = store.ensure_organisation("Voorbeeld")
    with pytest.raises(IntegrityError), store.transaction() as session:
        session.add(Subject(organisation_id=org, ref="sub_dup"))
        session.add(Subject(organisation_id=org, ref="sub_dup"))
        session.flush()
    with store.transaction() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Subject)) == 0


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(IntegrityError), store.transaction() as session:
        session.add(Subject(organisation_id=999, ref="sub_orphan", created_at=datetime.now(UTC)))
        session.flush()
