"""What the console's pages show, gathered from the store and the register.

Kept apart from the routes so each piece can be tested without a browser: the
consents per purpose over time (and the SVG chart drawn from them on the server,
so the page needs no script), the register's findings, the audit log page and
its integrity.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from waarborg import audit, retention
from waarborg._exceptions import WaarborgError
from waarborg.check import Finding, run_checks
from waarborg.retention import RetentionPlan
from waarborg.retention.events import store_events
from waarborg.store import Store
from waarborg.store.audit_tables import AuditEntry
from waarborg.store.base import utcnow
from waarborg.store.consent_tables import ConsentRecord
from waarborg.web.site import Site

WEEKS = 12


@dataclass
class ConsentSeries:
    """Consents given and withdrawn per week for one activity (one purpose)."""

    activity: str
    title: str
    weeks: list[date]
    given: list[int]
    withdrawn: list[int]
    active: int = 0

    def svg(self, width: int = 360, height: int = 96) -> dict[str, Any]:
        """Bar geometry for the template: given upwards, withdrawn downwards."""
        top = max([1, *self.given, *self.withdrawn])
        half = (height - 16) / 2
        step = width / len(self.weeks)
        bars = []
        for i, (g, w) in enumerate(zip(self.given, self.withdrawn, strict=True)):
            x = round(i * step + step * 0.15, 1)
            up, down = round(half * g / top, 1), round(half * w / top, 1)
            bars.append({"x": x, "w": round(step * 0.7, 1), "given_y": round(half - up, 1),
                         "given_h": up, "withdrawn_h": down})  # fmt: skip
        return {"width": width, "height": height, "axis": round(half, 1), "bars": bars}


def _week(moment: datetime) -> date:
    day = moment.date()
    return day - timedelta(days=day.weekday())


def consent_series(
    session: Session, site: Site, lang: str, now: datetime | None = None
) -> list[ConsentSeries]:
    """Twelve weeks of consents given and withdrawn, one series per activity asked about."""
    first = _week(now or utcnow()) - timedelta(weeks=WEEKS - 1)
    weeks = [first + timedelta(weeks=i) for i in range(WEEKS)]
    since = _midnight(first)
    given: Counter[tuple[str, date]] = Counter()
    withdrawn: Counter[tuple[str, date]] = Counter()
    org = ConsentRecord.organisation_id == site.organisation_id
    for activity, at in session.execute(
        select(ConsentRecord.activity_id, ConsentRecord.collected_at).where(
            org, ConsentRecord.collected_at >= since, ConsentRecord.state != "refused"
        )
    ):
        given[(activity, _week(at))] += 1
    for activity, ended in session.execute(
        select(ConsentRecord.activity_id, ConsentRecord.ended_at).where(
            org, ConsentRecord.state == "withdrawn", ConsentRecord.ended_at >= since
        )
    ):
        if ended is not None:
            withdrawn[(activity, _week(ended))] += 1
    active = dict(
        session.execute(
            select(ConsentRecord.activity_id, func.count())
            .where(org, ConsentRecord.state == "given")
            .group_by(ConsentRecord.activity_id)
        ).all()
    )
    names = {key for key, _ in given} | {key for key, _ in withdrawn} | set(active)
    titles = {a.id: a.title.get(lang) for a in site.register.activities}
    return [
        ConsentSeries(
            name,
            titles.get(name, name),
            weeks,
            [given[(name, w)] for w in weeks],
            [withdrawn[(name, w)] for w in weeks],
            int(active.get(name, 0)),
        )
        for name in sorted(names)
    ]


@dataclass
class FindingSummary:
    findings: list[Finding]
    counts: dict[str, int] = field(default_factory=dict)


def findings(site: Site) -> FindingSummary:
    found = run_checks(site.register)
    return FindingSummary(found, dict(Counter(f.severity for f in found)))


def retention_plan(site: Site, today: date, store: Store | None = None) -> RetentionPlan | None:
    """The next sweep's plan, when the site has a systems map and its systems answer.

    The dashboard must open even while a company database is down; then the plan
    is left out (and the page says so) rather than failing the whole page.
    """
    if site.systems is None:
        return None
    try:
        events = store_events(store, site.organisation_id) if store is not None else None
        return retention.plan(site.register, site.systems, site.environ, today=today, events=events)
    except WaarborgError:
        return None


def integrity(connection: Connection, site: Site) -> audit.Verification:
    return audit.verify(connection, site.organisation_id)


AUDIT_FILTERS = ("actor", "action", "subject", "outcome", "since", "until")
PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime
    actor: str
    action: str
    subject_ref: str | None
    activity: str | None
    system: str | None
    outcome: str
    details: str


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), UTC)


def audit_page(
    session: Session, site: Site, filters: dict[str, str], before: int | None = None
) -> list[AuditRow]:
    """Newest first, 50 at a time; ``before`` is the last sequence number already shown."""
    query = select(AuditEntry).where(AuditEntry.organisation_id == site.organisation_id)
    if filters.get("actor"):
        query = query.where(AuditEntry.actor == filters["actor"])
    if filters.get("action"):
        query = query.where(AuditEntry.action == filters["action"])
    if filters.get("subject"):
        query = query.where(AuditEntry.subject_ref == filters["subject"])
    if filters.get("outcome"):
        query = query.where(AuditEntry.outcome == filters["outcome"])
    if filters.get("since"):
        start = date.fromisoformat(filters["since"])
        query = query.where(
            AuditEntry.at >= datetime.combine(start, datetime.min.time(), utcnow().tzinfo)
        )
    if filters.get("until"):
        end = date.fromisoformat(filters["until"]) + timedelta(days=1)
        query = query.where(
            AuditEntry.at < datetime.combine(end, datetime.min.time(), utcnow().tzinfo)
        )
    if before is not None:
        query = query.where(AuditEntry.seq < before)
    rows = session.scalars(query.order_by(AuditEntry.seq.desc()).limit(PAGE_SIZE))
    return [
        AuditRow(
            r.seq,
            r.at,
            r.actor,
            r.action,
            r.subject_ref,
            r.activity_id,
            r.system,
            r.outcome,
            ", ".join(f"{k}={v}" for k, v in json.loads(r.details).items()),
        )
        for r in rows
    ]


def audit_choices(session: Session, site: Site) -> dict[str, list[str]]:
    """The actions and outcomes present, for the filter's drop-downs."""
    org = AuditEntry.organisation_id == site.organisation_id
    return {
        "action": list(
            session.scalars(
                select(AuditEntry.action).where(org).distinct().order_by(AuditEntry.action)
            )
        ),
        "outcome": list(
            session.scalars(
                select(AuditEntry.outcome).where(org).distinct().order_by(AuditEntry.outcome)
            )
        ),
    }
