"""The embedded default: tasks run in threads of the server process itself.

Deferred tasks go to a small thread pool; periodic tasks run from one
scheduler thread at their interval. Nothing is stored, so durability comes from
the tasks' own tables (the mail outbox, request progress, sweep runs), which a
periodic task picks up again after a restart.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from waarborg.jobs.registry import JobContext, TaskRegistry, TaskSpec, registry

log = logging.getLogger(__name__)


class InlineRunner:
    def __init__(
        self,
        context: Callable[[], JobContext],
        tasks: TaskRegistry = registry,
        *,
        workers: int = 2,
        synchronous: bool = False,
        first_run_after: float = 5.0,
    ):
        self._context = context
        self._tasks = tasks
        self._synchronous = synchronous
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="waarborg-job")
        self._stop = threading.Event()
        self._scheduler: threading.Thread | None = None
        self._first_run_after = first_run_after

    def defer(self, name: str, **kwargs: Any) -> Future[None] | None:
        """Run ``name`` soon (or now, when synchronous); failures are logged, not raised."""
        spec = self._tasks.spec(name)
        if self._synchronous:
            self._run(spec, kwargs)
            return None
        return self._pool.submit(self._run, spec, kwargs)

    def run_now(self, name: str, **kwargs: Any) -> None:
        """Run in the caller's thread and let exceptions through (CLI, tests)."""
        self._tasks.spec(name).func(self._context(), **kwargs)

    def start(self) -> None:
        if self._scheduler is None and self._tasks.periodic():
            self._scheduler = threading.Thread(
                target=self._schedule, name="waarborg-scheduler", daemon=True
            )
            self._scheduler.start()

    def stop(self) -> None:
        self._stop.set()
        if self._scheduler is not None:
            self._scheduler.join(timeout=10)
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _schedule(self) -> None:
        start = time.monotonic() + self._first_run_after
        due = {spec.name: start for spec in self._tasks.periodic()}
        while not self._stop.is_set():
            now = time.monotonic()
            for spec in self._tasks.periodic():
                if now >= due[spec.name] and spec.every is not None:
                    due[spec.name] = now + spec.every.total_seconds()
                    self._run(spec, {})
            self._stop.wait(min(1.0, max(0.05, min(due.values()) - time.monotonic())))

    def _run(self, spec: TaskSpec, kwargs: dict[str, Any]) -> None:
        attempts = spec.retry + 1
        for attempt in range(1, attempts + 1):
            try:
                spec.func(self._context(), **kwargs)
                return
            except Exception as exc:
                log.warning(
                    "task %s failed (attempt %d of %d): %s",
                    spec.name,
                    attempt,
                    attempts,
                    type(exc).__name__,
                )
                if attempt < attempts and not self._stop.wait(min(60.0, 2.0**attempt)):
                    continue
                return
