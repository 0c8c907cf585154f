"""waarborg's own database: SQLAlchemy 2 models and Alembic migrations.

SQLite (write-ahead log, foreign keys on) is the embedded default; PostgreSQL
works the same. Open with ``Store(url)`` or ``Store.from_settings(settings)``
and bring the schema up to date with ``store.upgrade()``.
"""

from waarborg.store._store import Store, organisation_slug
from waarborg.store.base import Base, UtcDateTime, new_ref, utcnow

__all__ = ["Base", "Store", "UtcDateTime", "new_ref", "organisation_slug", "utcnow"]
