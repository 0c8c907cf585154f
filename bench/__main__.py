"""`python -m bench` (`make bench`): every operation against its lower bound, at every size.

    python -m bench                         # 10k, 100k, 1M customers; 30 minute budget
    python -m bench --quick                 # a smoke run at 200 customers
    python -m bench --sizes 10000 --backends sqlite --only access,erasure

Writes ``results.json``, ``RESULTS.md`` and ``results.png`` (into ``bench/`` unless
``--out``). Data sets are cached (``var/bench/`` and ``wb_*`` databases on the
servers). The older single-purpose benchmarks with their targets still run on their
own: ``python -m bench.runtime``, ``bench.systems``, ``bench.render``, ``bench.importer``,
``bench.consent`` (consent writes through the API) and ``bench.retention``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench import report
from bench.datasets import BACKENDS, CACHE, SHAPES
from bench.run import Plan, run

HERE = Path(__file__).resolve().parent
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
MARIADB = "mysql+pymysql://root@127.0.0.1:3306/mysql"


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", default="10000,100000,1000000", help="customers, comma-separated"
    )
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--reps", type=int, default=7, help="timed repetitions each way")
    parser.add_argument("--seconds", type=float, default=3.0, help="HTTP load per round")
    parser.add_argument("--max-minutes", type=float, default=30.0, help="time budget")
    parser.add_argument("--only", help="operation names, comma-separated")
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the three outputs")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("WAARBORG_BENCH_POSTGRES_URL", POSTGRES),
        help="a PostgreSQL server to create the bench databases on",
    )
    parser.add_argument(
        "--mariadb",
        default=os.environ.get("WAARBORG_BENCH_MYSQL_URL", MARIADB),
        help="a MariaDB server to create the bench databases on",
    )
    parser.add_argument("--cache", type=Path, default=CACHE, help="folder for SQLite data sets")
    parser.add_argument("--quick", action="store_true", help="smoke run: 200 customers, 3 reps")
    args = parser.parse_args(argv)
    if args.quick:  # smaller defaults; values given explicitly win
        defaults = {"sizes": "10000,100000,1000000", "reps": 7, "seconds": 3.0}
        for name, value in (("sizes", "200"), ("reps", 3), ("seconds", 1.0)):
            if getattr(args, name) == defaults[name]:
                setattr(args, name, value)
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse(argv)
    backends = args.backends.split(",")
    servers = {
        name: url
        for name, url in (("postgresql", args.postgres), ("mariadb", args.mariadb))
        if url and name in backends
    }
    plan = Plan(
        sizes=[int(s) for s in args.sizes.split(",")],
        backends=backends,
        shapes=args.shapes.split(","),
        servers=servers,
        reps=args.reps,
        seconds=args.seconds,
        max_minutes=args.max_minutes,
        cache=args.cache,
        only=set(args.only.split(",")) if args.only else None,
    )
    load_before = report.uptime()
    outcome = run(plan)
    info = {**report.machine(servers), "load_start": load_before}
    paths = report.write(outcome, info, argv, args.out)
    print("wrote " + ", ".join(str(p) for p in paths))
    if outcome.skipped:
        print(f"{len(outcome.skipped)} skipped or not measured; see RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
