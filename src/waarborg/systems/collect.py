"""Collecting one person's rows from a connected system by walking the map.

The walk starts from the identity columns and follows references level by
level: at each level every table is queried once (``col IN (...)`` for each way
into it, joined with OR), never once per row. Rows are keyed by primary key, so a
row reached by two paths is collected once, and each (table, column) remembers
the values already looked up, so cycles end. E-mail addresses are compared
without case on every database: ``lower(col)``, or the plain column where its
collation already ignores case (MySQL ``_ci``, PostgreSQL ``citext``), which keeps
its index usable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from waarborg.systems import graph
from waarborg.systems.anchors import resolve_hold_anchors
from waarborg.systems.connect import Connector, SystemUnreachableError, reason_of
from waarborg.systems.found import Collection, FoundTable, Identity, coerce, identity_values
from waarborg.systems.model import Condition, Table

BATCH = 500
"""Values per ``IN (...)``; well under every database's limit on bound parameters."""


@dataclass(frozen=True)
class _Lookup:
    table: str
    column: str
    where: tuple[tuple[str, Any], ...]
    ignore_case: bool


def collect(
    connector: Connector, identities: Sequence[Identity], *, holds: bool = False
) -> Collection:
    """Every row of ``connector``'s system that belongs to the person; with ``holds``
    also the anchor dates of rows that may be retained (for erasure plans)."""
    walker = _Walker(connector)
    try:
        with connector.engine.connect() as connection:
            walker.run(connection, identities)
            if holds:
                resolve_hold_anchors(connection, connector, walker.collection)
    except SQLAlchemyError as exc:
        raise SystemUnreachableError(connector.system_id, reason_of(exc)) from None
    return walker.collection


class _Walker:
    def __init__(self, connector: Connector):
        self.connector = connector
        self.spec = connector.spec
        self.steps = graph.steps(self.spec)
        self.collection = Collection(
            connector.system_id,
            {name: FoundTable(name, table) for name, table in self.spec.tables.items()},
            foreign_keys=connector.foreign_keys,
        )
        self.queried: dict[_Lookup, set[Any]] = defaultdict(set)
        self.selected = {
            name: _needed_columns(name, table, self.steps)
            for name, table in self.spec.tables.items()
        }

    def run(self, connection: sa.Connection, identities: Sequence[Identity]) -> None:
        pending = self._seeds(identities)
        while pending:
            fresh = self._level(connection, pending)
            pending = self._next(fresh)

    def _seeds(self, identities: Sequence[Identity]) -> dict[_Lookup, set[Any]]:
        pending: dict[_Lookup, set[Any]] = defaultdict(set)
        for identity in identities:
            if identity.system not in (None, self.connector.system_id):
                continue
            for name, table in self.spec.tables.items():
                for column, spec in table.identity.items():
                    if spec.kind != identity.kind:
                        continue
                    info = self.connector.column(name, column)
                    ignore_case = identity.kind == "email" and not info.case_insensitive
                    lookup = _Lookup(name, column, self._condition(name, spec.where), ignore_case)
                    pending[lookup] |= set(self._coerce(name, column, identity_values(identity)))
        return pending

    def _level(
        self, connection: sa.Connection, pending: Mapping[_Lookup, set[Any]]
    ) -> dict[str, list[dict[str, Any]]]:
        """Query each table once for all its lookups at this level; return new rows."""
        by_table: dict[str, list[tuple[_Lookup, list[Any]]]] = defaultdict(list)
        for lookup, values in pending.items():
            todo = sorted(values - self.queried[lookup], key=repr)
            self.queried[lookup].update(todo)
            if todo:
                by_table[lookup.table].append((lookup, todo))
        fresh: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for name, lookups in by_table.items():
            found = self.collection.tables[name].rows
            for statement in self._statements(name, lookups):
                self.collection.queries += 1
                for mapping in connection.execute(statement).mappings():
                    row = dict(mapping)
                    key = tuple(row[c] for c in self.spec.tables[name].primary_key)
                    if key not in found:
                        found[key] = row
                        fresh[name].append(row)
        return fresh

    def _statements(
        self, name: str, lookups: list[tuple[_Lookup, list[Any]]]
    ) -> Iterator[sa.Select[Any]]:
        table = self.connector.tables[name]
        columns = [table.c[c] for c in self.selected[name]]
        base = [_where(table, self._condition(name, self.spec.tables[name].where))]
        conditions: list[sa.ColumnElement[bool]] = []
        size = 0
        for lookup, values in lookups:
            column: sa.ColumnElement[Any] = table.c[lookup.column]
            if lookup.ignore_case:
                column = sa.func.lower(column)
            for start in range(0, len(values), BATCH):
                chunk = values[start : start + BATCH]
                if conditions and size + len(chunk) > BATCH:
                    yield sa.select(*columns).where(*base, sa.or_(*conditions))
                    conditions, size = [], 0
                conditions.append(sa.and_(column.in_(chunk), _where(table, lookup.where)))
                size += len(chunk)
        if conditions:
            yield sa.select(*columns).where(*base, sa.or_(*conditions))

    def _next(self, fresh: Mapping[str, list[dict[str, Any]]]) -> dict[_Lookup, set[Any]]:
        pending: dict[_Lookup, set[Any]] = defaultdict(set)
        for name, rows in fresh.items():
            for step in self.steps[name]:
                where = self._condition(name, step.source_where)
                values = (
                    row[step.source_column]
                    for row in rows
                    if all(row[c] == v or (isinstance(v, tuple) and row[c] in v) for c, v in where)
                )
                lookup = _Lookup(
                    step.target,
                    step.target_column,
                    self._condition(step.target, step.target_where),
                    False,
                )
                pending[lookup] |= set(self._coerce(step.target, step.target_column, values))
        return pending

    def _condition(self, table: str, condition: Condition) -> tuple[tuple[str, Any], ...]:
        """A hashable condition with values of the column's own type."""
        result = []
        for column, wanted in sorted(condition.items()):
            values = wanted if isinstance(wanted, list) else [wanted]
            typed = tuple(self._coerce(table, column, values))
            result.append((column, typed if isinstance(wanted, list) else typed[0]))
        return tuple(result)

    def _coerce(self, table: str, column: str, values: Iterable[Any]) -> Iterator[Any]:
        target = self.connector.column(table, column).python_type
        for value in values:
            converted = coerce(value, target)
            if converted is not None:
                yield converted


def _where(table: sa.Table, condition: tuple[tuple[str, Any], ...]) -> sa.ColumnElement[bool]:
    parts = [
        table.c[column].in_(value) if isinstance(value, tuple) else table.c[column] == value
        for column, value in condition
    ]
    return sa.and_(sa.true(), *parts)


def _needed_columns(name: str, table: Table, steps: Mapping[str, list[graph.Step]]) -> list[str]:
    """The columns a walk, a plan and an erasure need: keys, links, personal data."""
    wanted = list(table.primary_key)
    wanted += list(table.identity)
    wanted += [c for spec in table.identity.values() for c in spec.where]
    wanted += [ref.column for ref in table.references]
    wanted += [c for ref in table.references for c in ref.where]
    wanted += [step.source_column for step in steps[name]]
    wanted += list(table.columns) + list(table.where)
    if table.meta:
        wanted += [table.meta.key, table.meta.value]
    for anchor in (table.anchor, table.erasure.anchor):
        if anchor and "." not in anchor:
            wanted.append(anchor)
    wanted += [c for c in table.erasure.strategies if not (table.meta and table.meta.spec_for(c))]
    return list(dict.fromkeys(wanted))
