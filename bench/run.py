"""The run: every operation at every size, within a time budget.

Sizes go smallest first, so a budget that runs out leaves the small sizes complete.
Before generating a data set or filling a store the run estimates how long that
takes from the previous, smaller size (seconds per customer) and skips it, saying
why, when the estimate does not fit in what is left of ``--max-minutes``.
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from bench import datasets, ops_store
from bench.registry import Context, NotMeasuredError, Operation, operations

STORE_BACKENDS = ("sqlite", "postgresql")  # what waarborg's own store runs on


@dataclass
class Plan:
    sizes: list[int]
    backends: list[str]
    shapes: list[str]
    servers: dict[str, str]
    reps: int
    seconds: float
    max_minutes: float
    cache: Path = datasets.CACHE
    only: set[str] | None = None
    say: Callable[[str], None] = print


@dataclass
class Outcome:
    results: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    datasets: list[dict[str, Any]] = field(default_factory=list)
    minutes: float = 0.0


class Budget:
    def __init__(self, minutes: float):
        self.started = time.monotonic()
        self.deadline = self.started + minutes * 60
        self.per_customer: dict[tuple[str, str], float] = {}  # seconds per customer

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def fits(self, key: tuple[str, str], size: int) -> tuple[bool, str]:
        rate = self.per_customer.get(key)
        if rate is None:
            return self.left() > 0, "the time budget is used up"
        estimate = rate * size
        reason = (
            f"estimated {estimate / 60:.1f} min (from the smaller size) but"
            f" {max(self.left(), 0) / 60:.1f} min left of the --max-minutes budget"
        )
        return estimate < self.left(), reason

    def learn(self, key: tuple[str, str], size: int, seconds: float) -> None:
        self.per_customer[key] = seconds / max(size, 1)


def run(plan: Plan) -> Outcome:
    ops = [op for op in operations() if plan.only is None or op.name in plan.only]
    out, budget = Outcome(), Budget(plan.max_minutes)
    folder = Path(tempfile.mkdtemp(prefix="waarborg-bench-"))
    base = Context(0, "-", "-", "", folder, plan.reps, plan.seconds)
    for op in (op for op in ops if op.kind == "fixed"):
        _measure(plan, out, op, base)
    for size in plan.sizes:
        for backend in plan.backends:
            store_ops = [op for op in ops if op.kind == "store"]
            if store_ops and backend in STORE_BACKENDS:
                _store_round(plan, out, budget, store_ops, backend, size, folder)
            shop_ops = [op for op in ops if op.kind == "shop"]
            for shape in plan.shapes if shop_ops else ():
                _shop_round(plan, out, budget, shop_ops, backend, shape, size, folder)
    out.minutes = (time.monotonic() - budget.started) / 60
    return out


def _skip(plan: Plan, out: Outcome, what: str, backend: str, size: int, reason: str) -> None:
    plan.say(f"  SKIPPED {what} on {backend} at {size:,}: {reason}")
    out.skipped.append({"what": what, "backend": backend, "size": size, "reason": reason})


def _shop_round(
    plan: Plan, out: Outcome, budget: Budget, ops: list[Operation],
    backend: str, shape: str, size: int, folder: Path,
) -> None:  # fmt: skip
    key = (shape, backend)
    if backend != "sqlite" and backend not in plan.servers:
        _skip(plan, out, f"{shape} data set", backend, size, "no server URL given")
        return
    cached = _cached(backend, shape, size, plan.servers, plan.cache)
    ok, reason = (True, "") if cached else budget.fits(key, size)
    if not ok:
        _skip(plan, out, f"{shape} data set", backend, size, reason)
        return
    plan.say(f"{shape} on {backend}, {size:,} customers")
    started = time.monotonic()
    data = datasets.ensure(backend, shape, size, plan.servers, plan.cache)
    made = "cached" if data.generated_s is None else f"generated in {data.generated_s:.1f} s"
    plan.say(f"  {data.rows:,} rows, {made}")
    out.datasets.append(
        {"shape": shape, "backend": backend, "size": size, "rows": data.rows,
         "generated_s": data.generated_s}
    )  # fmt: skip
    ctx = Context(size, backend, shape, data.url, folder, plan.reps, plan.seconds)
    for op in ops:
        _measure(plan, out, op, ctx, budget)
    if data.generated_s is not None:
        budget.learn(key, size, time.monotonic() - started)


def _cached(backend: str, shape: str, size: int, servers: dict[str, str], cache: Path) -> bool:
    url = datasets.dataset_url(backend, shape, size, servers, cache)
    engine = sa.create_engine(url)
    try:
        found = datasets._cached(engine)
    finally:
        engine.dispose()
    return found is not None and found[0] == datasets.cache_key(shape, size)


def _store_round(
    plan: Plan, out: Outcome, budget: Budget, ops: list[Operation],
    backend: str, size: int, folder: Path,
) -> None:  # fmt: skip
    key = ("store", backend)
    if backend != "sqlite" and backend not in plan.servers:
        _skip(plan, out, "waarborg store", backend, size, "no server URL given")
        return
    ok, reason = budget.fits(key, size)
    if not ok:
        _skip(plan, out, "waarborg store", backend, size, reason)
        return
    plan.say(f"waarborg store on {backend}, {size:,} people")
    started = time.monotonic()
    with _store_url(backend, size, folder, plan.servers) as url:
        extra = ops_store.prepare(url, size)
        plan.say(f"  filled in {time.monotonic() - started:.1f} s")
        ctx = Context(size, backend, "store", url, folder, plan.reps, plan.seconds, extra)
        for op in ops:
            _measure(plan, out, op, ctx, budget)
    budget.learn(key, size, time.monotonic() - started)


@contextmanager
def _store_url(backend: str, size: int, folder: Path, servers: dict[str, str]) -> Iterator[str]:
    """A fresh store for one round: a file, or a database dropped afterwards."""
    if backend == "sqlite":
        path = folder / f"store-{size}.db"
        yield f"sqlite:///{path}"
        path.unlink(missing_ok=True)
        return
    server = make_url(servers[backend])
    name = f"wb_store_{size}_{os.getpid()}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _measure(
    plan: Plan, out: Outcome, op: Operation, ctx: Context, budget: Budget | None = None
) -> None:
    where = {"operation": op.name, "kind": op.kind, "bound_is": op.bound,
             "shape": ctx.shape, "backend": ctx.backend, "size": ctx.size}  # fmt: skip
    if budget is not None and budget.left() <= 0:
        _skip(plan, out, op.name, ctx.backend, ctx.size, "the time budget is used up")
        return
    try:
        sample = op.run(ctx)
    except NotMeasuredError as reason:
        plan.say(f"  {op.name}: not measured, {reason}")
        out.skipped.append({"what": op.name, "backend": ctx.backend, "size": ctx.size,
                            "reason": str(reason)})  # fmt: skip
        return
    except Exception as error:  # one broken operation must not lose the others' figures
        plan.say(f"  {op.name}: FAILED {type(error).__name__}: {error}")
        traceback.print_exc()
        out.skipped.append({"what": op.name, "backend": ctx.backend, "size": ctx.size,
                            "reason": f"failed: {type(error).__name__}"})  # fmt: skip
        return
    summary = sample.summary()
    out.results.append({**where, **summary})
    ratio = f"ratio {summary['ratio']:.2f}" if summary["ratio"] else "no bound"
    plan.say(f"  {op.name:28} {summary['ours']['median'] * 1000:10.3f} ms   {ratio}")
