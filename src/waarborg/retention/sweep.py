"""Sweeps: apply each table's erasure action to its due rows, in batches.

Each batch is one transaction of the business database: select the next due
primary keys after the last batch's (``FOR UPDATE SKIP LOCKED`` where the database
has it, so two workers sweeping the same table never take the same batch), then
delete or mask exactly those rows. A killed sweep loses at most the batch in
flight, which rolled back; the next run recomputes the due rows and continues.
Rows that are not due are never selected, so never touched.

Rows kept under a legal hold after an erasure request (``held_rows``) are erased
by key once their hold has ended, whatever the activity's own rules say: the
person asked for erasure and only the hold kept them.
"""

from __future__ import annotations

import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from waarborg.register import Register
from waarborg.retention.due import due_condition
from waarborg.retention.expiry import cutoffs, table_rules
from waarborg.systems.connect import Connector, SystemChangeFailedError, reason_of
from waarborg.systems.found import Key
from waarborg.systems.masking import full_mask, rewrite

Progress = Callable[[int], None]
"""Called after every committed batch with the number of rows it changed."""


@dataclass
class TableSweep:
    """What one sweep did to one table."""

    action: str
    due: int = 0
    deleted: int = 0
    masked: int = 0
    batches: int = 0


def _by_keys(table: sa.Table, primary_key: Sequence[str], keys: Sequence[Key]) -> Any:
    if len(primary_key) == 1:
        return table.c[primary_key[0]].in_([k[0] for k in keys])
    return sa.tuple_(*(table.c[c] for c in primary_key)).in_([tuple(k) for k in keys])


def _after(table: sa.Table, primary_key: Sequence[str], last: Key | None) -> Any:
    if last is None:
        return sa.true()
    if len(primary_key) == 1:
        return table.c[primary_key[0]] > last[0]
    return sa.tuple_(*(table.c[c] for c in primary_key)) > sa.tuple_(*last)


class TableSweeper:
    """Sweeps one table of one connected system."""

    def __init__(self, connector: Connector, name: str, secret: bytes):
        self.connector, self.name, self.secret = connector, name, secret
        self.table = connector.tables[name]
        self.spec = connector.spec.tables[name]
        self.primary_key = list(self.spec.primary_key)
        self.strategies = full_mask(self.spec)
        self.locks = connector.engine.dialect.name in ("postgresql", "mysql", "mariadb")

    def sweep(
        self, condition: Any, action: str, batch: int, progress: Progress | None = None
    ) -> TableSweep:
        """Apply ``action`` to every row matching ``condition``, ``batch`` rows at a time."""
        result = TableSweep(action)
        last: Key | None = None
        while True:
            changed, last = self._batch(condition, action, batch, last)
            if changed or last is not None:
                result.batches += 1
                if action == "delete":
                    result.deleted += changed
                else:
                    result.masked += changed
                if progress:
                    progress(changed)
            if last is None:
                return result

    def sweep_keys(self, keys: Sequence[Key], action: str, batch: int) -> TableSweep:
        """Apply ``action`` to the rows with these primary keys (held rows whose hold ended)."""
        result = TableSweep(action, due=len(keys))
        for start in range(0, len(keys), batch):
            chunk = keys[start : start + batch]
            condition = _by_keys(self.table, self.primary_key, chunk)
            changed = self._batch_all(condition, action, len(chunk))
            result.batches += 1
            if action == "delete":
                result.deleted += changed
            else:
                result.masked += changed
        return result

    def _batch_all(self, condition: Any, action: str, size: int) -> int:
        """Every row matching ``condition`` (at most ``size``), batch by batch."""
        changed, last = self._batch(condition, action, size, None)
        while last is not None:
            more, last = self._batch(condition, action, size, last)
            changed += more
        return changed

    def _batch(
        self, condition: Any, action: str, size: int, last: Key | None
    ) -> tuple[int, Key | None]:
        """One transaction: (rows changed, last key seen; None when nothing was left)."""
        if action == "delete" and len(self.primary_key) == 1:
            return self._delete_batch(condition, size, last)
        columns = [self.table.c[c] for c in self.primary_key]
        if action == "mask":
            wanted = [*self.primary_key, *self._mask_columns()]
            columns = [self.table.c[c] for c in dict.fromkeys(wanted)]
        query = (
            sa.select(*columns)
            .where(condition, _after(self.table, self.primary_key, last))
            .order_by(*(self.table.c[c] for c in self.primary_key))
            .limit(size)
        )
        if self.locks:
            query = query.with_for_update(skip_locked=True)
        try:
            with self.connector.engine.begin() as connection:
                rows = connection.execute(query).mappings().all()
                if not rows:
                    return 0, None
                keys = [tuple(row[c] for c in self.primary_key) for row in rows]
                if action == "delete":
                    statement = self.table.delete().where(
                        _by_keys(self.table, self.primary_key, keys)
                    )
                    changed = max(connection.execute(statement).rowcount, 0)
                else:
                    changed = self._mask(connection, rows)
        except SQLAlchemyError as exc:
            raise SystemChangeFailedError(self.connector.system_id, reason_of(exc)) from None
        return changed, keys[-1]

    def _delete_batch(self, condition: Any, size: int, last: Key | None) -> tuple[int, Key | None]:
        """Delete the due rows among the next ``size`` keys, without fetching keys.

        The batch is a key range: from the first due key after ``last`` to the key
        ``size`` rows further (an index-only step), deleted with the due condition in
        one ranged ``DELETE``: the same work as a hand-written bulk ``DELETE``, cut
        into transactions. On PostgreSQL a sweeper takes a range only with a
        transaction-level advisory lock on it and skips ranges another sweeper holds,
        so two workers never sweep the same batch. MariaDB cannot limit a subquery of
        a ``DELETE``; it selects the keys with ``SKIP LOCKED`` and deletes them by key.
        """
        key = self.table.c[self.primary_key[0]]
        after = _after(self.table, self.primary_key, last)
        dialect = self.connector.engine.dialect.name
        try:
            with self.connector.engine.begin() as connection:
                if dialect not in ("postgresql", "sqlite"):
                    return self._delete_by_keys(connection, condition, size, last)
                first = connection.execute(
                    sa.select(key).where(condition, after).order_by(key).limit(1)
                ).scalar()
                if first is None:
                    return 0, None
                upto = connection.execute(
                    sa.select(key).where(key >= first).order_by(key).offset(size - 1).limit(1)
                ).scalar()
                end: Key | None = (upto,) if upto is not None else None
                if dialect == "postgresql" and not self._claim(connection, first):
                    return 0, end  # another sweeper has this range
                bounds = [key >= first] + ([key <= upto] if upto is not None else [])
                deleted = connection.execute(self.table.delete().where(condition, *bounds))
                return max(deleted.rowcount, 0), end
        except SQLAlchemyError as exc:
            raise SystemChangeFailedError(self.connector.system_id, reason_of(exc)) from None

    def _claim(self, connection: sa.Connection, first: Any) -> bool:
        """A PostgreSQL advisory lock on the range starting at ``first``, held until
        the batch commits; False when another sweeper holds it."""
        table = zlib.crc32(f"{self.connector.system_id}.{self.name}".encode())
        lock = ((table << 31) ^ zlib.crc32(repr(first).encode())) & 0x3FFF_FFFF_FFFF_FFFF
        claimed = connection.execute(sa.select(sa.func.pg_try_advisory_xact_lock(lock)))
        return bool(claimed.scalar())

    def _delete_by_keys(
        self, connection: sa.Connection, condition: Any, size: int, last: Key | None
    ) -> tuple[int, Key | None]:
        key = self.table.c[self.primary_key[0]]
        query = (
            sa.select(key).where(condition, _after(self.table, self.primary_key, last))
            .order_by(key).limit(size).with_for_update(skip_locked=True)
        )  # fmt: skip
        keys = list(connection.execute(query).scalars())
        if not keys:
            return 0, None
        deleted = connection.execute(self.table.delete().where(key.in_(keys))).rowcount
        return max(deleted, 0), (keys[-1],)

    def _mask_columns(self) -> list[str]:
        info = self.connector.info[self.name]
        columns = [c for c in self.strategies if c in info]
        if self.spec.meta:
            columns += [self.spec.meta.key, self.spec.meta.value]
        return columns

    def _mask(self, connection: sa.Connection, rows: Sequence[sa.RowMapping]) -> int:
        """Rewrite only the values that change, one UPDATE per distinct set of new values."""
        info = self.connector.info[self.name]
        groups: dict[tuple[tuple[str, Any], ...], list[Key]] = defaultdict(list)
        for row in rows:
            new = rewrite(dict(row), self.strategies, self.name, self.spec, info, self.secret)
            if new:
                groups[tuple(sorted(new.items()))].append(tuple(row[c] for c in self.primary_key))
        for values, keys in groups.items():
            statement = self.table.update().where(_by_keys(self.table, self.primary_key, keys))
            connection.execute(statement.values(dict(values)))
        return sum(len(keys) for keys in groups.values())


def sweep_table(
    connector: Connector,
    name: str,
    register: Register,
    *,
    today: date,
    batch: int,
    secret: bytes,
    progress: Progress | None = None,
) -> TableSweep:
    """Sweep the due rows of one table; a table without a due row is left alone."""
    rules = table_rules(register, name, connector.spec.tables[name])
    found = cutoffs(rules, today, register.organisation.book_year)
    if found is None:
        return TableSweep(rules.action)
    sweeper = TableSweeper(connector, name, secret)
    return sweeper.sweep(due_condition(connector, name, found), rules.action, batch, progress)


class Throttle:
    """Calls ``save`` at most every ``seconds``: progress for the run report without a
    store commit per batch (which would cost more than the batch on SQLite)."""

    def __init__(self, save: Callable[[], None], seconds: float = 2.0):
        self.save, self.seconds = save, seconds
        self._last = time.monotonic()

    def __call__(self, _changed: int) -> None:
        now = time.monotonic()
        if now - self._last >= self.seconds:
            self.save()
            self._last = now
