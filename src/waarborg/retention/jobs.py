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

import hashlib
import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

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


class _Loaded(NamedTuple):
    register: Register
    systems: SystemsMap
    organisation: int


def _loaded(ctx: JobContext) -> _Loaded | None:
    """The register and systems map the settings name, and the register's organisation.

    None when the settings name no register or there is no systems map beside it.
    """
    register_path = ctx.settings.register_path
    if register_path is None:
        return None
    systems_path = ctx.settings.systems_path or register_path.parent / "systems.yaml"
    if not systems_path.exists():
        return None
    register = load_register(register_path)
    systems = load_systems(systems_path, register)
    return _Loaded(register, systems, ctx.store.ensure_organisation(register.organisation.name))


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
    register, systems, organisation = loaded
    store: Store = ctx.store
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
    elif jobs is not None:  # inline: off the scheduler thread, so mail keeps going out
        jobs.defer("retention-sweep-all", on=now.date().isoformat())
    else:
        retention_sweep_all(ctx, now.date().isoformat())


@registry.task("retention-sweep-all")
def retention_sweep_all(ctx: JobContext, on: str) -> None:
    """The whole sweep in one process, tables children first (the embedded default)."""
    loaded = _loaded(ctx)
    if loaded is None:
        return
    register, systems, organisation = loaded
    store: Store = ctx.store
    run(
        store, organisation, register, systems, os.environ,
        today=date.fromisoformat(on), secret=ctx.settings.secret(),
    )  # fmt: skip


@registry.task("retention-sweep-table", retry=2)
def retention_sweep_table(ctx: JobContext, system: str, table: str, on: str) -> None:
    """One worker's share: sweep one table as on the day the sweep was handed out."""
    loaded = _loaded(ctx)
    if loaded is None:
        return
    register, systems, organisation = loaded
    store: Store = ctx.store
    with _table_lock(store, f"retention:{organisation}:{system}:{table}"):
        if swept_already(store, organisation, system, table, date.fromisoformat(on)):
            log.info("retention sweep of %s.%s for %s already done", system, table, on)
            return
        run(
            store, organisation, register, systems, os.environ, today=date.fromisoformat(on),
            secret=ctx.settings.secret(), system=system, table=table,
        )  # fmt: skip


def swept_already(store: Store, organisation_id: int, system: str, table: str, on: date) -> bool:
    """Whether this table's share of the sweep as on ``on`` has already been done.

    The hourly dispatcher and a forced one can hand out the same table twice when they
    run at the same moment on two workers; the second job then finds the first's run.
    """
    with store.reading() as session:
        reports = session.scalars(
            sa.select(RetentionRun.report).where(
                RetentionRun.organisation_id == organisation_id,
                RetentionRun.as_of == on,
                RetentionRun.dry_run.is_(False),
                RetentionRun.state == "done",
            )
        )
        return any(r.get("scope") == {"system": system, "table": table} for r in reports)


@contextmanager
def _table_lock(store: Store, key: str) -> Iterator[None]:
    """Holds a PostgreSQL session lock for one table's share; a no-op elsewhere.

    A run still marked ``running`` under this lock is a killed one (a live one would
    hold the lock), so the share is swept again rather than skipped.
    """
    if store.engine.dialect.name != "postgresql":
        yield
        return
    number = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
    with store.engine.connect() as connection:
        connection.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": number})
        try:
            yield
        finally:
            connection.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": number})
            connection.commit()
