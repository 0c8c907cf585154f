"""Choosing the runner the settings ask for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from waarborg.jobs.inline import InlineRunner
from waarborg.jobs.registry import JobContext, TaskRegistry, registry
from waarborg.settings import Settings


class Runner(Protocol):
    def defer(self, name: str, **kwargs: Any) -> Any: ...


def make_runner(
    settings: Settings, context: Callable[[], JobContext], tasks: TaskRegistry = registry
) -> Runner:
    """Inline threads by default; procrastinate when ``jobs_backend`` says so."""
    if settings.jobs_backend == "procrastinate":
        from waarborg.jobs.queue import ProcrastinateRunner

        return ProcrastinateRunner(settings.store_url, context, tasks)
    return InlineRunner(context, tasks)
