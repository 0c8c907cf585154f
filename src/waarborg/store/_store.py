"""The :class:`Store`: one engine, transactions, and the organisation rows."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session, sessionmaker

from waarborg.settings import Settings
from waarborg.store import migrate
from waarborg.store.engine import READ_ONLY, create_store_engine
from waarborg.store.tables import Organisation


def organisation_slug(name: str) -> str:
    """'Weservit B.V.' → 'weservit-b-v'; the key one installation files a company under."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:80] or "organisation"


class Store:
    """waarborg's own database. Every write happens inside :meth:`transaction`."""

    def __init__(self, url: str):
        self.url = url
        self.engine: Engine = create_store_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> Store:
        return cls(settings.store_url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back on any error."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only; on SQLite it never takes the write lock.

        Anything written through it is rolled back at the end.
        """
        with self.read_connection() as connection, Session(bind=connection) as session:
            yield session

    @contextmanager
    def read_connection(self) -> Iterator[Connection]:
        """A Core connection for reads only; on SQLite it never takes the write lock."""
        with self.engine.connect().execution_options(**{READ_ONLY: True}) as connection:
            yield connection

    def upgrade(self, revision: str = "head") -> None:
        migrate.upgrade(self.engine, revision)

    def downgrade(self, revision: str) -> None:
        migrate.downgrade(self.engine, revision)

    def revision(self) -> str | None:
        return migrate.current_revision(self.engine)

    def ensure_organisation(self, name: str, slug: str | None = None) -> int:
        """The id of the organisation filed under ``slug``, created on first use."""
        key = slug or organisation_slug(name)
        with self.transaction() as session:
            found = session.scalar(select(Organisation.id).where(Organisation.slug == key))
            if found is not None:
                return found
            row = Organisation(slug=key, name=name)
            session.add(row)
            session.flush()
            return row.id

    def dispose(self) -> None:
        self.engine.dispose()
