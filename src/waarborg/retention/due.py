"""The rows of a connected table that are due, as one SQL condition.

Each anchor's cut-off (see :mod:`waarborg.retention.expiry`) becomes a comparison:
the table's own column on or before the cut-off; or, for an anchor in another
table, no linked row newer than the cut-off (the referenced order of an address
row, or the latest invoice of a client whose profile every invoice prints). A row
whose own anchor is empty is never due, and neither is a row that only has a
linked anchor in rows that point at it and none does: nothing says its term has
started. A row whose only anchor is in the row it points at is due when that row
is gone: swept before it (workers sweep tables in any order) or deleted by the
application, nothing is left that keeps it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa

from waarborg.retention.expiry import next_day
from waarborg.systems.connect import Connector
from waarborg.systems.model import Condition, Table


def due_condition(connector: Connector, name: str, cutoffs: dict[str, date]) -> Any:
    """A WHERE clause selecting the due rows of ``name`` (the map's ``where`` included)."""
    table = connector.tables[name]
    spec = connector.spec.tables[name]
    own: list[Any] = []
    linked: list[tuple[Any, Any]] = []  # (no newer linked row, some linked row)
    for anchor, last in cutoffs.items():
        other, _, column = anchor.rpartition(".")
        if not other:
            own.append(_on_or_before(table.c[column], last))
        else:
            linked.append(_linked(connector, name, spec, other, column, last))
    clauses = [*own, *(none_newer for none_newer, _ in linked)]
    if not own:
        clauses += [some for _, some in linked]
    clauses += where_clauses(table, spec.where)
    return sa.and_(*clauses)


def where_clauses(table: sa.Table, where: Condition) -> list[Any]:
    clauses = []
    for column, value in where.items():
        values = value if isinstance(value, list) else [value]
        clauses.append(table.c[column].in_(values))
    return clauses


def _on_or_before(column: sa.ColumnElement[Any], last: date) -> Any:
    """``column`` on or before the day ``last``, whether it holds dates, times or text."""
    python_type = _python_type(column)
    following = next_day(last)
    bound: Any
    if python_type is datetime:
        bound = datetime.combine(following, time())
    elif python_type is date:
        bound = following
    else:  # ISO 8601 text sorts like the date it spells
        bound = following.isoformat()
    return sa.and_(column.is_not(None), column < bound)


def _python_type(column: sa.ColumnElement[Any]) -> type | None:
    try:
        return column.type.python_type
    except NotImplementedError:
        return None


def _linked(
    connector: Connector, name: str, spec: Table, other: str, column: str, last: date
) -> tuple[Any, Any]:
    """(no linked row is newer than ``last``, at least one linked row exists)."""
    here_table, there_table = connector.tables[name], connector.tables[other]
    up = next(
        ((ref.column, ref.target_column) for ref in spec.references if ref.target_table == other),
        None,
    )
    down = next(
        (
            (ref.target_column, ref.column)
            for ref in connector.spec.tables[other].references
            if ref.target_table == name
        ),
        None,
    )
    link = up or down
    if link is None:  # the loader refuses such a map
        raise ValueError(f"anchor {other}.{column} is not linked to {name!r}")
    here, there = link
    alias = there_table.alias(f"anchor_{other}")
    joined = alias.c[there] == here_table.c[here]
    anchor = alias.c[column]
    newer = sa.exists().where(joined, anchor.is_not(None), sa.not_(_on_or_before(anchor, last)))
    some: Any = sa.exists().where(joined, _on_or_before(anchor, last))
    if up is not None:
        # the row it belongs to is gone (swept first, or deleted by the application):
        # nothing is left that keeps this row
        some = sa.or_(some, sa.not_(sa.exists().where(joined)))
    return sa.not_(newer), some
