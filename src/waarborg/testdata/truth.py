"""The generators' record of which rows belong to whom, to check requests against.

Tests compare what a request found or left behind with this record; a large
benchmark tracks only a few people, so the record stays small while millions of
rows stream into the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from waarborg.testdata.people import Person, person

Key = tuple[Any, ...]
Batch = tuple[str, list[dict[str, Any]]]


class _Everyone:
    def __contains__(self, item: object) -> bool:
        return True


EVERYONE: Container[int] = _Everyone()


@dataclass
class Truth:
    """``rows[person][table]`` is the set of primary keys that belong to that person."""

    tracked: Container[int] = EVERYONE
    rows: dict[int, dict[str, set[Key]]] = field(default_factory=dict)

    def add(self, person: int, table: str, *key: Any) -> None:
        if person in self.tracked:
            self.rows.setdefault(person, defaultdict(set))[table].add(tuple(key))

    def of(self, person: int) -> dict[str, set[Key]]:
        return {t: set(keys) for t, keys in self.rows.get(person, {}).items() if keys}


@dataclass(kw_only=True)
class Generated:
    """What every generator shares: its seed, its "today", whom it tracks, the record of
    whose rows are whose, and id counters (ids are given, not left to the database, so
    the record knows them without reading back)."""

    seed: int = 1
    today: date = date(2026, 6, 1)
    tracked: Container[int] = EVERYONE
    truth: Truth = field(init=False)

    def __post_init__(self) -> None:
        self.truth = Truth(self.tracked)
        self._ids: dict[str, int] = {}

    def person(self, index: int) -> Person:
        return person(index, self.seed)

    def _next(self, counter: str, start: int = 1) -> int:
        self._ids[counter] = self._ids.get(counter, start - 1) + 1
        return self._ids[counter]


class Rows:
    """Buffers generated rows per table and hands them out in batches."""

    def __init__(self, batch: int = 5000):
        self.batch = batch
        self._buffers: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def add(self, table: str, **row: Any) -> Iterator[Batch]:
        buffer = self._buffers[table]
        buffer.append(row)
        if len(buffer) >= self.batch:
            self._buffers[table] = []
            yield table, buffer

    def flush(self) -> Iterator[Batch]:
        for table, buffer in self._buffers.items():
            if buffer:
                yield table, buffer
        self._buffers.clear()


def load(engine: sa.Engine, metadata: sa.MetaData, batches: Iterator[Batch]) -> int:
    """Create the tables and insert the batches as they come; returns the row count.

    PostgreSQL gets ``COPY`` (millions of rows in a minute rather than ten); every
    database gets fresh planner statistics afterwards, as a live shop has.
    """
    metadata.create_all(engine)
    count = 0
    with engine.begin() as connection:
        copy = connection.dialect.name == "postgresql"
        for table, rows in batches:
            if copy:
                _copy(connection, metadata.tables[table], rows)
            else:
                connection.execute(metadata.tables[table].insert(), rows)
            count += len(rows)
    if engine.dialect.name in ("postgresql", "sqlite"):  # InnoDB keeps its own statistics
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    return count


def _copy(connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    names = [c.name for c in table.columns if c.name in rows[0]]
    columns = ", ".join(connection.dialect.identifier_preparer.quote(n) for n in names)
    target = connection.dialect.identifier_preparer.format_table(table)
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row.get(n) for n in names])
