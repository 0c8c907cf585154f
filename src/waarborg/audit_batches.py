"""Appending batches of audit entries straight through the database driver.

The API's group commit (:mod:`waarborg.web.audit_writer`) commits the entries of
concurrent ``POST /api/decide`` calls together, on a thread of its own. Every
statement that thread runs through SQLAlchemy costs Python work under the GIL,
and every driver call releases and retakes the GIL: both hold up the event loop
that answers the requests. So a batch is written here with a handful of driver
calls on one connection kept for the purpose: lock the head, insert the rows
(:func:`waarborg.audit.insert_rows`), move the head, commit.

The chain itself is computed by :func:`waarborg.audit.link_entries`, the same code
:func:`waarborg.audit.append_many` uses, and the head is locked the same way
(``BEGIN IMMEDIATE`` on SQLite, ``SELECT … FOR UPDATE`` on PostgreSQL), so entries
written here and by ``append_many`` in other processes form one chain.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from waarborg.audit import (
    GENESIS,
    AuditRecord,
    Prepared,
    at_text,
    insert_rows,
    link_entries,
)

_SELECT_HEAD = "SELECT last_seq, last_hash FROM audit_heads WHERE organisation_id = ?"
_INSERT_HEAD = (
    "INSERT INTO audit_heads (organisation_id, last_seq, last_hash, updated_at)"
    " VALUES (?, 0, ?, ?) ON CONFLICT (organisation_id) DO NOTHING"
)
_UPDATE_HEAD = (
    "UPDATE audit_heads SET last_seq = ?, last_hash = ?, updated_at = ? WHERE organisation_id = ?"
)


def _postgres(sql: str) -> str:
    return sql.replace("?", "%s")  # the statements above hold no other question marks


class BatchAppender:
    """Appends batches of prepared entries to one organisation's chain per call.

    Not thread-safe: the group-commit writer calls it from its one thread. A
    connection that fails is thrown away and a new one taken on the next batch.
    """

    def __init__(self, engine: Engine):
        self._engine = engine
        self._sqlite = engine.dialect.name == "sqlite"
        self._mark = "?" if self._sqlite else "%s"
        locked = _postgres(_SELECT_HEAD) + " FOR UPDATE"  # SQLite: BEGIN IMMEDIATE locks
        self._select_head = _SELECT_HEAD if self._sqlite else locked
        self._insert_head = _INSERT_HEAD if self._sqlite else _postgres(_INSERT_HEAD)
        self._update_head = _UPDATE_HEAD if self._sqlite else _postgres(_UPDATE_HEAD)
        self._connection: Any = None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.invalidate()  # closes it; never handed back to the pool
            self._connection = None

    def append(self, organisation_id: int, prepared: Sequence[Prepared]) -> list[AuditRecord]:
        """Chain and commit ``prepared`` in one transaction; the records, in order."""
        if not prepared:
            return []
        if self._connection is None:
            self._connection = self._engine.raw_connection()
        connection = self._connection
        try:
            records = self._append(connection.cursor(), organisation_id, prepared)
            connection.commit()
        except BaseException:
            self._discard(connection)
            raise
        return records

    def _append(
        self, cursor: Any, organisation_id: int, prepared: Sequence[Prepared]
    ) -> list[AuditRecord]:
        now = datetime.now(UTC)
        stamp: Any = at_text(now) if self._sqlite else now
        if self._sqlite:
            cursor.execute("BEGIN IMMEDIATE")  # the write lock, as the engine takes it
        cursor.execute(self._select_head, (organisation_id,))
        head = cursor.fetchone()
        if head is None:  # the organisation's first entry
            cursor.execute(self._insert_head, (organisation_id, GENESIS, stamp))
            cursor.execute(self._select_head, (organisation_id,))
            head = cursor.fetchone()
        rows, records = link_entries(
            organisation_id, prepared, int(head[0]), str(head[1]), now, self._sqlite
        )
        insert_rows(cursor, self._mark, rows)
        last = records[-1]
        cursor.execute(self._update_head, (last.seq, last.entry_hash, stamp, organisation_id))
        return records

    def _discard(self, connection: Any) -> None:
        with contextlib.suppress(Exception):  # the connection is thrown away either way
            connection.rollback()
        connection.invalidate()
        self._connection = None
