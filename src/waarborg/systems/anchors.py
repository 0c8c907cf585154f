"""The dates retention is counted from, for each collected row.

An anchor is a column of the row itself (``date``), of the row it references
(``wc_orders.date_created_gmt`` for an order's address), or of the rows that
reference it (``tblinvoices.date`` for a client: the latest invoice, since the
client profile is printed on every invoice and must be kept as long as the
last of them). Foreign anchors are read with one query per table.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa

from waarborg.systems.connect import Connector
from waarborg.systems.found import Collection, FoundTable, Key, coerce


def resolve_hold_anchors(
    connection: sa.Connection, connector: Connector, collection: Collection
) -> None:
    """Fill ``FoundTable.anchors`` for every table whose rows may be retained."""
    for found in collection.found():
        expression = found.spec.hold_anchor()
        if expression:
            found.anchors = anchor_values(connection, connector, found, expression)


def anchor_values(
    connection: sa.Connection, connector: Connector, found: FoundTable, expression: str
) -> dict[Key, Any]:
    """``expression`` (``column`` or ``table.column``) for each row of ``found``."""
    other, _, column = expression.rpartition(".")
    if not other:
        return {key: row[column] for key, row in found.rows.items()}
    # (column here, column there, whether several rows there give the latest)
    link = next(
        (
            (ref.column, ref.target_column, False)
            for ref in found.spec.references
            if ref.target_table == other
        ),
        None,
    ) or next(
        (
            (ref.target_column, ref.column, True)
            for ref in connector.spec.tables[other].references
            if ref.target_table == found.name
        ),
        None,
    )
    if link is None:
        raise ValueError(f"anchor {expression!r} is not linked to {found.name!r}")  # loader checks
    here, there, latest = link
    values = _lookup(
        connection, connector, other, there, column,
        [row[here] for row in found.rows.values()], latest=latest,
    )  # fmt: skip
    python_type = connector.column(other, there).python_type
    return {key: values.get(coerce(row[here], python_type)) for key, row in found.rows.items()}


def _lookup(
    connection: sa.Connection,
    connector: Connector,
    table_name: str,
    match: str,
    column: str,
    values: list[Any],
    *,
    latest: bool,
) -> dict[Any, Any]:
    """``column`` by ``match`` value; with ``latest`` the greatest over several rows."""
    table = connector.tables[table_name]
    python_type = connector.column(table_name, match).python_type
    wanted = sorted(
        {v for v in (coerce(x, python_type) for x in values) if v is not None}, key=repr
    )
    found: dict[Any, Any] = defaultdict(lambda: None)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        if latest:
            query = (
                sa.select(table.c[match], sa.func.max(table.c[column]))
                .where(table.c[match].in_(chunk))
                .group_by(table.c[match])
            )
        else:
            query = sa.select(table.c[match], table.c[column]).where(table.c[match].in_(chunk))
        for key, value in connection.execute(query):
            found[key] = value
    return found
