"""A retention sweep of many due rows, against one hand-written bulk DELETE (the lower
bound), on SQLite and PostgreSQL; and the sweep's peak memory as the table grows.

    python -m bench.retention [--rows 1000000] [--rss 100000,1000000] [--batch 5000]
                              [--rounds 2] [--backends sqlite,postgresql]

The table is ``orders`` of :mod:`waarborg.testdata.retention`: ``rows`` orders past
their fiscal term and a tenth as many recent ones, interleaved by id, with an index
on the anchor. Each round reloads the table, then times either ``waarborg.retention
.run`` (plan counts, batched sweep with one transaction per batch, run report and
audit entries in a SQLite store) or ``DELETE FROM orders WHERE placed_at < :cutoff``
in one transaction, alternating, so both see the same machine. Peak RSS is measured
in a fresh process per size, which sweeps and reports its own ``ru_maxrss``.
Target: at least half the bulk DELETE's rate; memory flat.

:func:`measure` and :func:`peak_rss` return plain numbers for other harnesses.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from bench.fixtures import bench_postgres, server_database
from waarborg.register import load_register
from waarborg.retention import run
from waarborg.store import Store
from waarborg.systems import parse_systems
from waarborg.testdata.retention import order_rows, orders_map, orders_metadata
from waarborg.testdata.truth import load

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "examples" / "weservit" / "register.yaml"
TODAY = date(2026, 6, 1)
CUTOFF = "2019-06-01"  # due rows are from 2010-2017, kept rows from 2024 on
TARGET = 0.5


def database_url(backend: str, directory: Path) -> str:
    if backend == "sqlite":
        directory.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{directory / 'retention.db'}"
    return server_database(bench_postgres(), "waarborg_bench_retention")


def reload(url: str, rows: int) -> None:
    """A fresh ``orders`` table: ``rows`` due and ``rows // 10`` kept."""
    engine = sa.create_engine(url)
    metadata = orders_metadata()
    metadata.drop_all(engine)
    load(engine, metadata, order_rows(rows, rows // 10, batch=20_000))
    engine.dispose()


def sweep(url: str, batch: int, store_dir: Path) -> int:
    """Our sweep, as ``waarborg retention run`` does it; returns the rows deleted."""
    register = load_register(REGISTER)
    systems = parse_systems(orders_map(), register, "systems.yaml")
    store_file = store_dir / "store.db"
    store_file.unlink(missing_ok=True)
    store = Store(f"sqlite:///{store_file}")
    store.upgrade()
    organisation = store.ensure_organisation(register.organisation.name)
    summary = run(
        store, organisation, register, systems, {"SHOP_DATABASE_URL": url},
        today=TODAY, secret=b"bench", batch=batch,
    )  # fmt: skip
    store.dispose()
    return summary.totals()["deleted"]


def bulk(url: str) -> int:
    """The lower bound: one DELETE with the cut-off written in by hand."""
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        deleted = connection.execute(
            sa.text("DELETE FROM orders WHERE placed_at < :cutoff"), {"cutoff": CUTOFF}
        ).rowcount
    engine.dispose()
    return int(deleted)


def measure(url: str, rows: int, *, batch: int = 5000, rounds: int = 2) -> dict[str, float]:
    """Rows per second of our sweep and of the bulk DELETE, alternating, best of rounds."""
    ours: list[float] = []
    hand: list[float] = []
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(rounds):
            for timings, work in ((ours, lambda: sweep(url, batch, Path(scratch))),
                                  (hand, lambda: bulk(url))):  # fmt: skip
                reload(url, rows)
                started = time.perf_counter()
                deleted = work()
                elapsed = time.perf_counter() - started
                if deleted != rows:
                    raise SystemExit(f"deleted {deleted} rows, expected {rows}")
                timings.append(rows / elapsed)
    best_ours, best_hand = max(ours), max(hand)
    return {
        "rows": float(rows),
        "ours_rows_per_s": best_ours,
        "bulk_rows_per_s": best_hand,
        "ratio": best_ours / best_hand,
        "ours_median_rows_per_s": statistics.median(ours),
        "bulk_median_rows_per_s": statistics.median(hand),
    }


def peak_rss(url: str, rows: int, *, batch: int = 5000) -> int:
    """Peak resident memory (KiB) of a fresh process sweeping ``rows`` due rows."""
    reload(url, rows)
    child = subprocess.run(
        [sys.executable, "-m", "bench.retention", "--child", url, "--batch", str(batch)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(child.stdout.strip().splitlines()[-1])


def _child(url: str, batch: int) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        sweep(url, batch, Path(scratch))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.retention")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rss", default="100000,1000000")
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args.child, args.batch)
    worst = float("inf")
    with tempfile.TemporaryDirectory() as scratch:
        for backend in args.backends.split(","):
            url = database_url(backend, Path(scratch))
            figures = measure(url, args.rows, batch=args.batch, rounds=args.rounds)
            worst = min(worst, figures["ratio"])
            print(
                f"{backend} sweep of {args.rows:,} due rows (batch {args.batch}): "
                f"{figures['ours_rows_per_s']:,.0f} rows/s; bulk DELETE "
                f"{figures['bulk_rows_per_s']:,.0f} rows/s; ratio {figures['ratio']:.2f}"
            )
            for size in (int(s) for s in args.rss.split(",") if s):
                kib = peak_rss(url, size, batch=args.batch)
                print(f"{backend} peak RSS sweeping {size:,} rows: {kib / 1024:.0f} MiB")
    verdict = "ok" if worst >= TARGET else "MISSED"
    print(f"retention sweep against a target of {TARGET:.0%} of the bulk DELETE: {verdict}")
    return 0 if worst >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
