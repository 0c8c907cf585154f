"""Benchmarks (`make bench`, `python -m bench`): speed targets live here, never in tests."""
