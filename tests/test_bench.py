"""Smoke tests for the benchmarks at a tiny size, so they cannot rot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bench import importer, render, runtime, systems

from tests.databases import POSTGRES_ENV


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


@pytest.mark.slow
def test_runtime_benchmarks_run_at_a_tiny_size(capsys: pytest.CaptureFixture[str]) -> None:
    assert runtime.main(["--tiny"]) == 0  # on PostgreSQL too when the test server is set
    out = capsys.readouterr().out
    for figure in (
        "decide, in-process",
        "audit append, own transaction, sqlite",
        "audit verify 500 entries, sqlite",
        "POST /api/decide (",
        "POST /api/decide vs bare endpoint",
    ):
        assert figure in out, out
    if os.environ.get(POSTGRES_ENV):
        assert "audit verify 500 entries, postgresql" in out


def test_the_httpx_load_generator_works_without_wrk(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bench import load
    from bench.fixtures import prepare_store

    key = prepare_store(tmp_path, customers=3)
    port = load.free_port()
    server = load._server("waarborg", tmp_path, port)
    try:
        url = f"http://127.0.0.1:{port}/api/decide"
        load._ready(url, key)
        assert load._httpx(url, key, 0.5, 2) > 0
    finally:
        server.terminate()
        server.wait(timeout=30)
