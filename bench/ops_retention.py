"""The retention sweep, from issue 8's ``bench.retention``, against one bulk DELETE.

That module loads an ``orders`` table of ``size`` due rows and a tenth as many kept
ones (``reload``), sweeps it as ``waarborg retention run`` does (``sweep``: plan,
batched deletes, run report and audit entries) or deletes the due rows with one
hand-written statement (``bulk``). Here the table lives in the store round's
database (SQLite or PostgreSQL), it is reloaded before every timed run (not timed),
and the two are timed alternately like every other operation.
"""

from __future__ import annotations

import importlib
import time
from typing import Any

from bench.registry import OPERATIONS, Context, NotMeasuredError, Operation, Sample, peak_of
from waarborg.store import Store

BATCH = 5000


def _module() -> Any:
    try:
        return importlib.import_module("bench.retention")
    except ImportError as missing:  # the slot stays in the report until issue 8 lands
        raise NotMeasuredError("bench.retention (issue 8) is not on this branch") from missing


def retention_sweep(ctx: Context) -> Sample:
    """``waarborg.retention.run`` as ``bench.retention.sweep`` calls it, but with the
    store opened and upgraded once, before timing: a sweep does not migrate its store."""
    retention = _module()
    from waarborg.register import load_register
    from waarborg.retention import run
    from waarborg.systems import parse_systems
    from waarborg.testdata.retention import orders_map

    register = load_register(retention.REGISTER)
    systems = parse_systems(orders_map(), register, "systems.yaml")
    store = Store(ctx.url)
    organisation = store.ensure_organisation(register.organisation.name)
    env = {"SHOP_DATABASE_URL": ctx.url}
    reps = min(ctx.reps, 3)  # every run reloads the whole table first
    try:

        def ours() -> None:
            summary = run(
                store, organisation, register, systems, env,
                today=retention.TODAY, secret=b"bench", batch=BATCH,
            )  # fmt: skip
            deleted = summary.totals()["deleted"]
            assert deleted == ctx.size, f"swept {deleted} rows of {ctx.size}"

        def bound() -> None:
            retention.bulk(ctx.url)

        times: dict[str, list[float]] = {"ours": [], "bound": []}
        for rep in range(reps):
            order = [("ours", ours), ("bound", bound)]
            for name, action in order if rep % 2 == 0 else order[::-1]:
                retention.reload(ctx.url, ctx.size)
                started = time.perf_counter()
                action()
                times[name].append(time.perf_counter() - started)
        retention.reload(ctx.url, ctx.size)
        peak_ours = peak_of(ours)
        retention.reload(ctx.url, ctx.size)
        peak_bound = peak_of(bound)
    finally:
        store.dispose()
    note = f"{ctx.size:,} due rows and {ctx.size // 10:,} kept; batches of {BATCH}"
    return Sample(times["ours"], times["bound"], peak_ours, peak_bound, note)


OPERATIONS.append(Operation("retention sweep", "store", "one bulk DELETE", retention_sweep))
