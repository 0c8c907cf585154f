"""Migrations: upgrade from empty, downgrade back, and the models match the scripts."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

import waarborg.store.models  # noqa: F401
from waarborg.store import Base, Store
from waarborg.store.migrate import alembic_config


def table_names(store: Store) -> set[str]:
    return set(sa.inspect(store.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_from_empty_and_downgrade_back(store_url: str) -> None:
    store = Store(store_url)
    try:
        store.upgrade()
        assert table_names(store) == set(Base.metadata.tables)
        head = ScriptDirectory.from_config(alembic_config(store.engine)).get_current_head()
        assert store.revision() == head
        store.downgrade("base")
        assert table_names(store) == set()
        store.upgrade()
        assert table_names(store) == set(Base.metadata.tables)
    finally:
        store.dispose()


def test_each_revision_downgrades_cleanly_one_step_at_a_time(store_url: str) -> None:
    store = Store(store_url)
    try:
        script = ScriptDirectory.from_config(alembic_config(store.engine))
        revisions = [r.revision for r in script.walk_revisions()]  # head first
        store.upgrade()
        for revision in revisions:
            store.downgrade("-1")
            assert store.revision() != revision
        assert table_names(store) == set()
    finally:
        store.dispose()


def test_models_and_migrations_agree(store_url: str) -> None:
    store = Store(store_url)
    try:
        store.upgrade()
        with store.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
        assert differences == [], "write a migration for these model changes"
    finally:
        store.dispose()
