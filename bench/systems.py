"""Access and erasure for one person in a large WooCommerce (HPOS) shop, against the
same work done with hand-written SQL (the lower bound), on SQLite and PostgreSQL.

    python -m bench.systems [--customers 100000] [--orders 1000000] [--people 20]
                            [--backends sqlite,postgresql]

Targets: within 2x of the hand-written SQL, and access under 50 ms on PostgreSQL.
The shop is generated once per size and kept (``var/bench/`` for SQLite, a database
named after the size on the server of ``WAARBORG_BENCH_POSTGRES_URL`` or
``WAARBORG_TEST_POSTGRES_URL``); each run erases people no earlier run has touched.
Connectors are opened before timing (reflection is a one-off per process); times
are the systems work: walking and reading for access (each person read once both
ways first, so both are timed from a warm cache), and walking, planning and
changing in one transaction for erasure (different people each way, each erased once).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

import sqlalchemy as sa

from bench.fixtures import bench_postgres, server_database
from bench.handwritten import HandWritten
from waarborg.register import Register, load_register
from waarborg.rights.execute import erasure_changes
from waarborg.rights.plan import plan_erasure
from waarborg.systems import SystemsMap, parse_systems
from waarborg.systems.collect import collect
from waarborg.systems.connect import Connector
from waarborg.systems.found import Identity
from waarborg.systems.presets import preset_map, render_preset
from waarborg.testdata.truth import load
from waarborg.testdata.woocommerce import WooCommerceShop
from waarborg.testdata.woocommerce_schema import woocommerce_metadata

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 6, 1)
SEED = 5
RATIO = 2.0
POSTGRES_ACCESS_MS = 50.0
SECRET = b"bench"


@dataclass
class Result:
    backend: str
    work: str
    ours_ms: list[float] = field(default_factory=list)
    hand_ms: list[float] = field(default_factory=list)

    @property
    def ours(self) -> float:
        return statistics.median(self.ours_ms)

    @property
    def hand(self) -> float:
        return statistics.median(self.hand_ms)

    @property
    def ratio(self) -> float:
        return self.ours / self.hand if self.hand else float("inf")


def shop_url(backend: str, customers: int, orders: int, directory: Path) -> str:
    """Where the shop of this size is kept: a file, or a database on the server."""
    name = f"waarborg_bench_{customers}_{orders}"
    if backend == "sqlite":
        path = directory / f"{name}.db"
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path}"
    else:
        url = server_database(bench_postgres(), name)
    return url


def ensure_shop(url: str, customers: int, orders: int) -> None:
    """Generate the shop into ``url`` unless an earlier run did."""
    engine = sa.create_engine(url)
    if not sa.inspect(engine).has_table("bench_used"):
        started = time.perf_counter()
        shop = WooCommerceShop(
            customers=customers,
            orders_per_customer=orders / customers,
            storage="hpos",
            notes=False,
            seed=SEED,
            today=TODAY,
            tracked=(),
        )
        rows = load(engine, woocommerce_metadata(), shop.rows(batch=20_000))
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE bench_used (person INTEGER PRIMARY KEY)")
        print(f"  generated {rows:,} rows in {time.perf_counter() - started:.0f} s")
    engine.dispose()


def fresh_people(url: str, customers: int, count: int) -> list[int]:
    """People no earlier run erased, spread over the population; marked used."""
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        used = {row[0] for row in connection.exec_driver_sql("SELECT person FROM bench_used")}
        step = max(1, customers // (count * 4))
        spread = [*range(7, customers, step), *range(customers)]
        chosen = [i for i in dict.fromkeys(spread) if i not in used][:count]
        if len(chosen) < count:
            raise SystemExit("every person of this shop has been erased; delete it to start over")
        connection.execute(
            sa.text("INSERT INTO bench_used (person) VALUES (:p)"), [{"p": p} for p in chosen]
        )
    engine.dispose()
    return chosen


def hpos_map(register: Register) -> SystemsMap:
    data, notes = preset_map("woocommerce", register=register, storage="hpos")
    return parse_systems(render_preset(data, notes, "woocommerce"), register, "bench.yaml")


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = action()
    return (time.perf_counter() - started) * 1000, value


def run(
    backend: str, customers: int, orders: int, people: int, url: str | None = None
) -> list[Result]:
    """Time ``people`` accesses and erasures both ways; ``url`` overrides where the shop is."""
    register = load_register(ROOT / "examples" / "itsb" / "register.yaml")
    systems = hpos_map(register)
    shop = WooCommerceShop(customers=customers, seed=SEED, today=TODAY)
    url = url or shop_url(backend, customers, orders, ROOT / "var" / "bench")
    ensure_shop(url, customers, orders)
    connector = Connector.open(systems, "shop", {"SHOP_DATABASE_URL": url})
    hand = HandWritten(url, TODAY)
    access, erasure = Result(backend, "access"), Result(backend, "erasure")
    chosen = fresh_people(url, customers, 2 * people)
    try:
        for index in chosen[:people]:  # the same people both ways
            email = shop.person(index).email
            identity = [Identity("email", email)]
            collect(connector, identity)  # both from a warm cache: neither pays for
            hand.access(email)  # reading the pages from disk for the other
            ours, collection = timed(partial(collect, connector, identity))
            theirs, rows = timed(partial(hand.access, email))
            found = collection.count()  # type: ignore[attr-defined]
            assert found == rows, f"person {index}: we found {found} rows, hand-written {rows}"
            access.ours_ms.append(ours)
            access.hand_ms.append(theirs)
        for ours_index, hand_index in zip(chosen[:people], chosen[people:], strict=True):
            erasure.ours_ms.append(erase_ours(connector, register, shop.person(ours_index).email))
            erasure.hand_ms.append(timed(partial(hand.erase, shop.person(hand_index).email))[0])
    finally:
        connector.dispose()
        hand.dispose()
    return [access, erasure]


def erase_ours(connector: Connector, register: Register, email: str) -> float:
    """Walk (with hold anchors), plan and apply, as :meth:`Fulfilment.erase` does per
    system, without waarborg's own bookkeeping."""
    started = time.perf_counter()
    collection = collect(connector, [Identity("email", email)], holds=True)
    plan = plan_erasure(register, [collection], TODAY)
    erasure_changes(connector, plan.tables, SECRET)
    return (time.perf_counter() - started) * 1000


def report(results: list[Result]) -> int:
    failed = False
    for result in results:
        line = (
            f"  {result.backend:10} {result.work:8} ours {result.ours:7.1f} ms "
            f"(p95 {sorted(result.ours_ms)[int(0.95 * (len(result.ours_ms) - 1))]:6.1f})"
            f"   hand-written SQL {result.hand:7.1f} ms   ratio {result.ratio:4.2f}"
        )
        misses = []
        if result.ratio > RATIO:
            misses.append(f"over {RATIO}x")
        slow = result.ours >= POSTGRES_ACCESS_MS
        if result.backend == "postgresql" and result.work == "access" and slow:
            misses.append(f"over {POSTGRES_ACCESS_MS:.0f} ms")
        print(line + ("   MISSED: " + ", ".join(misses) if misses else "   ok"))
        failed = failed or bool(misses)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.systems")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args(argv)
    print(f"WooCommerce (HPOS): {args.customers:,} customers, {args.orders:,} orders")
    results = []
    for backend in args.backends.split(","):
        results += run(backend, args.customers, args.orders, args.people)
    return report(results)


def smoke(urls: dict[str, str]) -> list[Result]:
    """A tiny run into the given databases, for the test suite."""
    results = []
    for backend, url in urls.items():
        results += run(backend, customers=40, orders=120, people=3, url=url)
    report(results)
    return results


if __name__ == "__main__":
    sys.exit(main())
