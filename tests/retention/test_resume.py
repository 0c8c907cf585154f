"""A sweep killed with SIGKILL mid-run continues on the next start: rows erased before
the kill stay erased, rows not due are never touched, and the next run finishes the
rest and names the run it continues."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.shops import ROOT, business_url
from waarborg.register import load_register
from waarborg.retention import recent_runs
from waarborg.store import Store
from waarborg.testdata.retention import order_rows, orders_map, orders_metadata
from waarborg.testdata.truth import load

DUE, KEPT = 30_000, 3_000
REGISTER = ROOT / "examples" / "weservit" / "register.yaml"


@pytest.fixture(params=["sqlite", "postgresql"])
def shop_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with business_url(request.param, tmp_path) as url:
        engine = sa.create_engine(url)
        load(engine, orders_metadata(), order_rows(DUE, KEPT))
        engine.dispose()
        yield url


def _cli(tmp_path: Path, url: str, *args: str) -> subprocess.Popen[bytes]:
    systems = tmp_path / "systems.yaml"
    systems.write_text(orders_map(), encoding="utf-8")
    env = {
        **os.environ,
        "SHOP_DATABASE_URL": url,
        "WAARBORG_DATA_DIR": str(tmp_path / "var"),
        "WAARBORG_DB_URL": f"sqlite:///{tmp_path / 'waarborg.db'}",
    }
    command = [
        sys.executable, "-c", "from waarborg.cli import main; main()", "--lang", "en",
        "retention", "run", "--register", str(REGISTER), "--systems", str(systems),
        "--on", "2026-06-01", *args,
    ]  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _orders(url: str) -> dict[int, tuple[object, ...]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT id, email, placed_at FROM orders"))
            return {row[0]: tuple(row) for row in rows}
    finally:
        engine.dispose()


def test_killed_sweep_continues_on_next_start(shop_url: str, tmp_path: Path) -> None:
    before = _orders(shop_url)
    kept = {i: row for i, row in before.items() if str(row[2]) >= "2024"}
    assert len(kept) == KEPT
    process = _cli(tmp_path, shop_url, "--batch", "10")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        left = len(_orders(shop_url))
        if left < len(before) - 500 or process.poll() is not None:
            break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    middle = _orders(shop_url)
    assert KEPT < len(middle) < len(before)
    assert {i: middle[i] for i in kept} == kept  # not-due rows untouched
    assert set(middle) <= set(before)

    store = Store(f"sqlite:///{tmp_path / 'waarborg.db'}")
    organisation = store.ensure_organisation(load_register(REGISTER).organisation.name)
    [killed] = recent_runs(store, organisation, 5)
    assert killed.state == "running"

    finished = _cli(tmp_path, shop_url, "--batch", "500")
    out, err = finished.communicate(timeout=300)
    assert finished.returncode == 0, err.decode()
    assert "deleted" in out.decode()
    assert _orders(shop_url) == kept
    second, first = recent_runs(store, organisation, 5)
    assert second.state == "done" and second.report["continues"] == killed.ref
    assert first.ref == killed.ref and first.state == "interrupted"
    assert second.totals()["deleted"] == len(middle) - KEPT
    store.dispose()
