"""The sweep runs by itself: daily inside `waarborg serve`, and shared by several
`waarborg worker` processes on PostgreSQL without two of them taking the same batch."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from tests.databases import POSTGRES_ENV, fresh_database, server_url
from tests.retention.oracle import dump, expected_due
from tests.shops import ROOT, TODAY, whmcs
from waarborg import load_register
from waarborg.jobs import JobContext
from waarborg.retention import recent_runs
from waarborg.retention.jobs import retention_sweep
from waarborg.settings import Settings
from waarborg.store import Store
from waarborg.systems.presets import preset_map, render_preset
from waarborg.testdata.retention import order_rows, orders_map, orders_metadata
from waarborg.testdata.truth import load
from waarborg.web import create_app, open_site

REGISTER = ROOT / "examples" / "weservit" / "register.yaml"


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """An orders database (120 due, 30 kept) and its systems map, URL in the environment."""
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    engine = sa.create_engine(url)
    load(engine, orders_metadata(), order_rows(120, 30))
    engine.dispose()
    systems = tmp_path / "systems.yaml"
    systems.write_text(orders_map(), encoding="utf-8")
    monkeypatch.setenv("SHOP_DATABASE_URL", url)
    yield url, systems


def _count(url: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(sa.text("SELECT count(*) FROM orders")).scalar_one())
    finally:
        engine.dispose()


def test_serve_sweeps_by_itself(store: Store, shop: tuple[str, Path], tmp_path: Path) -> None:
    url, systems = shop
    settings = Settings(
        data_dir=tmp_path, secret_key="s" * 32, register_path=REGISTER, systems_path=systems
    )
    register = load_register(REGISTER)
    app = create_app(settings, store=store, sites=[open_site(store, register)])
    with TestClient(app):
        deadline = time.monotonic() + 40
        while _count(url) > 30 and time.monotonic() < deadline:
            time.sleep(0.2)
    assert _count(url) == 30  # the 120 orders past their fiscal term are gone
    organisation = store.ensure_organisation(register.organisation.name)
    [swept] = recent_runs(store, organisation)
    assert swept.state == "done" and swept.totals()["deleted"] == 120


def test_the_interval_is_configurable(store: Store, shop: tuple[str, Path], tmp_path: Path) -> None:
    _, systems = shop
    daily = Settings(data_dir=tmp_path, register_path=REGISTER, systems_path=systems)
    organisation = store.ensure_organisation(load_register(REGISTER).organisation.name)
    retention_sweep(JobContext(daily, store))
    retention_sweep(JobContext(daily, store))  # an hour later: not yet a day
    assert len(recent_runs(store, organisation)) == 1
    often = daily.model_copy(update={"retention_sweep_interval_hours": 0.0})
    retention_sweep(JobContext(often, store))
    assert len(recent_runs(store, organisation)) == 2
    assert timedelta(hours=daily.retention_sweep_interval_hours) == timedelta(days=1)


WORKER = """
import sys
from waarborg.jobs import JobContext
from waarborg.jobs.queue import ProcrastinateRunner
from waarborg.jobs.tasks import load_tasks
from waarborg.settings import Settings
from waarborg.store import Store

settings = Settings.from_env(jobs_backend="procrastinate")
store = Store.from_settings(settings)
context = JobContext(settings, store)
runner = ProcrastinateRunner(settings.store_url, lambda: context, load_tasks())
context.services["jobs"] = runner
runner.run_worker(concurrency=1, wait=False)
"""


@pytest.mark.postgres
def test_two_workers_share_the_sweep(postgres_url: str, tmp_path: Path) -> None:
    from waarborg.jobs.queue import ProcrastinateRunner
    from waarborg.jobs.tasks import load_tasks

    with fresh_database(server_url(POSTGRES_ENV, "PostgreSQL")) as business_url:
        business = whmcs(business_url, clients=40)
        register_file = ROOT / "examples" / "weservit" / "register.yaml"
        mapped, notes = preset_map("whmcs", register=business.register)
        systems = tmp_path / "systems.yaml"
        systems.write_text(render_preset(mapped, notes, "whmcs"), encoding="utf-8")
        today = datetime.now(UTC).date()  # the dispatcher sweeps as on today
        due = expected_due(business, today)
        before = dump(business_url)
        env = {
            **os.environ, business.env_name: business_url, "WAARBORG_DB_URL": postgres_url,
            "WAARBORG_DATA_DIR": str(tmp_path), "WAARBORG_SECRET_KEY": "s" * 32,
            "WAARBORG_REGISTER_PATH": str(register_file),
            "WAARBORG_SYSTEMS_PATH": str(systems),
        }  # fmt: skip
        settings = Settings.from_env(env, jobs_backend="procrastinate")
        store = Store(postgres_url)
        store.upgrade()
        runner = ProcrastinateRunner(
            postgres_url, lambda: JobContext(settings, store), load_tasks()
        )
        runner.apply_schema()
        # the dispatcher hands out one job per table with due rows
        tables = [(s, t) for s, t in _due_tables(business) if due.get(t)]
        assert len(tables) >= 4
        runner.defer("retention-sweep", force=True)
        runner.close()
        script = tmp_path / "worker.py"
        script.write_text(WORKER)
        workers = [
            subprocess.Popen([sys.executable, str(script)], env=env, stderr=subprocess.PIPE)
            for _ in range(2)
        ]
        for worker in workers:
            _, err = worker.communicate(timeout=120)
            assert worker.returncode == 0, err.decode()
        after = dump(business_url)
        organisation = store.ensure_organisation(business.register.organisation.name)
        runs = recent_runs(store, organisation, 50)
        store.dispose()
    # every table swept exactly once, by one of the workers, and exactly its due rows
    swept = [t for r in runs for t in r.report["systems"].get(business.system_id, {})]
    assert sorted(swept) == sorted(name for _, name in tables)
    assert all(r.state == "done" for r in runs)
    for table, keys in due.items():
        assert set(after[table]) == set(before[table]) - keys, table


def _due_tables(business: object) -> list[tuple[str, str]]:
    from waarborg.retention.jobs import due_tables

    return due_tables(business.register, business.systems, TODAY, business.env)  # type: ignore[attr-defined]


SWEEP = [
    sys.executable, "-c", "from waarborg.cli import main; main()", "--lang", "en",
    "retention", "run", "--on", "2026-06-01", "--batch", "50", "--format", "json",
]  # fmt: skip


@pytest.mark.postgres
def test_two_sweeps_of_one_table_never_take_the_same_batch(
    postgres_url: str, tmp_path: Path
) -> None:
    import json

    engine = sa.create_engine(postgres_url)
    load(engine, orders_metadata(), order_rows(40_000, 1_000))
    engine.dispose()
    systems = tmp_path / "systems.yaml"
    systems.write_text(orders_map(), encoding="utf-8")
    env = {
        **os.environ, "SHOP_DATABASE_URL": postgres_url, "WAARBORG_DATA_DIR": str(tmp_path),
        "WAARBORG_SECRET_KEY": "s" * 32,
    }  # fmt: skip
    both = [
        subprocess.Popen(
            [*SWEEP, "--register", str(REGISTER), "--systems", str(systems)],
            env={**env, "WAARBORG_DB_URL": f"sqlite:///{tmp_path / f'store{n}.db'}"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(2)
    ]
    reports = []
    for process in both:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
        reports.append(json.loads(out))
    deleted = [r["totals"]["deleted"] for r in reports]
    assert sum(deleted) == 40_000, deleted  # each row deleted by exactly one of them
    assert all(d > 0 for d in deleted), deleted  # and both had a share
    assert _count(postgres_url) == 1_000
