"""`waarborg worker`: run background jobs from the PostgreSQL queue (procrastinate)."""

from __future__ import annotations

from typing import Annotated

import typer

from waarborg.cli._app import app, say, state
from waarborg.jobs import JobContext
from waarborg.jobs.queue import ProcrastinateRunner
from waarborg.jobs.tasks import load_tasks
from waarborg.store import Store


@app.command()
def worker(
    concurrency: Annotated[
        int, typer.Option(help="Jobs this process runs at the same time.", min=1)
    ] = 1,
) -> None:
    """Run background jobs (mail, sweeps, requests) from the queue on PostgreSQL.

    Start as many workers, on as many machines, as the load needs; procrastinate
    hands each job to one of them.
    """
    settings = state.settings(jobs_backend="procrastinate")
    store = Store.from_settings(settings)
    store.upgrade()
    context = JobContext(settings, store)
    runner = ProcrastinateRunner(settings.store_url, lambda: context, load_tasks())
    context.services["jobs"] = runner  # a task may hand out further jobs (retention sweeps)
    runner.apply_schema()
    say("waarborg worker running with {count} job slot(s); stop with Ctrl-C", count=concurrency)
    runner.run_worker(concurrency=concurrency)
