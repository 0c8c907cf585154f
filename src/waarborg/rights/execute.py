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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from waarborg.register import Register
from waarborg.rights import progress as progress_records
from waarborg.rights.ledger import AuditEvent, Ledger, Subject
from waarborg.rights.plan import (
    Plan,
    RequestKind,
    TablePlan,
    plan_access,
    plan_erasure,
    plan_rectification,
)
from waarborg.store import Store
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
        self._today = today

    @property
    def today(self) -> date:
        """The day holds are counted against: fixed in tests, else today's date."""
        return self._today or date.today()

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
            return plan_rectification(self.register, collections, fields, self.today, identities)
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
            execution, plan, resumed = progress_records.start_or_resume(
                session,
                self.organisation_id,
                subject.id,
                fresh,
                self.systems.systems,
                request_ref,
            )
            progress_records.record_holds(
                session, self.organisation_id, subject.id, execution.id, plan
            )
            held = sorted({a for table, _ in plan.held() for a in table.activities})
            if held:
                self.ledger.restrict(session, subject, held, "legal-hold")
            states = progress_records.step_states(session, execution.id)
        outcome = Outcome(
            "erasure", subject.ref, plan, execution_ref=execution.ref, resumed=resumed
        )
        for system_id in self.systems.systems:
            tables = plan.for_system(system_id)
            if states.get(system_id) == "done" or not tables:
                continue
            changes = erasure_changes(self.connectors[system_id], tables, self.secret)
            self._finish_step(execution.id, subject, system_id, changes, "request.erase")
            outcome.changes.update({(system_id, t): c for t, c in changes.items()})
            if progress:
                progress(system_id, changes)
        with self.store.transaction() as session:
            progress_records.finish_execution(session, execution.id)
        return outcome

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
                progress_records.finish_step(session, execution_id, system_id, counts)
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
        plan = plan_rectification(self.register, collections, list(values), self.today, identities)
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


def erasure_changes(
    connector: Connector, tables: Sequence[TablePlan], secret: bytes
) -> dict[str, Changes]:
    """Carry out one system's part of an erasure plan in one transaction: delete, mask
    whole rows, and minimise the rows kept under a hold."""
    rewrites: dict[str, list[Rewrite]] = {}
    for table in tables:
        spec = connector.spec.tables[table.table]
        jobs = rewrites.setdefault(table.table, [])
        if table.mask:
            jobs.append(Rewrite(table.mask, full_mask(spec)))
        if table.hold and spec.erasure.strategies:
            jobs.append(Rewrite([h.key for h in table.hold], spec.erasure.strategies))
    deletes = {t.table: t.delete for t in tables if t.delete}
    return apply_changes(connector, deletes=deletes, rewrites=rewrites, secret=secret)
