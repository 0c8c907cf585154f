"""What a sweep would do: per system, table and action, the rows due now and soon.

Counting is one ``COUNT`` per table and horizon with the same condition the sweep
uses, so the plan and the sweep never disagree about which rows are due.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from waarborg.register import Register
from waarborg.retention.due import due_condition, where_clauses
from waarborg.retention.expiry import TableRules, cutoffs, table_rules
from waarborg.systems import graph
from waarborg.systems.connect import Connector
from waarborg.systems.model import SystemsMap

SOON = timedelta(days=30)


@dataclass(frozen=True)
class TablePlan:
    """One table: how many rows are due now, how many more within 30 days, and why."""

    system: str
    table: str
    action: str
    rows: int
    due_now: int
    due_next_30_days: int
    last_due_anchor: dict[str, str]
    """Per anchor: rows anchored on or before this day are due now (ISO dates)."""
    reasons: list[str]
    unstated: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "table": self.table,
            "action": self.action,
            "rows": self.rows,
            "due_now": self.due_now,
            "due_next_30_days": self.due_next_30_days,
            "last_due_anchor": dict(self.last_due_anchor),
            "reasons": list(self.reasons),
            "unstated": list(self.unstated),
        }


@dataclass(frozen=True)
class RetentionPlan:
    """The plan for every mapped table of every system, on ``as_of``."""

    as_of: date
    tables: list[TablePlan] = field(default_factory=list)

    def due_now(self) -> int:
        return sum(t.due_now for t in self.tables)

    def due_next_30_days(self) -> int:
        return sum(t.due_next_30_days for t in self.tables)

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "due_now": self.due_now(),
            "due_next_30_days": self.due_next_30_days(),
            "tables": [t.to_dict() for t in self.tables],
        }


@contextmanager
def connectors(
    systems: SystemsMap, environ: Mapping[str, str], only: str | None = None
) -> Iterator[dict[str, Connector]]:
    """Every system opened (and checked against the map) before anything is counted."""
    opened: dict[str, Connector] = {}
    try:
        for system_id in systems.systems:
            if only is None or system_id == only:
                opened[system_id] = Connector.open(systems, system_id, environ)
        yield opened
    finally:
        for connector in opened.values():
            connector.dispose()


def sweep_order(connector: Connector) -> list[str]:
    """Mapped tables, children before the tables they reference."""
    return [n for n in graph.erase_order(connector.spec) if n in connector.tables]


def count_due(
    connector: Connector, name: str, rules: TableRules, register: Register, on: date
) -> int:
    found = cutoffs(rules, on, register.organisation.book_year)
    if found is None:
        return 0
    table = connector.tables[name]
    query = sa.select(sa.func.count()).select_from(table)
    with connector.engine.connect() as connection:
        return int(
            connection.execute(query.where(due_condition(connector, name, found))).scalar_one()
        )


def count_rows(connector: Connector, name: str) -> int:
    table = connector.tables[name]
    spec = connector.spec.tables[name]
    query = sa.select(sa.func.count()).select_from(table).where(*where_clauses(table, spec.where))
    with connector.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def table_plan(connector: Connector, name: str, register: Register, today: date) -> TablePlan:
    rules = table_rules(register, name, connector.spec.tables[name])
    now = count_due(connector, name, rules, register, today)
    soon = count_due(connector, name, rules, register, today + SOON)
    found = cutoffs(rules, today, register.organisation.book_year) or {}
    return TablePlan(
        system=connector.system_id,
        table=name,
        action=rules.action,
        rows=count_rows(connector, name),
        due_now=now,
        due_next_30_days=max(soon - now, 0),
        last_due_anchor={a: d.isoformat() for a, d in found.items()},
        reasons=rules.reasons(),
        unstated=list(rules.unstated),
    )


def plan(
    register: Register,
    systems: SystemsMap,
    environ: Mapping[str, str],
    *,
    today: date,
    system: str | None = None,
) -> RetentionPlan:
    """Count what a sweep on ``today`` would erase or mask; changes nothing."""
    result = RetentionPlan(today)
    with connectors(systems, environ, system) as opened:
        for connector in opened.values():
            for name in sweep_order(connector):
                result.tables.append(table_plan(connector, name, register, today))
    return result
