"""The sweep as background jobs: daily inside ``waarborg serve``, shared by workers.

``retention-sweep`` is a periodic task that wakes every hour and sweeps when the
last run started longer ago than ``Settings.retention_sweep_interval_hours``
(default 24), so the interval is configurable without a new schedule. With the
inline runner it sweeps in the server's own thread. With procrastinate it hands
out one ``retention-sweep-table`` job per table that has due rows, so the
``waarborg worker`` processes, on as many machines as there are, sweep different
tables at the same time; if two ever sweep the same table, each batch is taken
with ``FOR UPDATE SKIP LOCKED`` and no batch is swept twice.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from waarborg.jobs.registry import JobContext, registry
from waarborg.register import Register, load_register
from waarborg.retention.expiry import cutoffs, table_rules
from waarborg.retention.plan import connectors, sweep_order
from waarborg.retention.run import run
from waarborg.store import Store
from waarborg.store.retention_tables import RetentionRun
from waarborg.systems import SystemsMap, load_systems

log = logging.getLogger(__name__)


def _loaded(ctx: JobContext) -> tuple[Register, SystemsMap] | None:
    """The register and systems map the settings name; None when there is none."""
    register_path = ctx.settings.register_path
    if register_path is None:
        return None
    systems_path = ctx.settings.systems_path or register_path.parent / "systems.yaml"
    if not systems_path.exists():
        return None
    register = load_register(register_path)
    return register, load_systems(systems_path, register)


def sweep_is_due(store: Store, organisation_id: int, interval: timedelta, now: datetime) -> bool:
    """Whether the last real run started at least ``interval`` before ``now``."""
    with store.reading() as session:
        last = session.scalar(
            sa.select(sa.func.max(RetentionRun.started_at)).where(
                RetentionRun.organisation_id == organisation_id,
                RetentionRun.dry_run.is_(False),
            )
        )
    if last is None:
        return True
    last = last if last.tzinfo else last.replace(tzinfo=UTC)
    return now - last >= interval


def due_tables(
    register: Register, systems: SystemsMap, today: date, environ: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(system, table) of every table whose rules can make a row due on ``today``."""
    found = []
    with connectors(systems, environ) as opened:
        for system_id, connector in opened.items():
            for name in sweep_order(connector):
                rules = table_rules(register, name, connector.spec.tables[name])
                if cutoffs(rules, today, register.organisation.book_year) is not None:
                    found.append((system_id, name))
    return found


@registry.task("retention-sweep", every=timedelta(hours=1))
def retention_sweep(ctx: JobContext, force: bool = False) -> None:
    """Sweep (or hand out the sweep) when the configured interval has passed."""
    loaded = _loaded(ctx)
    if loaded is None:
        log.info("retention sweep skipped: no register and systems map configured")
        return
    register, systems = loaded
    store: Store = ctx.store
    organisation = store.ensure_organisation(register.organisation.name)
    now = datetime.now(UTC)
    interval = timedelta(hours=ctx.settings.retention_sweep_interval_hours)
    if not force and not sweep_is_due(store, organisation, interval, now):
        return
    jobs: Any = ctx.services.get("jobs")
    if ctx.settings.jobs_backend == "procrastinate" and jobs is not None:
        for system_id, name in due_tables(register, systems, now.date(), os.environ):
            jobs.defer(
                "retention-sweep-table", system=system_id, table=name, on=now.date().isoformat()
            )
        return
    run(
        store, organisation, register, systems, os.environ,
        today=now.date(), secret=ctx.settings.secret(),
    )  # fmt: skip


@registry.task("retention-sweep-table", retry=2)
def retention_sweep_table(ctx: JobContext, system: str, table: str, on: str) -> None:
    """One worker's share: sweep one table as on the day the sweep was handed out."""
    loaded = _loaded(ctx)
    if loaded is None:
        return
    register, systems = loaded
    store: Store = ctx.store
    organisation = store.ensure_organisation(register.organisation.name)
    run(
        store, organisation, register, systems, os.environ, today=date.fromisoformat(on),
        secret=ctx.settings.secret(), system=system, table=table,
    )  # fmt: skip
