"""Background work: in-process threads on the embedded default, procrastinate on
PostgreSQL at scale. Features register tasks on :data:`registry`; see
``docs/jobs.md``."""

from waarborg.jobs.inline import InlineRunner
from waarborg.jobs.outbox import DeliveryResult, deliver_due, queue_mail, redact_sent
from waarborg.jobs.registry import JobContext, TaskRegistry, TaskSpec, cron_for, registry
from waarborg.jobs.runner import Runner, make_runner

__all__ = [
    "DeliveryResult",
    "InlineRunner",
    "JobContext",
    "Runner",
    "TaskRegistry",
    "TaskSpec",
    "cron_for",
    "deliver_due",
    "make_runner",
    "queue_mail",
    "redact_sent",
    "registry",
]
