"""Both runners run the same registered tasks: in-process threads, or procrastinate."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from waarborg.jobs import InlineRunner, JobContext, TaskRegistry, cron_for
from waarborg.settings import Settings


def test_cron_for_rounds_to_what_cron_can_say() -> None:
    assert cron_for(timedelta(minutes=1)) == "* * * * *"
    assert cron_for(timedelta(minutes=15)) == "*/15 * * * *"
    assert cron_for(timedelta(hours=6)) == "0 */6 * * *"
    assert cron_for(timedelta(hours=24)) == "0 2 * * *"
    assert cron_for(timedelta(days=3), daily_at_hour=4) == "0 4 * * *"


def test_unknown_task_names_the_known_ones() -> None:
    tasks = TaskRegistry()
    tasks.task("known")(lambda ctx: None)
    with pytest.raises(KeyError, match="known"):
        tasks.spec("nope")


def test_inline_runner_defers_retries_and_schedules(tmp_path: Path) -> None:
    tasks = TaskRegistry()
    calls: list[str] = []
    failures = {"flaky": 1}

    @tasks.task("flaky", retry=1)
    def flaky(ctx: JobContext, label: str) -> None:
        if failures["flaky"]:
            failures["flaky"] -= 1
            raise RuntimeError("first attempt fails")
        calls.append(label)

    ticked = threading.Event()

    @tasks.task("tick", every=timedelta(milliseconds=50))
    def tick(ctx: JobContext) -> None:
        calls.append("tick")
        if calls.count("tick") >= 3:
            ticked.set()

    settings = Settings(data_dir=tmp_path)
    runner = InlineRunner(lambda: JobContext(settings, store=None), tasks, first_run_after=0)
    runner._stop.wait = lambda timeout=None: False  # type: ignore[method-assign]  # no backoff
    future = runner.defer("flaky", label="done")
    assert future is not None
    future.result(timeout=5)
    assert "done" in calls
    runner.start()
    assert ticked.wait(5), "periodic task did not run three times"
    runner.stop()


WORKER = """
import sys
from waarborg.jobs import JobContext, TaskRegistry
from waarborg.jobs.queue import ProcrastinateRunner
from waarborg.settings import Settings
import sqlalchemy as sa

url = sys.argv[1]
tasks = TaskRegistry()

@tasks.task("record")
def record(ctx, value):
    engine = sa.create_engine(url)
    with engine.begin() as c:
        c.execute(sa.text("INSERT INTO seen (value) VALUES (:v)"), {"v": value})
    engine.dispose()

runner = ProcrastinateRunner(url, lambda: JobContext(Settings(), store=None), tasks)
runner.run_worker(concurrency=2, wait=False)
"""


@pytest.mark.postgres
def test_procrastinate_workers_share_the_jobs(postgres_url: str, tmp_path: Path) -> None:
    from waarborg.jobs.queue import ProcrastinateRunner

    engine = sa.create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE seen (value integer)"))
    tasks = TaskRegistry()
    tasks.task("record")(lambda ctx, value: None)
    runner = ProcrastinateRunner(postgres_url, lambda: JobContext(Settings(), None), tasks)
    runner.apply_schema()
    runner.apply_schema()  # idempotent
    for value in range(30):
        runner.defer("record", value=value)
    runner.close()
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    workers = [subprocess.Popen([sys.executable, str(script), postgres_url]) for _ in range(2)]
    deadline = time.monotonic() + 60
    for worker in workers:
        assert worker.wait(timeout=max(1, deadline - time.monotonic())) == 0
    with engine.connect() as connection:
        seen = [r[0] for r in connection.execute(sa.text("SELECT value FROM seen"))]
    engine.dispose()
    assert sorted(seen) == list(range(30)), "every job ran exactly once"
