"""Runtime benchmarks: decisions, audit appends, audit verification, the decide API.

    python -m bench.runtime                      # everything, full size
    python -m bench.runtime --only decide,verify
    python -m bench.runtime --tiny               # a smoke run (tests/test_bench.py)
    python -m bench.runtime --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test
    (the PostgreSQL figures run when --postgres or WAARBORG_TEST_POSTGRES_URL names a server)

Goals (issue #4): decide >= 100,000 calls/s in-process; the
decide API >= 50% of a bare FastAPI endpoint's rate on the same machine; verifying
1,000,000 audit entries < 10 s. Results are printed as one line per figure.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from bench import load
from bench.fixtures import REGISTER
from waarborg import audit
from waarborg.decide import (
    ConsentState,
    ObjectionState,
    SubjectState,
    compile_register,
    decide,
)
from waarborg.register import load_register
from waarborg.store import Store

REF = "sub_" + "ab" * 16
ENTRY = audit.Entry(
    actor="apikey:0123456789abcdef",
    action="decide",
    outcome="allowed",
    subject_ref=REF,
    activity="order-handling",
    categories=("email", "naw"),
    system="webshop",
    details={"reasons": []},
)


def report(name: str, value: float, unit: str, goal: str = "") -> None:
    line = f"{name:<46} {value:>14,.1f} {unit}"
    print(f"{line}   {goal}".rstrip(), flush=True)


def bench_decide(calls: int) -> bool:
    """Calls per second in-process, over a mix of allowed and denied decisions."""
    register = compile_register(load_register(REGISTER))
    given = datetime(2024, 1, 1, tzinfo=UTC)
    subject = SubjectState(
        REF,
        {"order-handling": ConsentState("given", given)},
        (ObjectionState("statistics-and-profiling", "upheld", given),),
        (),
        {"order-completed": date(2024, 5, 1)},
    )
    cases = [
        ("order-handling", ("email", "naw")),
        ("statistics-and-profiling", ("ip-address",)),
        ("newsletter", ("email",)),
        ("account", ("email", "bank-account")),
    ]
    at = datetime(2026, 6, 1, tzinfo=UTC)
    started = time.perf_counter()
    for i in range(calls):
        activity, categories = cases[i & 3]
        decide(register, subject, activity, categories, at)
    rate = calls / (time.perf_counter() - started)
    report("decide, in-process", rate, "calls/s", "(goal >= 100,000)")
    return rate >= 100_000


@contextmanager
def store_at(kind: str, folder: Path, postgres: str | None) -> Iterator[Store | None]:
    """A fresh store: SQLite in ``folder`` or a throwaway database next to ``postgres``."""
    if kind == "sqlite":
        store = Store(f"sqlite:///{folder / f'{uuid.uuid4().hex}.db'}")
        store.upgrade()
        yield store
        store.dispose()
        return
    if postgres is None:
        yield None
        return
    base = make_url(postgres)
    name = f"waarborg_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    store = Store(base.set(database=name).render_as_string(hide_password=False))
    try:
        store.upgrade()
        yield store
    finally:
        store.dispose()
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def bench_append(store: Store, label: str, count: int) -> bool:
    """Appends per second: one transaction (and one durable commit) each, and batched."""
    org = store.ensure_organisation("Bench")
    started = time.perf_counter()
    for _ in range(count):
        with store.transaction() as session:
            audit.append_many(session, org, [ENTRY])
    report(
        f"audit append, own transaction, {label}",
        count / (time.perf_counter() - started),
        "appends/s",
    )
    batch = max(count // 10, 1)
    started = time.perf_counter()
    for _ in range(10):
        with store.transaction() as session:
            audit.append_many(session, org, [ENTRY] * batch)
    rate = 10 * batch / (time.perf_counter() - started)
    report(f"audit append, {batch} per transaction, {label}", rate, "appends/s")
    return True  # no target: the figure is for the report


def bench_verify(store: Store, label: str, entries: int) -> bool:
    org = store.ensure_organisation("Bench")
    load.fill_chain(store, org, entries)
    started = time.perf_counter()
    with store.reading() as session:
        result = audit.verify(session.connection(), org)
    elapsed = time.perf_counter() - started
    if not result.ok or result.entries != entries:
        raise SystemExit(f"verify failed on a clean chain: {result}")
    report(f"audit verify {entries:,} entries, {label}", elapsed, "s", "(goal < 10 s per 1M)")
    return elapsed / entries * 1_000_000 < 10


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.runtime", description=__doc__)
    parser.add_argument("--tiny", action="store_true", help="smoke sizes, for the test suite")
    parser.add_argument("--only", default="decide,append,verify,api")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("WAARBORG_TEST_POSTGRES_URL"),
        help="also run the store benchmarks on this server (default: $WAARBORG_TEST_POSTGRES_URL)",
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="API load per server and round")
    parser.add_argument("--rounds", type=int, default=5, help="API rounds (median ratio)")
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    sizes = {"decide": 1_000_000, "append": 2_000, "verify": 1_000_000}
    if args.tiny:
        sizes = {"decide": 2_000, "append": 20, "verify": 500}
    folder = Path(tempfile.mkdtemp(prefix="waarborg-bench-"))
    print(f"# waarborg runtime benchmarks, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", flush=True)
    met = []
    if "decide" in only:
        met.append(bench_decide(sizes["decide"]))
    for kind in ("sqlite", "postgresql"):
        for what, run in (("append", bench_append), ("verify", bench_verify)):
            if what in only:
                with store_at(kind, folder, args.postgres) as store:
                    if store is not None:
                        met.append(run(store, kind, sizes[what]))
    if "api" in only:
        seconds, rounds = (1.0, 1) if args.tiny else (args.seconds, args.rounds)
        met.append(load.compare_api(folder, seconds, args.connections, report, rounds) >= 50)
    # A smoke run is too small to judge; a real run fails when a goal is missed.
    return 0 if args.tiny or all(met) else 1


if __name__ == "__main__":
    sys.exit(main())
