"""One big orders table for sweeping: many rows past their fiscal term, some not.

Used by the kill-and-resume test, the two-worker test and ``bench/retention.py``:
``orders(id, email, total, placed_at)`` under the weservit register's
``order-handling`` activity (order-completed + 7 years, fiscal), anchored on
``placed_at`` and deleted when due. Due rows are placed in 2010–2017, kept rows in
2024–2026, interleaved by id, so a sweep has to pick its rows out.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import sqlalchemy as sa

from waarborg.testdata.truth import Batch

ORDERS_MAP = """\
waarborg: 1
systems:
  shop:
    url_env: {url_env}
    tables:
      orders:
        primary_key: id
        activities: [{activity}]
        identity: {{email: email}}
        anchor: placed_at
        columns: {{email: email}}
        erasure: delete
"""


def orders_metadata() -> sa.MetaData:
    md = sa.MetaData()
    sa.Table(
        "orders",
        md,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("total", sa.Numeric(10, 2), nullable=False),
        sa.Column("placed_at", sa.DateTime, nullable=False, index=True),
    )
    return md


def orders_map(url_env: str = "SHOP_DATABASE_URL", activity: str = "order-handling") -> str:
    return ORDERS_MAP.format(url_env=url_env, activity=activity)


def order_rows(due: int, kept: int, batch: int = 10_000) -> Iterator[Batch]:
    """``due`` old orders and ``kept`` recent ones, interleaved; ids from 1."""
    old, recent = datetime(2010, 1, 1, 12), datetime(2024, 1, 1, 12)
    rows: list[dict[str, object]] = []
    total = due + kept
    every = max(total // max(kept, 1), 1) if kept else 0
    made_due = made_kept = 0
    for index in range(1, total + 1):
        keep = kept and made_kept < kept and (index % every == 0 or made_due >= due)
        if keep:
            placed = recent + timedelta(minutes=made_kept % 700_000)
            made_kept += 1
        else:
            placed = old + timedelta(minutes=made_due % 4_000_000)
            made_due += 1
        rows.append(
            {"id": index, "email": f"klant{index}@example.nl", "total": 10, "placed_at": placed}
        )
        if len(rows) >= batch:
            yield "orders", rows
            rows = []
    if rows:
        yield "orders", rows
