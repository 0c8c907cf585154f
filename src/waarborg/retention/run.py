"""A retention run: plan, sweep every table in order, and report into the store.

The run is recorded first, then every system is opened (a missing variable or an
unreachable database fails the run before anything changes), then each table is
swept children first. The report says per table what was due, deleted, masked
and kept, with the rules that decided it; an audit entry marks the start, each
table that changed, and the end.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import sqlalchemy as sa

from waarborg._exceptions import WaarborgError
from waarborg.register import Register
from waarborg.retention import runs
from waarborg.retention.plan import connectors, sweep_order, table_plan
from waarborg.retention.sweep import TableSweeper, Throttle, sweep_table
from waarborg.store import Store
from waarborg.store.executions import HeldRow
from waarborg.systems.connect import Connector
from waarborg.systems.model import SystemsMap

DEFAULT_BATCH = 1000


def run(
    store: Store,
    organisation_id: int,
    register: Register,
    systems: SystemsMap,
    environ: Mapping[str, str],
    *,
    today: date,
    secret: bytes,
    dry_run: bool = False,
    batch: int = DEFAULT_BATCH,
    system: str | None = None,
    table: str | None = None,
) -> runs.RunSummary:
    """Sweep (or, with ``dry_run``, only count) the due rows; returns the run's summary.

    ``system``/``table`` limit the run to one table (a worker's share of the work).
    """
    if batch < 1:
        raise ValueError("batch must be at least 1")
    ref, report = runs.start_run(store, organisation_id, as_of=today, dry_run=dry_run, batch=batch)
    state = {"batches": 0}

    def save() -> None:
        runs.save_progress(store, organisation_id, ref, report, state["batches"])

    try:
        with connectors(systems, environ, system) as opened:
            for connector in opened.values():
                for name in sweep_order(connector):
                    if table is None or name == table:
                        counts = _table(
                            store, organisation_id, ref, connector, name, register,
                            today=today, secret=secret, dry_run=dry_run, batch=batch,
                            report=report, state=state, save=save,
                        )  # fmt: skip
                        report["systems"].setdefault(connector.system_id, {})[name] = counts
                        save()
    except WaarborgError as exc:
        return runs.finish_run(
            store, organisation_id, ref, report, state["batches"], error=type(exc).__name__
        )
    return runs.finish_run(store, organisation_id, ref, report, state["batches"])


def _table(
    store: Store,
    organisation_id: int,
    ref: str,
    connector: Connector,
    name: str,
    register: Register,
    *,
    today: date,
    secret: bytes,
    dry_run: bool,
    batch: int,
    report: dict[str, Any],
    state: dict[str, int],
    save: Any,
) -> dict[str, Any]:
    planned = table_plan(connector, name, register, today)
    counts: dict[str, Any] = {
        "action": planned.action, "due": planned.due_now, "deleted": 0, "masked": 0,
        "kept": planned.rows - planned.due_now, "reasons": planned.reasons,
        "last_due_anchor": planned.last_due_anchor, "held_ended": 0,
    }  # fmt: skip
    held = _ended_holds(store, organisation_id, connector.system_id, name, today)
    counts["held_ended"] = len(held)
    if dry_run:
        return counts
    report["systems"].setdefault(connector.system_id, {})[name] = counts
    throttle = Throttle(save)

    def progress(changed: int) -> None:
        state["batches"] += 1
        throttle(changed)

    done = sweep_table(
        connector, name, register, today=today, batch=batch, secret=secret, progress=progress
    )
    counts["deleted"], counts["masked"] = done.deleted, done.masked
    if held:
        keyed = TableSweeper(connector, name, secret).sweep_keys(
            [tuple(key) for key in held.values()], planned.action, batch
        )
        counts["deleted"] += keyed.deleted
        counts["masked"] += keyed.masked
        state["batches"] += keyed.batches
        _forget_holds(store, list(held))
    if counts["deleted"] or counts["masked"]:
        runs.table_done(store, organisation_id, ref, connector.system_id, name, counts)
    return counts


def _ended_holds(
    store: Store, organisation_id: int, system: str, name: str, today: date
) -> dict[int, list[Any]]:
    """Held rows of this table whose hold ended before ``today``: {record id: key}."""
    import json

    with store.reading() as session:
        rows = session.execute(
            sa.select(HeldRow.id, HeldRow.row_key).where(
                HeldRow.organisation_id == organisation_id,
                HeldRow.system == system,
                HeldRow.table_name == name,
                HeldRow.held_until < today,
            )
        ).all()
    return {record: json.loads(key) for record, key in rows}


def _forget_holds(store: Store, records: list[int]) -> None:
    """The rows are erased; their hold records (restrictions of rows) go with them."""
    with store.transaction() as session:
        for start in range(0, len(records), 500):
            chunk = records[start : start + 500]
            session.execute(sa.delete(HeldRow).where(HeldRow.id.in_(chunk)))
