"""The retention benchmark at a tiny size, so it cannot rot (no speed is asserted here;
the figures come from ``python -m bench.retention``)."""

from __future__ import annotations

from pathlib import Path

from bench import retention


def test_retention_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'orders.db'}"
    figures = retention.measure(url, 2_000, batch=500, rounds=1)
    assert figures["rows"] == 2_000
    assert figures["ours_rows_per_s"] > 0 and figures["bulk_rows_per_s"] > 0
    assert 0 < figures["ratio"] == figures["ours_rows_per_s"] / figures["bulk_rows_per_s"]
    assert retention.peak_rss(url, 2_000, batch=500) > 10_000  # KiB: a Python process
