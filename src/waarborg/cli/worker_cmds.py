"""`waarborg worker`: run background jobs from the PostgreSQL queue (procrastinate)."""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from waarborg.cli._app import app, say, state
from waarborg.jobs import JobContext
from waarborg.jobs.queue import ProcrastinateRunner
from waarborg.jobs.tasks import load_tasks
from waarborg.register import load_register
from waarborg.settings import Settings
from waarborg.store import Store
from waarborg.systems.loader import load_systems


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
    context = JobContext(settings, store, _services(settings, store))
    runner = ProcrastinateRunner(settings.store_url, lambda: context, load_tasks())
    context.services["jobs"] = runner  # a task may hand out further jobs (retention sweeps)
    runner.apply_schema()
    say("waarborg worker running with {count} job slot(s); stop with Ctrl-C", count=concurrency)
    runner.run_worker(concurrency=concurrency)


def _services(settings: Settings, store: Store) -> dict[str, Any]:
    """The served register (and its systems map) for jobs that need them: carrying out
    verified requests and reminding the privacy contact. Without
    ``WAARBORG_REGISTER_PATH`` those jobs leave requests to the privacy contact."""
    if settings.register_path is None:
        return {}
    from waarborg.web.site import Sites, open_site

    register = load_register(settings.register_path)
    systems = load_systems(settings.systems_path, register) if settings.systems_path else None
    return {"sites": Sites([open_site(store, register, systems, os.environ)])}
