"""Rows made due by events posted to waarborg (``events: {account-closed: ID}``).

The events live in waarborg's store and the rows in the company's database, two
separate databases, so no query can join them. The references of the events that
are due (that kind, this organisation, occurred on or before the anchor's cut-off)
are read from the store first; the sweep and the plan then select the rows
``WHERE column IN (…)`` with bound values, at most ``batch`` references at a time.
Each such piece is swept in its own transactions, so a killed run resumes like
any other: the next run reads the due references again, and the rows already
deleted or masked are no longer due.

A row whose reference has no such event is never in any piece: under an event
rule, no event means the term has not started.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

import sqlalchemy as sa

from waarborg.retention.expiry import event_kind, next_day
from waarborg.store import Store
from waarborg.store.tables import Event
from waarborg.systems.connect import Connector
from waarborg.systems.found import coerce

EventSource = Callable[[str, date], Sequence[str]]
"""``(kind, last day)``: the references of the events of that kind that occurred on
or before ``last day``."""


def store_events(store: Store, organisation_id: int) -> EventSource:
    """The due references of one organisation's events, read from the store."""

    def due(kind: str, last: date) -> list[str]:
        # an event on the cut-off day itself counts: before the start of the next day (UTC)
        before = datetime.combine(next_day(last), time(), tzinfo=UTC)
        with store.reading() as session:
            return list(
                session.scalars(
                    sa.select(Event.reference)
                    .where(
                        Event.organisation_id == organisation_id,
                        Event.kind == kind,
                        Event.occurred_at < before,
                    )
                    .distinct()
                    .order_by(Event.reference)
                )
            )

    return due


def event_values(
    connector: Connector, name: str, cutoffs: dict[str, date], source: EventSource | None
) -> dict[str, list[Any]]:
    """Per column of ``name``: the values the due events name (empty: no row is due).

    Two kinds mapped to the same column must both be due: their values intersect.
    Without a ``source`` (nothing to read events from) no event is due.
    """
    spec = connector.spec.tables[name]
    found: dict[str, set[Any]] = {}
    for anchor, last in cutoffs.items():
        kind = event_kind(anchor)
        if kind is None:
            continue
        column = spec.events[kind]
        python_type = connector.column(name, column).python_type
        references = source(kind, last) if source is not None else []
        values = {v for v in (coerce(r, python_type) for r in references) if v is not None}
        found[column] = found[column] & values if column in found else values
    return {column: sorted(values, key=repr) for column, values in found.items()}


def pieces(
    connector: Connector, name: str, condition: Any, values: dict[str, list[Any]], batch: int
) -> Iterator[Any]:
    """``condition`` narrowed to the rows the due events name, ``batch`` values at a time.

    Without event anchors it is the condition itself, once. With them, the column
    with the fewest due values is cut into pieces; the others (a second event kind
    on another column, rare) are matched whole.
    """
    if not values:
        yield condition
        return
    table = connector.tables[name]
    first, *rest = sorted(values, key=lambda column: len(values[column]))
    others = [table.c[column].in_(values[column]) for column in rest]
    wanted = values[first]
    for start in range(0, len(wanted), batch):
        yield sa.and_(condition, table.c[first].in_(wanted[start : start + batch]), *others)
