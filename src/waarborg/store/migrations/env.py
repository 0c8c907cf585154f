"""Alembic environment: the engine comes from waarborg.store.migrate, never from a file."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

import waarborg.store.models  # noqa: F401  (registers every table on the metadata)
from waarborg.store.base import Base

engine: Engine = context.config.attributes["engine"]


def _ours(name: str | None, type_: str, parent_names: object) -> bool:
    """procrastinate keeps its own tables in the same PostgreSQL database."""
    return not (type_ == "table" and name is not None and name.startswith("procrastinate_"))


with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=_ours,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
