"""The rows a sweep must erase, worked out row by row in Python.

The sweep turns each anchor's rules into one cut-off date and one SQL condition;
this oracle instead reads every row, finds its anchor dates (its own column, the
order it belongs to, the latest invoice of a client) and applies the register's
rules to each, so a mistake in the cut-off search or the SQL shows up as a
difference.
"""

from __future__ import annotations

import warnings
from datetime import date
from typing import Any

import sqlalchemy as sa

from tests.rights.helpers import dump
from tests.shops import Business
from waarborg.retention import table_rules
from waarborg.systems.found import as_date

Key = tuple[Any, ...]


def _rows(business: Business) -> dict[str, list[dict[str, Any]]]:
    engine = business.engine()
    metadata = sa.MetaData()
    try:
        with engine.connect() as connection, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # expression indexes are not needed here
            metadata.reflect(connection)
            return {
                name: [dict(r) for r in connection.execute(sa.select(t)).mappings()]
                for name, t in metadata.tables.items()
            }
    finally:
        engine.dispose()


def _matches(row: dict[str, Any], where: dict[str, Any]) -> bool:
    for column, value in where.items():
        values = value if isinstance(value, list) else [value]
        if row[column] not in values:
            return False
    return True


def expected_due(business: Business, today: date) -> dict[str, set[Key]]:
    """Per mapped table, the primary keys of the rows due on ``today``."""
    system = business.systems.systems[business.system_id]
    rows = _rows(business)
    book_year = business.register.organisation.book_year
    due: dict[str, set[Key]] = {}
    for name, spec in system.tables.items():
        rules = table_rules(business.register, name, spec)
        keys: set[Key] = set()
        for row in rows[name]:
            if not rules.anchored or not _matches(row, spec.where):
                continue
            own: list[bool] = []
            linked: list[bool | None] = []
            for group in rules.anchored:
                other, _, column = group.anchor.rpartition(".")
                if not other:
                    day = as_date(row[column])
                    own.append(day is not None and group.keep_until(day, book_year) < today)
                    continue
                dates, orphan = _linked_dates(system, rows, name, row, other, column)
                if orphan:  # the row it belongs to is gone: nothing keeps it
                    linked.append(True)
                elif not dates:  # this rule has not started: it neither keeps nor erases
                    linked.append(None)
                else:
                    linked.append(group.keep_until(max(dates), book_year) < today)
            if own:
                verdict = all(own) and all(v is not False for v in linked)
            else:
                verdict = all(v is True for v in linked)
            if verdict:
                keys.add(tuple(row[c] for c in spec.primary_key))
        due[name] = keys
    return due


def _linked_dates(
    system: Any,
    rows: dict[str, list[dict[str, Any]]],
    name: str,
    row: dict[str, Any],
    other: str,
    column: str,
) -> tuple[list[date], bool]:
    """The linked rows' anchor dates, and whether the row it points at is missing."""
    spec = system.tables[name]
    up = next((r for r in spec.references if r.target_table == other), None)
    if up is not None:
        found = [r for r in rows[other] if r[up.target_column] == row[up.column]]
    else:
        down = next(r for r in system.tables[other].references if r.target_table == name)
        found = [r for r in rows[other] if r[down.column] == row[down.target_column]]
    dates = [d for d in (as_date(r[column]) for r in found) if d is not None]
    return dates, up is not None and not found


__all__ = ["dump", "expected_due"]
