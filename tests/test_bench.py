"""Smoke tests for the benchmarks at a tiny size, so they cannot rot."""

from __future__ import annotations

import json
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
        "POST /api/decide vs bare, median of 1 rounds",
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


def _run_all(tmp_path: Path, *args: str) -> tuple[dict, str]:  # type: ignore[type-arg]
    from bench.__main__ import main

    out = tmp_path / "out"
    argv = ["--quick", "--seconds", "0.3", "--out", str(out), "--cache", str(tmp_path), *args]
    assert main(argv) == 0
    return json.loads((out / "results.json").read_text()), (out / "RESULTS.md").read_text()


@pytest.mark.slow
def test_the_whole_benchmark_runs_at_two_tiny_sizes_and_writes_its_report(
    tmp_path: Path,
) -> None:
    data, table = _run_all(tmp_path, "--backends", "sqlite", "--sizes", "40,80")
    measured = {(r["operation"], r["shape"], r["size"]) for r in data["results"]}
    for shape in ("woocommerce", "whmcs", "custom"):
        for size in (40, 80):
            assert ("access", shape, size) in measured and ("erasure", shape, size) in measured
    for operation in ("decide in-process", "consent write", "audit append", "audit verify"):
        assert (operation, "store", 80) in measured
    for operation in ("decide HTTP", "statement render", "statement import"):
        assert (operation, "-", 0) in measured
    woo = next(
        r for r in data["results"] if r["operation"] == "access" and r["shape"] == "woocommerce"
    )
    assert woo["ratio"] > 0 and woo["bound"]["n"] == 9 and woo["peak_ours"] > 0
    # growth from 40 to 80 customers is reported per operation, shape and backend
    assert any(e["operation"] == "audit verify" for e in data["exponents"])
    assert "| access | woocommerce | sqlite | 80 |" in table
    assert "## Growth from the smallest to the largest size measured" in table
    assert "Python 3" in table and "cores" in table and "at the start" in table
    assert ("retention sweep", "store", 80) in measured
    assert (tmp_path / "out" / "results.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # the data sets are cached: a second run generates nothing
    again, _ = _run_all(tmp_path, "--backends", "sqlite", "--sizes", "40", "--only", "access")
    assert [d["generated_s"] for d in again["datasets"]] == [None, None, None]


def test_a_run_out_of_time_says_what_it_skipped_and_why(tmp_path: Path) -> None:
    data, table = _run_all(
        tmp_path, "--backends", "sqlite", "--max-minutes", "0", "--only", "access,statement render"
    )
    assert [r["operation"] for r in data["results"]] == ["statement render"]
    assert "- woocommerce data set on sqlite at 200: the time budget is used up" in table


def test_store_operations_run_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    data, _ = _run_all(
        tmp_path, "--backends", "postgresql", "--postgres", postgres_url, "--sizes", "30",
        "--only", "audit verify,consent write,decide in-process,audit append",
    )  # fmt: skip
    assert {(r["operation"], r["backend"]) for r in data["results"]} == {
        (op, "postgresql")
        for op in ("audit verify", "consent write", "decide in-process", "audit append")
    }
    assert all(r["ratio"] > 0 for r in data["results"])
    assert data["machine"]["postgresql"].startswith("PostgreSQL")


def test_the_growth_exponent_is_the_log_log_slope() -> None:
    from bench.report import exponents

    def row(size: int, seconds: float) -> dict[str, object]:
        return {"operation": "op", "shape": "s", "backend": "b", "size": size,
                "ours": {"median": seconds}}  # fmt: skip

    linear = exponents([row(10_000, 0.01), row(100_000, 0.1), row(1_000_000, 1.0)])
    flat = exponents([row(10_000, 0.5), row(1_000_000, 0.5)])
    assert round(linear[("op", "s", "b")], 6) == 1.0
    assert round(flat[("op", "s", "b")], 6) == 0.0
