"""Fulfilling a verified person's request against every connected system.

:class:`Fulfilment` opens all systems first, so an unreachable one fails the
request before anything changes. Every read is audit-logged. Changes run in one
transaction per system; an erasure first records its plan in waarborg's store,
marks each system done once its transaction has committed, and on a rerun
finishes what is left from that plan, so an interrupted erasure neither misses
a row it should erase (even one no longer findable from the identity) nor
erases one it must keep. Running a request twice changes nothing the second time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.register import Register
from waarborg.rights.ledger import AuditEvent, Ledger, Subject
from waarborg.rights.plan import (
    Plan,
    RequestKind,
    TablePlan,
    plan_access,
    plan_erasure,
    plan_rectification,
)
from waarborg.store import Store, utcnow
from waarborg.store.executions import HeldRow, RequestExecution, RequestStep
from waarborg.systems.apply import Changes, Rewrite, apply_changes
from waarborg.systems.collect import collect
from waarborg.systems.connect import Connector
from waarborg.systems.found import Collection, Identity
from waarborg.systems.masking import full_mask
from waarborg.systems.model import FieldKind, Fixed, SystemsMap

Progress = Callable[[str, Mapping[str, Changes]], None]


@dataclass
class Outcome:
    """What a request did: its plan, and per (system, table) what actually changed."""

    kind: RequestKind
    subject_ref: str
    plan: Plan
    changes: dict[tuple[str, str], Changes] = field(default_factory=dict)
    execution_ref: str | None = None
    resumed: bool = False

    def deleted(self) -> int:
        return sum(c.deleted for c in self.changes.values())

    def rewritten(self) -> int:
        return sum(c.rewritten for c in self.changes.values())


class Fulfilment:
    """Requests of one organisation against its connected systems."""

    def __init__(
        self,
        register: Register,
        systems: SystemsMap,
        connectors: Mapping[str, Connector],
        *,
        store: Store,
        ledger: Ledger,
        secret: bytes,
        organisation_id: int,
        today: date | None = None,
    ):
        self.register, self.systems, self.connectors = register, systems, connectors
        self.store, self.ledger, self.secret = store, ledger, secret
        self.organisation_id = organisation_id
        self.today = today or date.today()

    @classmethod
    def open(
        cls,
        register: Register,
        systems: SystemsMap,
        environ: Mapping[str, str],
        **kwargs: Any,
    ) -> Fulfilment:
        """Open every system before anything else; the first failure stops the request."""
        connectors: dict[str, Connector] = {}
        try:
            for system_id in systems.systems:
                connectors[system_id] = Connector.open(systems, system_id, environ)
        except Exception:
            for connector in connectors.values():
                connector.dispose()
            raise
        return cls(register, systems, connectors, **kwargs)

    def close(self) -> None:
        for connector in self.connectors.values():
            connector.dispose()

    # -- reading ---------------------------------------------------------------------

    def _collect(
        self,
        session: Session,
        subject: Subject,
        identities: Sequence[Identity],
        kind: str,
        holds: bool = False,
    ) -> list[Collection]:
        """Every system's rows of the person; each table read is an audit entry."""
        collections = [collect(c, identities, holds=holds) for c in self.connectors.values()]
        events = [
            AuditEvent(
                "request.read",
                subject.ref,
                collection.system,
                found.spec.categories(),
                {
                    "request": kind,
                    "table": found.name,
                    "rows": len(found.rows),
                    "activities": list(found.spec.activities),
                },
            )
            for collection in collections
            for found in collection.found()
        ]
        self.ledger.audit(session, events)
        return collections

    def plan(
        self,
        kind: RequestKind,
        identities: Sequence[Identity],
        fields: Sequence[FieldKind] = (),
    ) -> Plan:
        """What ``kind`` would read, change and keep; changes nothing in the systems."""
        with self.store.transaction() as session:
            subject = self.ledger.subject(session, identities)
            holds = kind in ("erasure", "rectification")
            collections = self._collect(session, subject, identities, f"plan-{kind}", holds)
        if kind == "erasure":
            return plan_erasure(self.register, collections, self.today)
        if kind == "rectification":
            return plan_rectification(self.register, collections, fields, self.today)
        plan = plan_access(collections, self.today)
        plan.kind = kind
        return plan

    def access(self, identities: Sequence[Identity]) -> tuple[Outcome, list[Collection]]:
        """The person's data from every system, for :func:`waarborg.rights.package`."""
        with self.store.transaction() as session:
            subject = self.ledger.subject(session, identities)
            collections = self._collect(session, subject, identities, "access")
        return Outcome("access", subject.ref, plan_access(collections, self.today)), collections

    # -- erasure -----------------------------------------------------------------------

    def erase(
        self,
        identities: Sequence[Identity],
        *,
        request_ref: str | None = None,
        progress: Progress | None = None,
    ) -> Outcome:
        """Erase everywhere, keeping rows under a legal hold (restricted, with their end)."""
        with self.store.transaction() as session:
            subject = self.ledger.subject(session, identities)
            collections = self._collect(session, subject, identities, "erasure", holds=True)
            fresh = plan_erasure(self.register, collections, self.today)
            execution, plan, resumed = self._record_plan(session, subject, fresh, request_ref)
            self._record_holds(session, subject, execution, plan)
        outcome = Outcome(
            "erasure", subject.ref, plan, execution_ref=execution.ref, resumed=resumed
        )
        for system_id, done in self._steps(execution.id):
            tables = plan.for_system(system_id)
            if done or not tables:
                continue
            changes = apply_changes(
                self.connectors[system_id],
                deletes={t.table: t.delete for t in tables if t.delete},
                rewrites={t.table: self._erasure_rewrites(t) for t in tables},
                secret=self.secret,
            )
            self._finish_step(execution.id, subject, system_id, changes, "request.erase")
            outcome.changes.update({(system_id, t): c for t, c in changes.items()})
            if progress:
                progress(system_id, changes)
        with self.store.transaction() as session:
            row = session.get_one(RequestExecution, execution.id)
            row.state, row.finished_at = "done", utcnow()
        return outcome

    def _erasure_rewrites(self, table: TablePlan) -> list[Rewrite]:
        spec = self.systems.systems[table.system].tables[table.table]
        jobs = []
        if table.mask:
            jobs.append(Rewrite(table.mask, full_mask(spec)))
        if table.hold and spec.erasure.strategies:
            jobs.append(Rewrite([h.key for h in table.hold], spec.erasure.strategies))
        return jobs

    def _record_plan(
        self, session: Session, subject: Subject, fresh: Plan, request_ref: str | None
    ) -> tuple[RequestExecution, Plan, bool]:
        """The unfinished erasure of this person to resume, or a new one with ``fresh``."""
        query = select(RequestExecution).where(
            RequestExecution.organisation_id == self.organisation_id,
            RequestExecution.subject_id == subject.id,
            RequestExecution.kind == "erasure",
            RequestExecution.state == "running",
        )
        execution = session.scalars(query.order_by(RequestExecution.id.desc())).first()
        if execution is None:
            execution = RequestExecution(
                organisation_id=self.organisation_id,
                subject_id=subject.id,
                kind="erasure",
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
            session.scalars(
                select(RequestStep.system).where(RequestStep.execution_id == execution.id)
            )
        )
        for system_id in self.systems.systems:
            if system_id not in known:
                session.add(RequestStep(execution_id=execution.id, system=system_id))
        return execution, plan, resumed

    def _record_holds(
        self, session: Session, subject: Subject, execution: RequestExecution, plan: Plan
    ) -> None:
        """Held rows are restricted from now on, with the last day they must be kept."""
        held = list(plan.held())
        for (system, table), group in _grouped(held):
            keys = {_row_key(h.key): h for _, h in group}
            existing = set(
                session.scalars(
                    select(HeldRow.row_key).where(
                        HeldRow.organisation_id == self.organisation_id,
                        HeldRow.system == system,
                        HeldRow.table_name == table,
                        HeldRow.row_key.in_(list(keys)),
                    )
                )
            )
            for key, hold in keys.items():
                if key not in existing:
                    session.add(
                        HeldRow(
                            organisation_id=self.organisation_id,
                            subject_id=subject.id,
                            execution_id=execution.id,
                            system=system,
                            table_name=table,
                            row_key=key,
                            obligation=hold.obligation,
                            held_until=hold.until,
                        )
                    )
        activities = sorted({a for t, _ in held for a in t.activities})
        if activities:
            self.ledger.restrict(session, subject, activities, "legal-hold")

    def _steps(self, execution_id: int) -> Iterator[tuple[str, bool]]:
        with self.store.transaction() as session:
            rows = session.execute(
                select(RequestStep.system, RequestStep.state).where(
                    RequestStep.execution_id == execution_id
                )
            )
            states = {system: state for system, state in rows}
        for system_id in self.systems.systems:
            yield system_id, states.get(system_id) == "done"

    def _finish_step(
        self,
        execution_id: int | None,
        subject: Subject,
        system_id: str,
        changes: Mapping[str, Changes],
        action: str,
    ) -> None:
        counts = {t: {"deleted": c.deleted, "rewritten": c.rewritten} for t, c in changes.items()}
        with self.store.transaction() as session:
            if execution_id is not None:
                step = session.scalars(
                    select(RequestStep).where(
                        RequestStep.execution_id == execution_id, RequestStep.system == system_id
                    )
                ).one()
                step.state, step.counts, step.finished_at = "done", counts, utcnow()
            self.ledger.audit(
                session,
                [
                    AuditEvent(action, subject.ref, system_id, (), {"table": t, **n})
                    for t, n in counts.items()
                ],
            )

    # -- rectification, restriction, objection ---------------------------------------------

    def rectify(
        self,
        identities: Sequence[Identity],
        values: Mapping[FieldKind, str],
        progress: Progress | None = None,
    ) -> Outcome:
        """Set validated values (see :func:`waarborg.rights.rectify.validate_fields`)."""
        with self.store.transaction() as session:
            subject = self.ledger.subject(session, identities)
            collections = self._collect(session, subject, identities, "rectification", True)
        plan = plan_rectification(self.register, collections, list(values), self.today)
        outcome = Outcome("rectification", subject.ref, plan)
        for system_id in self.connectors:
            jobs = {
                t.table: [self._rectify_rewrite(t, values)]
                for t in plan.for_system(system_id)
                if t.update
            }
            if not jobs:
                continue
            changes = apply_changes(
                self.connectors[system_id], deletes={}, rewrites=jobs, secret=self.secret
            )
            self._finish_step(None, subject, system_id, changes, "request.rectify")
            outcome.changes.update({(system_id, t): c for t, c in changes.items()})
            if progress:
                progress(system_id, changes)
        return outcome

    def _rectify_rewrite(self, table: TablePlan, values: Mapping[FieldKind, str]) -> Rewrite:
        spec = self.systems.systems[table.system].tables[table.table]
        fields = {
            **{c: s.field for c, s in spec.columns.items()},
            **({k: s.field for k, s in spec.meta.keys.items()} if spec.meta else {}),
        }
        return Rewrite(
            table.update,
            {
                target: Fixed(fixed=values[kind])
                for target in table.targets
                if (kind := fields[target]) is not None and kind in values
            },
        )

    def limit(
        self,
        kind: RequestKind,
        identities: Sequence[Identity],
        activities: Sequence[str] = (),
        *,
        ground: str = "accuracy-contested",
        reason: str | None = None,
    ) -> Outcome:
        """Record a restriction (on ``ground``, Art. 18(1)) or an objection, for the
        named activities or all of them; :func:`waarborg.decide.decide` honours it."""
        with self.store.transaction() as session:
            subject = self.ledger.subject(session, identities)
            collections = self._collect(session, subject, identities, kind)
            targets: list[str | None] = list(activities) or [None]
            if kind == "restriction":
                self.ledger.restrict(session, subject, targets, ground)
            else:
                self.ledger.object(session, subject, targets, reason)
            self.ledger.audit(
                session,
                [
                    AuditEvent(
                        f"request.{kind}",
                        subject.ref,
                        None,
                        (),
                        {"activities": [a or "*" for a in targets]},
                    )
                ],
            )
        return Outcome(kind, subject.ref, plan_access(collections, self.today))


def _row_key(key: Sequence[Any]) -> str:
    return json.dumps(list(key), default=str, separators=(",", ":"))


def _grouped(held: list[tuple[TablePlan, Any]]) -> Iterator[tuple[tuple[str, str], list[Any]]]:
    groups: dict[tuple[str, str], list[Any]] = {}
    for table, hold in held:
        groups.setdefault((table.system, table.table), []).append((table, hold))
    yield from groups.items()
