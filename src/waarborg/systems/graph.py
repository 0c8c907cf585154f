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
    is queried once (cycles are broken in map order, and a later round picks up what
    they add)."""
    graph = steps(system)
    incoming = {name: set() for name in system.tables}  # type: dict[str, set[str]]
    for source, found in graph.items():
        for step in found:
            if step.target != source:
                incoming[step.target].add(source)
    order: list[str] = []
    remaining = list(system.tables)
    while remaining:
        ready = [t for t in remaining if not incoming[t] & set(remaining)]
        chosen = ready[0] if ready else min(remaining, key=lambda t: len(incoming[t]))
        order.append(chosen)
        remaining.remove(chosen)
    return order


def erase_order(system: System) -> list[str]:
    """Tables ordered so every table comes before the tables it references.

    Deleting children before parents keeps real foreign-key constraints satisfied.
    Cycles (an order's parent order, posts and their meta) are broken in map order.
    """
    names = list(system.tables)
    parents: Mapping[str, set[str]] = {
        name: {
            ref.target_table
            for ref in system.tables[name].references
            if ref.target_table in system.tables and ref.target_table != name
        }
        for name in names
    }
    remaining = list(names)
    order: list[str] = []
    while remaining:
        # a table is ready when no remaining table references it
        ready = [t for t in remaining if not any(t in parents[o] for o in remaining if o != t)]
        chosen = ready or remaining[:1]
        order.extend(chosen)
        remaining = [t for t in remaining if t not in chosen]
    return order
