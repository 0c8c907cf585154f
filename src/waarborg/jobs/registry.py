"""Background tasks as plain functions, registered once and run by either runner.

A task is ``func(context, **kwargs)``; its arguments must be JSON-serialisable
because the procrastinate runner stores them in PostgreSQL. Tasks must be
idempotent: a runner may run one twice after a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from waarborg.settings import Settings


@dataclass
class JobContext:
    """What a task may use; built by the server or worker that runs it."""

    settings: Settings
    store: Any  # waarborg.store.Store; typed loosely to keep this module import-light
    services: dict[str, Any] = field(default_factory=dict)


TaskFunction = Callable[..., None]


@dataclass(frozen=True)
class TaskSpec:
    name: str
    func: TaskFunction
    retry: int = 0
    every: timedelta | None = None
    queue: str = "default"


class TaskRegistry:
    def __init__(self) -> None:
        self._specs: dict[str, TaskSpec] = {}

    def task(
        self,
        name: str,
        *,
        retry: int = 0,
        every: timedelta | None = None,
        queue: str = "default",
    ) -> Callable[[TaskFunction], TaskFunction]:
        """Register ``func`` under ``name``; ``every`` makes it periodic as well."""

        def register(func: TaskFunction) -> TaskFunction:
            if name in self._specs and self._specs[name].func is not func:
                raise ValueError(f"task {name!r} is registered twice")
            self._specs[name] = TaskSpec(name, func, retry, every, queue)
            return func

        return register

    def spec(self, name: str) -> TaskSpec:
        try:
            return self._specs[name]
        except KeyError:
            raise KeyError(f"unknown task {name!r}; known: {sorted(self._specs)}") from None

    def __iter__(self) -> Iterator[TaskSpec]:
        return iter(list(self._specs.values()))

    def periodic(self) -> list[TaskSpec]:
        return [s for s in self if s.every is not None]


registry = TaskRegistry()
"""The registry every feature module adds its tasks to (like routes on an app)."""


def cron_for(every: timedelta, daily_at_hour: int = 2) -> str:
    """A cron expression for procrastinate's periodic tasks, rounded to what cron can say."""
    minutes = max(1, int(every.total_seconds() // 60))
    if minutes < 60 and 60 % minutes == 0:
        return f"*/{minutes} * * * *" if minutes > 1 else "* * * * *"
    hours = minutes // 60
    if minutes % 60 == 0 and hours < 24 and 24 % hours == 0:
        return f"0 */{hours} * * *"
    return f"0 {daily_at_hour} * * *"
