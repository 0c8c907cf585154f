"""Smoke tests for the benchmarks at a tiny size, so they cannot rot."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench import importer, render, systems


def test_render_benchmark_runs_and_meets_its_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert render.main(rounds=2) == 0
    output = capsys.readouterr().out
    assert "rendering examples/weservit (11 activities)" in output
    assert "against a target of 100 ms: ok" in output


def test_systems_benchmark_runs_at_a_tiny_size(
    tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    results = systems.smoke(
        {"sqlite": f"sqlite:///{tmp_path / 'shop.db'}", "postgresql": postgres_url}
    )
    assert [(r.backend, r.work) for r in results] == [
        ("sqlite", "access"), ("sqlite", "erasure"),
        ("postgresql", "access"), ("postgresql", "erasure"),
    ]  # fmt: skip
    assert all(len(r.ours_ms) == len(r.hand_ms) == 3 for r in results)
    output = capsys.readouterr().out
    assert "postgresql access" in output and "hand-written SQL" in output


def test_import_benchmark_runs_and_meets_its_target(capsys: pytest.CaptureFixture[str]) -> None:
    example = importer.ROOT / "docs" / "examples" / "privacyverklaring.txt"
    assert importer.main(rounds=1, paths=[example]) == 0
    output = capsys.readouterr().out
    assert "privacyverklaring.txt" in output
    assert "against a target of 1 s: ok" in output
