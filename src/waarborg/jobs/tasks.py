"""Every module that registers tasks, imported in one place so that a worker and the
server know the same task names. Add your feature's task module here."""

from __future__ import annotations

import importlib

from waarborg.jobs.registry import TaskRegistry, registry

TASK_MODULES = ("waarborg.jobs.outbox", "waarborg.jobs.maintenance", "waarborg.retention.jobs")


def load_tasks() -> TaskRegistry:
    for module in TASK_MODULES:
        importlib.import_module(module)
    return registry
