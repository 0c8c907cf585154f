"""How long `import_statement` takes on a typical statement (target: under one second).

Imports each reference statement (../shared/seeds/) and the HTML fixture several times
and prints the median and the slowest run. The first import pays for loading the
lexicon and taxonomy once; it is timed separately.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from waarborg.importer import import_statement

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.0
RUNS = 7


def statements() -> list[Path]:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    return [*seeds, ROOT / "tests" / "importer" / "fixtures" / "fietsenmaker.html"]


def main() -> int:
    start = time.perf_counter()
    import_statement(statements()[0], run_checker=False)
    print(f"import: first run (loads lexicon and taxonomy) {time.perf_counter() - start:.3f} s")
    worst = 0.0
    for path in statements():
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            import_statement(path, run_checker=True)
            times.append(time.perf_counter() - start)
        worst = max(worst, max(times))
        print(
            f"import {path.name:20} median {statistics.median(times):.3f} s, max {max(times):.3f} s"
        )
    verdict = "within" if worst < TARGET_SECONDS else "OVER"
    print(f"import: slowest run {worst:.3f} s, {verdict} the {TARGET_SECONDS:.0f} s target")
    return 0 if worst < TARGET_SECONDS else 1
