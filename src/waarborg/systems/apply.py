"""Changing a connected system: deleting rows and rewriting columns, in one transaction.

Rows are addressed by primary key (taken from a plan), so a rerun after an
interruption touches exactly the rows planned, even those that can no longer be
found from the person's identity. Rewrites read the current values first and
write only what differs, grouped into one ``UPDATE`` per distinct set of new
values; counts are of rows actually changed, so a second run reports zero.
Tables are handled children first, so real foreign keys are never violated by
deleting a parent before its rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from waarborg.systems import graph
from waarborg.systems.connect import Connector, SystemChangeFailedError, reason_of
from waarborg.systems.found import Key
from waarborg.systems.masking import rewrite
from waarborg.systems.model import MaskStrategy

BATCH = 500


@dataclass(frozen=True)
class Rewrite:
    """Set the columns (or EAV keys) in ``strategies`` of the rows ``keys``."""

    keys: Sequence[Key]
    strategies: Mapping[str, MaskStrategy]


@dataclass
class Changes:
    deleted: int = 0
    rewritten: int = 0


def apply_changes(
    connector: Connector,
    *,
    deletes: Mapping[str, Sequence[Key]],
    rewrites: Mapping[str, Sequence[Rewrite]],
    secret: bytes,
) -> dict[str, Changes]:
    """Apply everything in one transaction of the system's database; all or nothing."""
    changes: dict[str, Changes] = defaultdict(Changes)
    try:
        with connector.engine.begin() as connection:
            for name in graph.erase_order(connector.spec):
                for job in rewrites.get(name, ()):
                    changes[name].rewritten += _rewrite(connection, connector, name, job, secret)
            for name in graph.erase_order(connector.spec):
                if deletes.get(name):
                    changes[name].deleted += _delete(connection, connector, name, deletes[name])
    except SQLAlchemyError as exc:
        raise SystemChangeFailedError(connector.system_id, reason_of(exc)) from None
    return dict(changes)


def _by_keys(table: sa.Table, primary_key: Sequence[str], keys: Sequence[Key]) -> Any:
    if len(primary_key) == 1:
        return table.c[primary_key[0]].in_([k[0] for k in keys])
    return sa.tuple_(*(table.c[c] for c in primary_key)).in_([tuple(k) for k in keys])


def _delete(connection: sa.Connection, connector: Connector, name: str, keys: Sequence[Key]) -> int:
    table, spec = connector.tables[name], connector.spec.tables[name]
    self_references = _self_references(table)
    deleted = 0
    for start in range(0, len(keys), BATCH):
        chunk = keys[start : start + BATCH]
        where = _by_keys(table, spec.primary_key, chunk)
        if self_references:
            # InnoDB checks a foreign key row by row, so deleting a message and its reply
            # in one statement fails; cut the links between the doomed rows first.
            connection.execute(table.update().where(where).values(dict.fromkeys(self_references)))
        result = connection.execute(table.delete().where(where))
        deleted += max(result.rowcount, 0)
    return deleted


def _self_references(table: sa.Table) -> list[str]:
    """Nullable columns of ``table`` that reference ``table`` itself (a reply's question)."""
    return sorted(
        fk.parent.name
        for fk in table.foreign_keys
        if fk.column.table.name == table.name and fk.parent.nullable
    )


def _rewrite(
    connection: sa.Connection, connector: Connector, name: str, job: Rewrite, secret: bytes
) -> int:
    table, spec = connector.tables[name], connector.spec.tables[name]
    info = connector.info[name]
    wanted = list(spec.primary_key)
    if spec.meta:
        wanted += [spec.meta.key, spec.meta.value]
    wanted += [c for c in job.strategies if c in info]
    columns = [table.c[c] for c in dict.fromkeys(wanted)]
    groups: dict[tuple[tuple[str, Any], ...], list[Key]] = defaultdict(list)
    for start in range(0, len(job.keys), BATCH):
        chunk = job.keys[start : start + BATCH]
        query = sa.select(*columns).where(_by_keys(table, spec.primary_key, chunk))
        for row in connection.execute(query.with_for_update()).mappings():
            new = rewrite(dict(row), job.strategies, name, spec, info, secret)
            if new:
                key = tuple(row[c] for c in spec.primary_key)
                groups[tuple(sorted(new.items()))].append(key)
    for values, keys in groups.items():
        for start in range(0, len(keys), BATCH):
            chunk = keys[start : start + BATCH]
            statement = table.update().where(_by_keys(table, spec.primary_key, chunk))
            connection.execute(statement.values(dict(values)))
    return sum(len(keys) for keys in groups.values())
