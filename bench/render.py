"""How long rendering the privacy statement takes: target well under 100 ms.

Run ``python -m bench.render`` (or ``make bench``). The largest example register
(by activities, then by size) is rendered in Dutch and English, as HTML and
Markdown: once cold (templates compiled, locale data loaded) and then warm, as a
long-running web process renders it.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from waarborg.register import Register, load_register
from waarborg.statement import render_statement

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 100.0
ROUNDS = 50


def largest_example() -> tuple[str, Register]:
    paths = sorted((ROOT / "examples").glob("*/register.yaml"))
    loaded = [(path.parent.name, load_register(path)) for path in paths]
    return max(loaded, key=lambda item: (len(item[1].activities), len(item[1].model_dump_json())))


def timed_ms(register: Register, lang: str, fmt: str) -> float:
    start = time.perf_counter()
    render_statement(register, lang, fmt)
    return (time.perf_counter() - start) * 1000


def main(rounds: int = ROUNDS) -> int:
    name, register = largest_example()
    print(f"rendering examples/{name} ({len(register.activities)} activities)")
    worst = 0.0
    for lang in register.statement.languages:
        for fmt in ("html", "md"):
            cold = timed_ms(register, lang, fmt)
            warm = [timed_ms(register, lang, fmt) for _ in range(rounds)]
            median = statistics.median(warm)
            worst = max(worst, median)
            print(
                f"  {lang} {fmt:4}  cold {cold:7.1f} ms   warm median {median:5.1f} ms"
                f"   max {max(warm):5.1f} ms"
            )
    verdict = "ok" if worst < TARGET_MS else "TOO SLOW"
    print(f"warm median {worst:.1f} ms against a target of {TARGET_MS:.0f} ms: {verdict}")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
