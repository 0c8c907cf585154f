"""Plans as data: stored and read back unchanged, merged on resume without ever turning
a kept row into one to erase."""

from __future__ import annotations

from datetime import date

from waarborg.rights.plan import Held, Plan, TablePlan

DAY = date(2026, 6, 1)


def table(**rows: list[tuple[int, ...]] | list[Held]) -> TablePlan:
    return TablePlan("shop", "orders", ["web-shop"], ["email"], found=4, **rows)  # type: ignore[arg-type]


def test_a_plan_survives_the_store() -> None:
    plan = Plan(
        "erasure",
        DAY,
        [table(delete=[(1,)], mask=[(2,)], hold=[Held((3,), "fiscal", date(2031, 12, 31))])],
    )
    assert Plan.from_dict(plan.to_dict()) == plan


def test_merging_adds_new_rows_and_keeps_what_is_kept() -> None:
    recorded = Plan("erasure", DAY, [table(delete=[(1,)], hold=[Held((3,), "fiscal", DAY)])])
    fresh = Plan("erasure", DAY, [table(delete=[(3,), (5,)], mask=[(6,)])])
    merged = recorded.merged(fresh)
    (orders,) = merged.tables
    assert orders.delete == [(1,), (5,)]
    assert orders.mask == [(6,)]
    assert [h.key for h in orders.hold] == [(3,)]
