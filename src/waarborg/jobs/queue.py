"""Tasks on procrastinate (PostgreSQL) for installations with several workers.

The same registry is turned into procrastinate tasks; ``waarborg worker`` runs a
procrastinate worker, on as many machines as needed. Periodic tasks are
procrastinate periodic tasks, which the workers deduplicate among themselves.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import psycopg
from procrastinate import App, PsycopgConnector
from sqlalchemy.engine import make_url

from waarborg._exceptions import ConfigurationError
from waarborg.jobs.registry import JobContext, TaskRegistry, TaskSpec, cron_for, registry


def conninfo(store_url: str) -> str:
    """``postgresql+psycopg://u@h/db`` → ``postgresql://u@h/db`` for psycopg's pool."""
    url = make_url(store_url)
    if url.get_backend_name() != "postgresql":
        raise ConfigurationError(
            "the procrastinate job backend needs waarborg's store on PostgreSQL; "
            "use jobs_backend=inline with SQLite"
        )
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


class ProcrastinateRunner:
    def __init__(
        self,
        store_url: str,
        context: Callable[[], JobContext],
        tasks: TaskRegistry = registry,
    ):
        self._conninfo = conninfo(store_url)
        self.app = App(connector=PsycopgConnector(conninfo=self._conninfo))
        self._context = context
        for spec in tasks:
            self._add(spec)
        self._open = False
        self._in_worker = False

    def _add(self, spec: TaskSpec) -> None:
        def run(**kwargs: Any) -> None:
            kwargs.pop("timestamp", None)  # procrastinate passes it to periodic tasks
            spec.func(self._context(), **kwargs)

        functools.update_wrapper(run, spec.func)
        task = self.app.task(name=spec.name, retry=spec.retry, queue=spec.queue)(run)
        if spec.every is not None:
            # run() takes the timestamp procrastinate passes to periodic tasks via **kwargs
            periodic = self.app.periodic(cron=cron_for(spec.every), periodic_id=spec.name)
            periodic(task)  # type: ignore[arg-type]

    def apply_schema(self) -> None:
        """Create procrastinate's tables once; safe to call on every start."""
        with psycopg.connect(self._conninfo) as connection:
            exists = connection.execute(
                "SELECT to_regclass('procrastinate_jobs') IS NOT NULL"
            ).fetchone()
        if exists and exists[0]:
            return
        with self.app.open():
            self.app.schema_manager.apply_schema()

    def defer(self, name: str, **kwargs: Any) -> None:
        """Queue ``name``; inside a worker's task the worker's open connection is used."""
        if not self._open and not self._in_worker:
            self.app.open()
            self._open = True
        self.app.tasks[name].defer(**kwargs)

    def run_worker(self, *, concurrency: int = 1, wait: bool = True) -> None:
        self._in_worker = True
        try:
            self.app.run_worker(concurrency=concurrency, wait=wait, install_signal_handlers=wait)
        finally:
            self._in_worker = False

    def close(self) -> None:
        if self._open:
            self.app.close()
            self._open = False
