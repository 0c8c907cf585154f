"""The ``handle-request`` job: a verified request is planned and, where the register
needs no approval, carried out and answered without waiting for anyone.

The privacy centre defers it after verification. It needs the site's systems map
(``Site.systems``); a site without one leaves the request to the privacy contact.
Running it twice is harmless: each step checks the request's state first, and an
interrupted execution resumes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from waarborg.jobs.outbox import deliver_due
from waarborg.jobs.registry import JobContext, registry
from waarborg.rights import workflow
from waarborg.rights.execute import Fulfilment
from waarborg.rights.store_ledger import ledger_for
from waarborg.rights.workflow_links import Desk
from waarborg.store import Store


@contextmanager
def site_fulfilment(store: Store, secret: bytes, site: Any) -> Iterator[Fulfilment]:
    """A :class:`Fulfilment` over a served site's connected systems (a
    :class:`waarborg.web.Site` with ``systems`` set)."""
    service = Fulfilment.open(
        site.register,
        site.systems,
        site.environ,
        store=store,
        ledger=ledger_for(store, site.organisation_id, secret),
        secret=secret,
        organisation_id=site.organisation_id,
    )
    try:
        yield service
    finally:
        service.close()


def handle(ctx: JobContext, ref: str) -> str | None:
    """Plan, and unless approval is needed execute, request ``ref``; returns its new
    state, or None when it was left alone (unknown, not verified, no systems)."""
    desk = Desk.from_settings(ctx.settings, ctx.store)
    with ctx.store.reading() as session:
        row = workflow.find(session, ref)
        if row is None or row.state not in ("verified", "planned", "approved", "executed"):
            return None
        organisation_id, state = row.organisation_id, row.state
        needs_approval = bool(row.details.get("approval_required"))
    sites = ctx.services.get("sites")
    site = sites.by_organisation(organisation_id) if sites is not None else None
    if site is None or site.systems is None:
        return None
    with site_fulfilment(ctx.store, desk.secret, site) as service:
        if state == "verified":
            workflow.plan(desk, ref, service, actor="waarborg")
            state = "planned"
        if state in ("approved", "executed") or not needs_approval:
            workflow.execute(desk, ref, service, actor="waarborg")
            state = "answered"
    return state


@registry.task("handle-request", retry=3)
def handle_request_task(ctx: JobContext, ref: str) -> None:
    handle(ctx, ref)
    deliver_due(ctx)
