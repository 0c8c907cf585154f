"""Smoke tests for the benchmarks at a tiny size, so they cannot rot."""

from __future__ import annotations

import pytest
from bench import render


def test_render_benchmark_runs_and_meets_its_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert render.main(rounds=2) == 0
    output = capsys.readouterr().out
    assert "rendering examples/weservit (11 activities)" in output
    assert "against a target of 100 ms: ok" in output
