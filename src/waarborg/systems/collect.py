"""Collecting one person's rows from a connected system by walking the map.

The walk starts from the identity columns and follows references in rounds: in
each round every table is queried once, in an order that puts a table after the
tables leading to it (``col IN (...)`` for each way into it, joined with OR), never
once per row; a later round picks up what cycles add. Rows are keyed by primary key, so a
row reached by two paths is collected once, and each (table, column) remembers
the values already looked up, so cycles end. E-mail addresses are compared
without case on every database: ``lower(col)``, or the plain column where its
collation already ignores case (MySQL ``_ci``, PostgreSQL ``citext``), which keeps
its index usable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class _Prepared:
    """What a walk over one system needs, worked out once per connector."""

    steps: dict[str, list[graph.Step]]
    order: list[str]
    selected: dict[str, list[str]]
    statements: dict[tuple[str, tuple[_Lookup, ...]], sa.Select[Any]]
    leads: dict[str, list[tuple[graph.Step, tuple[tuple[str, Any], ...], _Lookup]]] = field(
        default_factory=dict
    )
    """Per table: each step with its typed source condition and the lookup it feeds."""


def _prepared(connector: Connector) -> _Prepared:
    found = connector.cache.get("walk")
    if not isinstance(found, _Prepared):
        steps = graph.steps(connector.spec)
        found = _Prepared(
            steps=steps,
            order=graph.walk_order(connector.spec),
            selected={
                name: _needed_columns(name, table, steps)
                for name, table in connector.spec.tables.items()
            },
            statements={},
        )
        connector.cache["walk"] = found
    return found


class _Walker:
    """Rounds over the tables in walk order; each table is queried once per round with
    every lookup into it, from the identity or from rows found before it."""

    def __init__(self, connector: Connector):
        self.connector = connector
        self.spec = connector.spec
        self.prepared = _prepared(connector)
        self.collection = Collection(
            connector.system_id,
            {name: FoundTable(name, table) for name, table in self.spec.tables.items()},
            foreign_keys=connector.foreign_keys,
        )
        self.queried: dict[_Lookup, set[Any]] = defaultdict(set)

    def run(self, connection: sa.Connection, identities: Sequence[Identity]) -> None:
        pending = self._seeds(identities)
        while pending:
            for name in self.prepared.order:
                lookups = {k: pending.pop(k) for k in [k for k in pending if k.table == name]}
                if lookups:
                    fresh = self._query(connection, name, lookups)
                    for lookup, values in self._next(name, fresh).items():
                        pending.setdefault(lookup, set()).update(values)

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

    def _query(
        self, connection: sa.Connection, name: str, pending: Mapping[_Lookup, set[Any]]
    ) -> list[dict[str, Any]]:
        """One query for every lookup into ``name`` (more only past :data:`BATCH` values);
        returns the rows not found before."""
        todo: list[tuple[_Lookup, list[Any]]] = []
        for lookup, values in pending.items():
            new = list(values - self.queried[lookup])
            self.queried[lookup].update(new)
            if new:
                todo.append((lookup, new))
        if sum(len(values) for _, values in todo) <= BATCH:
            batches = [todo]
        else:
            batches = [
                [(lookup, values[start : start + BATCH])]
                for lookup, values in todo
                for start in range(0, len(values), BATCH)
            ]
        found, fresh = self.collection.tables[name].rows, []
        primary_key = self.spec.tables[name].primary_key
        for batch in batches:
            if not batch:
                continue
            statement = self._statement(name, tuple(lookup for lookup, _ in batch))
            params = {f"v{i}": values for i, (_, values) in enumerate(batch)}
            self.collection.queries += 1
            result = connection.execute(statement, params)
            names = list(result.keys())
            for record in result:
                row = dict(zip(names, record, strict=True))
                key = tuple(row[c] for c in primary_key)
                if key not in found:
                    found[key] = row
                    fresh.append(row)
        return fresh

    def _statement(self, name: str, lookups: tuple[_Lookup, ...]) -> sa.Select[Any]:
        """The cached SELECT for this set of lookups, values bound as expanding ``IN``."""
        cached = self.prepared.statements.get((name, lookups))
        if cached is not None:
            return cached
        table = self.connector.tables[name]
        conditions = []
        for index, lookup in enumerate(lookups):
            column: sa.ColumnElement[Any] = table.c[lookup.column]
            if lookup.ignore_case:
                column = sa.func.lower(column)
            wanted = column.in_(sa.bindparam(f"v{index}", expanding=True))
            conditions.append(sa.and_(wanted, _where(table, lookup.where)))
        statement = sa.select(*(table.c[c] for c in self.prepared.selected[name])).where(
            _where(table, self._condition(name, self.spec.tables[name].where)),
            sa.or_(*conditions),
        )
        self.prepared.statements[(name, lookups)] = statement
        return statement

    def _next(self, name: str, rows: list[dict[str, Any]]) -> dict[_Lookup, set[Any]]:
        """The lookups the new rows of ``name`` lead to."""
        pending: dict[_Lookup, set[Any]] = defaultdict(set)
        if not rows:
            return pending
        for step, where, lookup in self._leads(name):
            values = (
                row[step.source_column]
                for row in rows
                if all(row[c] == v or (isinstance(v, tuple) and row[c] in v) for c, v in where)
            )
            pending[lookup] |= set(self._coerce(step.target, step.target_column, values))
        return pending

    def _leads(self, name: str) -> list[tuple[graph.Step, tuple[tuple[str, Any], ...], _Lookup]]:
        leads = self.prepared.leads.get(name)
        if leads is None:
            leads = [
                (
                    step,
                    self._condition(name, step.source_where),
                    _Lookup(
                        step.target,
                        step.target_column,
                        self._condition(step.target, step.target_where),
                        False,
                    ),
                )
                for step in self.prepared.steps[name]
            ]
            self.prepared.leads[name] = leads
        return leads

    def _condition(self, table: str, condition: Condition) -> tuple[tuple[str, Any], ...]:
        """A hashable condition with values of the column's own type."""
        result = []
        for column, wanted in sorted(condition.items()):
            values = wanted if isinstance(wanted, list) else [wanted]
            target = self.connector.column(table, column).python_type
            typed = tuple(c if (c := coerce(v, target)) is not None else v for v in values)
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
