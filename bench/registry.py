"""The operations ``python -m bench`` measures, and how one is measured.

An operation is a function from a :class:`Context` to a :class:`Sample`: waarborg's
times and its lower bound's times, taken in the same run, alternating, so a busy
moment on a shared machine hits both alike. Adding one is one line in the module
that measures it::

    OPERATIONS.append(Operation("retention sweep", "store", "one bulk DELETE", run))

plus its import in :func:`operations`. An operation that cannot run here raises
:class:`NotMeasuredError`; the report then names it and the reason.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

# shop: per data set (shape, backend, size); store: per waarborg store backend and
# size; fixed: once, because the cost does not depend on the number of customers.
Kind = Literal["shop", "store", "fixed"]


@dataclass
class Context:
    """Where an operation runs: the generated data set, or a waarborg store, and how often."""

    size: int
    backend: str
    shape: str
    url: str
    folder: Path
    reps: int
    seconds: float = 5.0  # load per server for the HTTP comparison
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Sample:
    """Seconds per repetition both ways and peak memory (bytes) of one run each way."""

    ours: list[float]
    bound: list[float] | None
    peak_ours: int | None = None
    peak_bound: int | None = None
    note: str = ""

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ours": spread(self.ours), "note": self.note}
        out["bound"] = spread(self.bound) if self.bound else None
        out["ratio"] = (
            out["ours"]["median"] / out["bound"]["median"]
            if out["bound"] and out["bound"]["median"] > 0
            else None
        )
        out["peak_ours"], out["peak_bound"] = self.peak_ours, self.peak_bound
        out["raw_ours"], out["raw_bound"] = self.ours, self.bound
        return out


def spread(times: list[float]) -> dict[str, float]:
    """Median and interquartile range (min and max for fewer than four times)."""
    ordered = sorted(times)
    if len(ordered) >= 4:
        q1, _, q3 = statistics.quantiles(ordered, n=4)
    else:
        q1, q3 = ordered[0], ordered[-1]
    return {"median": statistics.median(ordered), "q1": q1, "q3": q3, "n": len(ordered)}


@dataclass(frozen=True)
class Operation:
    name: str
    kind: Kind
    bound: str  # what the lower bound is, for the table
    run: Callable[[Context], Sample]


def alternate(
    ours: Callable[[int], object], bound: Callable[[int], object] | None, reps: int
) -> Sample:
    """``reps`` timed runs of each, interleaved (order swapped every round), then one
    more run of each under tracemalloc for its peak memory (not timed: tracing slows
    Python down several-fold). The callables get the repetition number, so each can
    work on a different person; the memory run gets ``reps``."""
    mine: list[float] = []
    theirs: list[float] = []
    for rep in range(reps):
        pair = [(ours, mine), (bound, theirs)] if rep % 2 == 0 else [(bound, theirs), (ours, mine)]
        for action, into in pair:
            if action is not None:
                started = time.perf_counter()
                action(rep)
                into.append(time.perf_counter() - started)
    return Sample(
        mine,
        theirs or None,
        peak_of(lambda: ours(reps)),
        peak_of(lambda: bound(reps)) if bound else None,
    )


def peak_of(action: Callable[[], object]) -> int:
    """Peak bytes Python allocated while ``action`` ran."""
    gc.collect()
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


class NotMeasuredError(Exception):
    """An operation that cannot be measured here; the reason goes into the report."""


OPERATIONS: list[Operation] = []


def operations() -> list[Operation]:
    """Every registered operation (the modules register on import)."""
    from bench import ops_fixed, ops_retention, ops_shop, ops_store  # noqa: F401  (registration)

    return OPERATIONS
