"""Run reports in waarborg's store, and the audit entries of a sweep.

A run is recorded before it touches a business database and updated as it goes,
so a run that was killed shows as ``running`` with the work done so far; the next
run recomputes what is due (the rows erased before the kill are gone, masked rows
mask to themselves) and names the run it continues.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from waarborg import audit
from waarborg.store import Store, utcnow
from waarborg.store.retention_tables import RetentionRun

ACTOR = "retention-sweep"


@dataclass(frozen=True)
class RunSummary:
    """A past run as the admin console and ``--format json`` show it."""

    ref: str
    state: str
    dry_run: bool
    as_of: date
    started_at: datetime
    finished_at: datetime | None
    batches: int
    report: dict[str, Any]
    error: str | None

    def totals(self) -> dict[str, int]:
        totals = {"due": 0, "deleted": 0, "masked": 0, "kept": 0}
        for tables in self.report.get("systems", {}).values():
            for counts in tables.values():
                for name in totals:
                    totals[name] += int(counts.get(name, 0))
        return totals

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "state": self.state,
            "dry_run": self.dry_run,
            "as_of": self.as_of.isoformat(),
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "batches": self.batches,
            "totals": self.totals(),
            "report": self.report,
            "error": self.error,
        }


def _summary(run: RetentionRun) -> RunSummary:
    return RunSummary(
        run.ref, run.state, run.dry_run, run.as_of, run.started_at, run.finished_at,
        run.batches, dict(run.report or {}), run.error,
    )  # fmt: skip


def recent_runs(store: Store, organisation_id: int, limit: int = 20) -> list[RunSummary]:
    """The latest runs, newest first."""
    with store.reading() as session:
        query = (
            sa.select(RetentionRun)
            .where(RetentionRun.organisation_id == organisation_id)
            .order_by(RetentionRun.id.desc())
            .limit(limit)
        )
        return [_summary(run) for run in session.scalars(query)]


def start_run(
    store: Store, organisation_id: int, *, as_of: date, dry_run: bool, batch: int
) -> tuple[str, dict[str, Any]]:
    """Record a new run (and the unfinished one it continues, if any); returns its ref
    and the report to fill in."""
    with store.transaction() as session:
        unfinished = session.scalars(
            sa.select(RetentionRun.ref)
            .where(
                RetentionRun.organisation_id == organisation_id,
                RetentionRun.state == "running",
                RetentionRun.dry_run.is_(False),
            )
            .order_by(RetentionRun.id.desc())
        ).first()
        report: dict[str, Any] = {"systems": {}}
        if unfinished and not dry_run:
            report["continues"] = unfinished
        run = RetentionRun(
            organisation_id=organisation_id, as_of=as_of, dry_run=dry_run,
            batch_size=batch, batches=0, report=report, state="running",
        )  # fmt: skip
        session.add(run)
        session.flush()
        audit.append(
            session, organisation_id, actor=ACTOR, action="retention.run-started",
            details={"run": run.ref, "dry_run": dry_run, "as_of": as_of.isoformat(),
                     "continues": report.get("continues")},
        )  # fmt: skip
        return run.ref, report


def save_progress(
    store: Store, organisation_id: int, ref: str, report: dict[str, Any], batches: int
) -> None:
    with store.transaction() as session:
        run = session.scalars(sa.select(RetentionRun).where(RetentionRun.ref == ref)).one()
        run.report = _copy(report)
        run.batches = batches


def table_done(
    store: Store, organisation_id: int, ref: str, system: str, table: str, counts: dict[str, Any]
) -> None:
    """One audit entry per table a (real) sweep changed, in the store's transaction."""
    with store.transaction() as session:
        audit.append(
            session, organisation_id, actor=ACTOR, action="retention.table-swept", system=system,
            details={"run": ref, "table": table, "action": counts["action"],
                     "deleted": counts["deleted"], "masked": counts["masked"],
                     "due": counts["due"]},
        )  # fmt: skip


def finish_run(
    store: Store,
    organisation_id: int,
    ref: str,
    report: dict[str, Any],
    batches: int,
    *,
    error: str | None = None,
) -> RunSummary:
    """Mark the run done (or failed) and log its outcome; returns its summary."""
    with store.transaction() as session:
        run = session.scalars(sa.select(RetentionRun).where(RetentionRun.ref == ref)).one()
        run.report, run.batches = _copy(report), batches
        run.state = "failed" if error else "done"
        run.error, run.finished_at = error, utcnow()
        if not run.dry_run:
            continued = report.get("continues")
            if continued:
                session.execute(
                    sa.update(RetentionRun)
                    .where(RetentionRun.ref == continued, RetentionRun.state == "running")
                    .values(state="interrupted")
                )
        summary = _summary(run)
        audit.append(
            session, organisation_id, actor=ACTOR, action="retention.run-finished",
            outcome="failed" if error else "ok",
            details={"run": ref, "dry_run": run.dry_run, **summary.totals()},
        )  # fmt: skip
        return summary


def _copy(report: dict[str, Any]) -> dict[str, Any]:
    """A fresh object, so the ORM sees the JSON column change."""
    import json

    copied: dict[str, Any] = json.loads(json.dumps(report, default=str))
    return copied
