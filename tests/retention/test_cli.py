"""`waarborg retention plan|run|runs` as a user runs them, in English and Dutch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from tests.shops import ROOT
from waarborg.cli import app
from waarborg.testdata.retention import order_rows, orders_map, orders_metadata
from waarborg.testdata.truth import load

REGISTER = str(ROOT / "examples" / "weservit" / "register.yaml")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    engine = sa.create_engine(url)
    load(engine, orders_metadata(), order_rows(120, 30))
    engine.dispose()
    systems = tmp_path / "systems.yaml"
    systems.write_text(orders_map(), encoding="utf-8")
    monkeypatch.setenv("SHOP_DATABASE_URL", url)
    monkeypatch.setenv("WAARBORG_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("WAARBORG_DB_URL", raising=False)
    return ["--register", REGISTER, "--systems", str(systems)]


def _ok(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_plan_json_then_run_then_nothing_left(env: list[str]) -> None:
    planned = json.loads(_ok("retention", "plan", *env, "--on", "2026-06-01", "--format", "json"))
    [orders] = planned["tables"]
    assert (orders["table"], orders["action"], orders["due_now"]) == ("orders", "delete", 120)
    assert orders["reasons"] == ["order-handling: order-completed + 7 years"]

    dry = _ok("--lang", "en", "retention", "run", *env, "--on", "2026-06-01", "--dry-run")
    assert "(dry run): 120 row(s) due, nothing changed" in dry
    out = _ok("--lang", "en", "retention", "run", *env, "--on", "2026-06-01", "--batch", "25")
    assert "shop.orders: 120 due, 120 deleted, 0 masked, 30 kept" in out
    again = _ok("--lang", "nl", "retention", "run", *env, "--on", "2026-06-01")
    assert "0 rij(en) verwijderd" in again
    text = _ok("--lang", "en", "retention", "plan", *env, "--on", "2026-06-01")
    assert "0 row(s) due now" in text
    runs = json.loads(_ok("retention", "runs", "--register", REGISTER, "--format", "json"))
    assert [r["totals"]["deleted"] for r in runs] == [0, 120, 0]
    assert [r["dry_run"] for r in runs] == [False, False, True]


def test_a_day_in_the_future_counts_the_rows_that_fall_due(env: list[str]) -> None:
    # kept rows were placed from 2024 on: order-completed + 7 years runs out in 2031
    planned = json.loads(_ok("retention", "plan", *env, "--on", "2031-06-01", "--format", "json"))
    assert planned["tables"][0]["due_now"] == 150
    result = CliRunner().invoke(app, ["retention", "plan", *env, "--on", "1 juni"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
