"""Alembic environment: the engine comes from waarborg.store.migrate, never from a file."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

import waarborg.store.models  # noqa: F401  (registers every table on the metadata)
from waarborg.store.base import Base

engine: Engine = context.config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
