"""Housekeeping jobs that keep waarborg's own tables small."""

from __future__ import annotations

from datetime import timedelta

from waarborg.jobs.registry import JobContext, registry
from waarborg.store.ratelimits import prune


@registry.task("prune-rate-limits", every=timedelta(hours=24))
def prune_rate_limits(ctx: JobContext) -> None:
    prune(ctx.store)
