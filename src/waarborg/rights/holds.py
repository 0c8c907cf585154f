"""Legal holds: how long a retained row must be kept, from the register's obligations.

A table retained under ``fiscal`` keeps each row for the obligation's minimum
term (the register's taxonomy: seven years, AWR art. 52 lid 4), counted from
the end of the book year in which the row's anchor date falls, unless the map
gives its own ``keep``. Retention sweeps use the same arithmetic to know when a
held row falls due.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from waarborg.register import Register, RetentionStage
from waarborg.register.duration import Duration
from waarborg.systems.found import as_date
from waarborg.systems.model import Table


def hold_term(register: Register, table: Table) -> RetentionStage:
    """The retention stage a retained row of ``table`` is kept for."""
    obligation = table.erasure.retain
    if obligation is None:
        raise ValueError("the table is not retained")
    term = register.vocabulary.term("retention_obligations", obligation)
    keep = table.erasure.keep or term.minimum or Duration()
    return RetentionStage(keep=keep, count_from=term.count_from or "anchor", obligation=obligation)


def hold_until(register: Register, table: Table, anchor: Any) -> date | None:
    """The last day a row anchored on ``anchor`` must be kept; None without an anchor
    date (the row is not yet a record the obligation covers)."""
    day = as_date(anchor)
    if day is None:
        return None
    return hold_term(register, table).until(day, register.organisation.book_year)
