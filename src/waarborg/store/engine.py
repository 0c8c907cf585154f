"""Engines for waarborg's own store: SQLite (embedded default) or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url


def create_store_engine(url: str, **kwargs: Any) -> Engine:
    """An engine with the settings waarborg relies on.

    SQLite gets write-ahead logging (readers never block the writer), enforced
    foreign keys, full synchronous commits (a write is durable before we answer)
    and a busy timeout instead of immediate "database is locked" errors.

    SQLite transactions start with ``BEGIN IMMEDIATE``: the write lock is taken at
    the start, so two processes that read and then write (appending to the audit
    chain, creating a subject) wait for each other instead of one failing with
    "database is locked" when it tries to upgrade a stale read snapshot.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver must not open transactions behind SQLAlchemy's back; the "begin"
    # listener below issues them (SQLAlchemy's documented pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


READ_ONLY = "waarborg_read_only"
"""Execution option for connections that only read: they start a plain (deferred)
SQLite transaction, so a long read such as verifying the audit log never holds up
writers (see :meth:`waarborg.store.Store.reading`)."""


def _sqlite_begin_immediate(connection: Connection) -> None:
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
