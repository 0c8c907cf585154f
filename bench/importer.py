"""How long `waarborg import` takes on a typical statement: target under one second.

Run ``python -m bench.importer`` (or ``make bench``). Each reference statement
(../shared/seeds/) and the HTML fixture is imported several times, checker included;
the first import, which loads the lexicon and taxonomy, is timed on its own.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from waarborg.importer import import_statement

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.0
ROUNDS = 7


def statements() -> list[Path]:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    return [*seeds, ROOT / "tests" / "importer" / "fixtures" / "fietsenmaker.html"]


def timed_s(path: Path) -> float:
    start = time.perf_counter()
    import_statement(path)
    return time.perf_counter() - start


def main(rounds: int = ROUNDS, paths: list[Path] | None = None) -> int:
    paths = paths or statements()
    print(f"importing {len(paths)} statements, {rounds} rounds each")
    print(f"  first import (loads lexicon and taxonomy) {timed_s(paths[0]):.3f} s")
    worst = 0.0
    for path in paths:
        times = [timed_s(path) for _ in range(rounds)]
        worst = max(worst, max(times))
        median = statistics.median(times)
        print(f"  {path.name:20} median {median:.3f} s   max {max(times):.3f} s")
    verdict = "ok" if worst < TARGET_S else "TOO SLOW"
    print(f"slowest import {worst:.3f} s against a target of {TARGET_S:.0f} s: {verdict}")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
