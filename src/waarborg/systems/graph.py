"""The reference graph of one system: how a request walks from identity to rows.

Every reference is an edge between a child table (which holds the column) and
a parent (``to``). A walk moves along an edge only in the directions the map
allows (``follow``), so an order's meta row may lead up to its order while a
product review never leads up to the product. This module is pure: it turns
the map into :class:`Step` objects the connector executes level by level, checks
that every table can be reached from an identity, and orders tables so that
children are erased before the parents they reference.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from waarborg.systems.model import Condition, System


@dataclass(frozen=True)
class Step:
    """Rows found in ``source`` give their ``source_column`` values, which are looked up
    in ``target.target_column``. ``source_where`` picks the source rows that take part;
    ``target_where`` limits the target rows."""

    source: str
    source_column: str
    target: str
    target_column: str
    source_where: Condition = field(default_factory=dict)
    target_where: Condition = field(default_factory=dict)


def steps(system: System) -> dict[str, list[Step]]:
    """For each table, the steps that start from its rows."""
    found: dict[str, list[Step]] = {name: [] for name in system.tables}
    for child, table in system.tables.items():
        for ref in table.references:
            parent = ref.target_table
            if parent not in system.tables:
                continue  # reported by the loader
            if ref.walks_down:
                found[parent].append(
                    Step(parent, ref.target_column, child, ref.column, target_where=ref.where)
                )
            if ref.walks_up:
                found[child].append(
                    Step(child, ref.column, parent, ref.target_column, source_where=ref.where)
                )
    return found


def identity_tables(system: System) -> list[str]:
    return [name for name, table in system.tables.items() if table.identity]


def unreachable(system: System) -> list[str]:
    """Tables no walk can reach from an identity column, in map order."""
    graph = steps(system)
    seen = set(identity_tables(system))
    frontier = list(seen)
    while frontier:
        table = frontier.pop()
        for step in graph[table]:
            if step.target not in seen:
                seen.add(step.target)
                frontier.append(step.target)
    return [name for name in system.tables if name not in seen]


def connected(system: System, table: str, among: set[str]) -> list[str]:
    """Tables in ``among`` that ``table`` references or is referenced by."""
    found = {ref.target_table for ref in system.tables[table].references}
    found |= {
        name
        for name, other in system.tables.items()
        if any(ref.target_table == table for ref in other.references)
    }
    return sorted((found & among) - {table})


def walk_order(system: System) -> list[str]:
    """Tables in the order a walk visits them each round: a table after the tables whose
    rows lead to it, so every way into it is known by the time it is queried and it
    is queried once (a later round picks up what cycles add)."""
    leads_to: dict[str, set[str]] = {name: set() for name in system.tables}
    for source, found in steps(system).items():
        for step in found:
            leads_to[step.target].add(source)
    return _ordered(list(system.tables), leads_to)


def erase_order(system: System) -> list[str]:
    """Tables ordered so every table comes before the tables it references: deleting
    children before parents keeps real foreign-key constraints satisfied."""
    children: dict[str, set[str]] = {name: set() for name in system.tables}
    for name, table in system.tables.items():
        for ref in table.references:
            if ref.target_table in children:
                children[ref.target_table].add(name)
    return _ordered(list(system.tables), children)


def _ordered(names: list[str], after: Mapping[str, set[str]]) -> list[str]:
    """``names`` with each one after the names in ``after[name]``; where a cycle leaves
    no choice, the one waiting for the fewest comes next (ties in map order)."""
    order: list[str] = []
    remaining = list(names)
    while remaining:
        waiting = {n: len((after[n] - {n}) & set(remaining)) for n in remaining}
        chosen = min(remaining, key=lambda n: waiting[n])
        order.append(chosen)
        remaining.remove(chosen)
    return order
