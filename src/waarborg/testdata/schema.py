"""Column types and index helpers shared by the generated schemas.

The schemas are created for real on MariaDB, SQLite and PostgreSQL from one
SQLAlchemy ``MetaData``: MySQL-only details (``LONGTEXT``, prefix index lengths)
are variants, and expression indexes on ``lower(email)`` (which MariaDB cannot
create) exist only on PostgreSQL and SQLite, where waarborg compares e-mail
addresses with ``lower()``. On MariaDB the default ``_ci`` collation already
ignores case and the plain index serves.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import mysql

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
LONGTEXT = sa.Text().with_variant(mysql.LONGTEXT(), "mysql")


def pk(name: str = "id") -> sa.Column[Any]:
    return sa.Column(name, ID, primary_key=True, autoincrement=True)


def lower_index(name: str, column: sa.Column[Any]) -> sa.Index:
    """An index on ``lower(column)`` for PostgreSQL and SQLite only."""
    index = sa.Index(name, sa.func.lower(column))
    return index.ddl_if(dialect=("postgresql", "sqlite"))  # type: ignore[arg-type]


def create(engine: sa.Engine, metadata: sa.MetaData) -> None:
    metadata.create_all(engine)
