"""Run every benchmark module (bench/bench_*.py), or only those named on the command line."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    names = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    wanted = [n for n in names if not argv or any(a in n for a in argv)]
    status = 0
    for name in wanted:
        module = importlib.import_module(f"bench.{name}")
        status = max(status, int(module.main()))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
