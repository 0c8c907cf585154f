"""An erasure's progress and its held rows in waarborg's store.

The plan (primary keys, actions, hold dates) is stored before any business
database changes; each system's step is marked done after its transaction
committed; held rows are recorded as restricted with the last day they must be
kept. Retention sweeps read :func:`due_holds` to erase held rows once their hold
has ended.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.rights.plan import Held, Plan
from waarborg.store import utcnow
from waarborg.store.executions import HeldRow, RequestExecution, RequestStep


def row_key(key: Sequence[Any]) -> str:
    """A primary key as stored in ``held_rows.row_key``: compact JSON."""
    return json.dumps(list(key), default=str, separators=(",", ":"))


def start_or_resume(
    session: Session,
    organisation_id: int,
    subject_id: int,
    fresh: Plan,
    systems: Iterable[str],
    request_ref: str | None = None,
) -> tuple[RequestExecution, Plan, bool]:
    """The unfinished erasure of this person, resumed with what ``fresh`` adds; or a new
    one with ``fresh``. Returns (execution, plan to carry out, resumed)."""
    query = select(RequestExecution).where(
        RequestExecution.organisation_id == organisation_id,
        RequestExecution.subject_id == subject_id,
        RequestExecution.kind == fresh.kind,
        RequestExecution.state == "running",
    )
    execution = session.scalars(query.order_by(RequestExecution.id.desc())).first()
    if execution is None:
        execution = RequestExecution(
            organisation_id=organisation_id,
            subject_id=subject_id,
            kind=fresh.kind,
            request_ref=request_ref,
            plan=fresh.to_dict(),
        )
        session.add(execution)
        session.flush()
        plan, resumed = fresh, False
    else:
        plan = Plan.from_dict(execution.plan).merged(fresh)
        execution.plan, resumed = plan.to_dict(), True
    known = set(
        session.scalars(select(RequestStep.system).where(RequestStep.execution_id == execution.id))
    )
    session.add_all(
        RequestStep(execution_id=execution.id, system=system)
        for system in systems
        if system not in known
    )
    return execution, plan, resumed


def record_holds(
    session: Session, organisation_id: int, subject_id: int, execution_id: int, plan: Plan
) -> None:
    """Each held row once, restricted, with the last day it must be kept."""
    by_table: dict[tuple[str, str], dict[str, Held]] = {}
    for table_plan, hold in plan.held():
        place = (table_plan.system, table_plan.table)
        by_table.setdefault(place, {})[row_key(hold.key)] = hold
    for (system, table), holds in by_table.items():
        existing = set(
            session.scalars(
                select(HeldRow.row_key).where(
                    HeldRow.organisation_id == organisation_id,
                    HeldRow.system == system,
                    HeldRow.table_name == table,
                    HeldRow.row_key.in_(list(holds)),
                )
            )
        )
        session.add_all(
            HeldRow(
                organisation_id=organisation_id,
                subject_id=subject_id,
                execution_id=execution_id,
                system=system,
                table_name=table,
                row_key=key,
                obligation=hold.obligation,
                held_until=hold.until,
            )
            for key, hold in holds.items()
            if key not in existing
        )


def step_states(session: Session, execution_id: int) -> dict[str, str]:
    rows = session.execute(
        select(RequestStep.system, RequestStep.state).where(
            RequestStep.execution_id == execution_id
        )
    )
    return {system: state for system, state in rows}


def finish_step(
    session: Session, execution_id: int, system: str, counts: Mapping[str, Any]
) -> None:
    step = session.scalars(
        select(RequestStep).where(
            RequestStep.execution_id == execution_id, RequestStep.system == system
        )
    ).one()
    step.state, step.counts, step.finished_at = "done", dict(counts), utcnow()


def finish_execution(session: Session, execution_id: int) -> None:
    execution = session.get_one(RequestExecution, execution_id)
    execution.state, execution.finished_at = "done", utcnow()


def due_holds(session: Session, organisation_id: int, on: date) -> list[HeldRow]:
    """Held rows whose hold has ended before ``on``: due for erasure (retention sweeps)."""
    return list(
        session.scalars(
            select(HeldRow)
            .where(HeldRow.organisation_id == organisation_id, HeldRow.held_until < on)
            .order_by(HeldRow.system, HeldRow.table_name, HeldRow.id)
        )
    )
