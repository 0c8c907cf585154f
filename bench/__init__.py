"""Benchmarks: `make bench` (python -m bench). Never part of the test run; each has a
smoke test at a tiny size in tests/ so it cannot rot."""
