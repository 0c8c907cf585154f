"""Carrying out a verified request with :class:`~waarborg.rights.execute.Fulfilment`.

Split from :mod:`waarborg.rights.workflow` so that module stays about states and
deadlines. Each kind maps onto the fulfilment's operations; erasure passes the
request's reference, so a rerun after a crash resumes the recorded plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import select

from waarborg.decide import DIRECT_MARKETING_PURPOSES
from waarborg.register import Register
from waarborg.rights.execute import Fulfilment
from waarborg.rights.ledger import AuditEvent
from waarborg.rights.package import build_package
from waarborg.rights.plan import Plan, RequestKind
from waarborg.rights.rectify import validate_fields
from waarborg.store.consent_tables import ConsentRecord
from waarborg.store.consents import withdraw_consent
from waarborg.systems.found import Identity
from waarborg.systems.model import FieldKind

PLAN_KINDS: Mapping[str, RequestKind] = {
    "erasure": "erasure",
    "rectification": "rectification",
    "restriction": "restriction",
    "objection": "objection",
    "stop-marketing": "objection",
}
"""The plan a request kind makes; the rest only read (access, portability, consent)."""


@dataclass
class Result:
    """What execution did, in terms the answer mail and the anonymised record use."""

    outcome: str  # done | nothing-found
    subject_ref: str | None = None
    package: bytes | None = None
    held_until: date | None = None
    summary: dict[str, Any] = field(default_factory=dict)


def plan_summary(plan: Plan) -> dict[str, Any]:
    """Counts per system and table; no keys, no values (kept after the request closes)."""
    return {
        "found": plan.found(),
        "tables": [
            {
                "system": t.system,
                "table": t.table,
                "found": t.found,
                "delete": len(t.delete),
                "mask": len(t.mask),
                "update": len(t.update),
                "keep": len(t.hold),
            }
            for t in plan.tables
        ],
    }


def make_plan(service: Fulfilment, kind: str, email: str, details: Mapping[str, Any]) -> Plan:
    fields = [cast(FieldKind, k) for k in details.get("fields", {})]
    return service.plan(PLAN_KINDS.get(kind, "access"), [Identity("email", email)], fields)


def marketing_activities(register: Register, channels: Sequence[str]) -> list[str]:
    """Activities that are direct marketing (Art. 21(2)-(3)), limited to ``channels`` if
    given; an objection to them must always be honoured."""
    found = []
    for activity in register.activities:
        marketing = DIRECT_MARKETING_PURPOSES.intersection(activity.purposes) or activity.channels
        if not marketing:
            continue
        named = {c.channel for c in activity.channels}
        if channels and named and not named.intersection(channels):
            continue
        found.append(activity.id)
    return found


def run(
    service: Fulfilment,
    kind: str,
    email: str,
    details: Mapping[str, Any],
    *,
    ref: str,
    lang: str,
    now: datetime,
) -> Result:
    """Carry out ``kind`` for the person at ``email`` (already verified)."""
    identities = [Identity("email", email).normalised()]
    if kind in ("access", "portability"):
        outcome, collections = service.access(identities)
        if not outcome.plan.found():
            return Result("nothing-found", outcome.subject_ref, summary=plan_summary(outcome.plan))
        data = build_package(
            service.register,
            service.systems,
            collections,
            subject_ref=outcome.subject_ref,
            lang=lang,
            made_at=now,
        )
        return Result("done", outcome.subject_ref, data, summary=plan_summary(outcome.plan))
    if kind == "erasure":
        outcome = service.erase(identities, request_ref=ref)
        held = [h.until for _, h in outcome.plan.held()]
        return Result(
            "done" if outcome.plan.found() else "nothing-found",
            outcome.subject_ref,
            held_until=max(held) if held else None,
            summary=plan_summary(outcome.plan),
        )
    if kind == "rectification":
        outcome = service.rectify(identities, validate_fields(details.get("fields", {})))
    elif kind == "restriction":
        outcome = service.limit(
            "restriction",
            identities,
            details.get("activities", ()),
            ground=details.get("ground", "accuracy-contested"),
        )
    elif kind == "objection":
        outcome = service.limit(
            "objection", identities, details.get("activities", ()), reason=details.get("reason")
        )
    elif kind == "stop-marketing":
        activities = marketing_activities(service.register, details.get("channels", ()))
        if not activities:
            return Result("nothing-found")
        outcome = service.limit(
            "objection", identities, activities, reason="direct marketing (Art. 21(3) AVG)"
        )
    else:
        return withdraw_all(service, identities, details.get("activities", ()), now)
    found = outcome.plan.found()
    return Result(
        "done" if found or kind != "rectification" else "nothing-found",
        outcome.subject_ref,
        summary=plan_summary(outcome.plan),
    )


def withdraw_all(
    service: Fulfilment, identities: Sequence[Identity], activities: Sequence[str], now: datetime
) -> Result:
    """Withdraw every consent the person gave (or those for ``activities``): Art. 7(3),
    withdrawing is as easy as giving."""
    with service.store.transaction() as session:
        subject = service.ledger.subject(session, identities)
        query = select(ConsentRecord).where(
            ConsentRecord.organisation_id == service.organisation_id,
            ConsentRecord.subject_id == subject.id,
            ConsentRecord.state == "given",
        )
        if activities:
            query = query.where(ConsentRecord.activity_id.in_(list(activities)))
        records = list(session.scalars(query))
        for record in records:
            withdraw_consent(
                session, service.organisation_id, record.ref, method="privacy-centre", at=now
            )
        service.ledger.audit(
            session,
            [
                AuditEvent(
                    "request.withdraw-consent",
                    subject.ref,
                    details={"activities": sorted({r.activity_id for r in records})},
                )
            ],
        )
    return Result(
        "done" if records else "nothing-found", subject.ref, summary={"withdrawn": len(records)}
    )
