"""``/api/events`` and ``/api/subjects/lookup``: anchor events and people by identity."""

from __future__ import annotations

from fastapi import APIRouter, Response
from starlette.concurrency import run_in_threadpool

from waarborg import audit
from waarborg._exceptions import InputError, NotFoundError
from waarborg.store.subjects import (
    find_or_create_subject,
    find_subject,
    find_subject_by_ref,
    record_event,
)
from waarborg.web.api.deps import Api, Call
from waarborg.web.api.schemas import ERRORS, EventIn, EventOut, OneSubjectIn, SubjectOut

router = APIRouter(tags=["subjects"])


@router.post(
    "/events",
    response_model=EventOut,
    status_code=201,
    responses={**ERRORS, 200: {"model": EventOut, "description": "posted before: unchanged"}},
)
async def post_event(body: EventIn, call: Call, response: Response) -> EventOut:
    """Record an anchor event (``order-completed``, ``account-closed``, …) once.

    Posting the same ``kind`` and ``reference`` again is harmless: the answer is
    200 with ``created: false``. Retention periods count from these events.
    """
    anchors = call.site.register.vocabulary.ids("retention_anchors")
    if body.kind not in anchors:
        raise InputError("unknown event kind", field="kind", allowed=sorted(anchors))
    if body.subject is not None and body.subject.ref is not None:
        raise InputError("events name people by identity, not by ref", field="subject.ref")
    out = await run_in_threadpool(_record, call, body)
    if not out.created:
        response.status_code = 200
    return out


def _record(call: Api, body: EventIn) -> EventOut:
    org = call.site.organisation_id
    with call.state.store.transaction() as session:
        subject = None
        if body.subject is not None:
            subject, _ = find_or_create_subject(
                session, org, body.subject.identities(), call.state.secret
            )
        event, created = record_event(
            session,
            org,
            system=call.caller.system,
            kind=body.kind,
            reference=body.reference,
            occurred_at=body.occurred_at,
            subject_id=subject.id if subject is not None else None,
            details=body.details,
        )
        ref = subject.ref if subject is not None else None
        if created:
            audit.append(
                session,
                org,
                actor=call.caller.actor,
                action="event",
                subject_ref=ref,
                system=call.caller.system,
                details={"kind": body.kind, "event": event.id},
            )
    return EventOut(subject=ref, kind=body.kind, reference=body.reference, created=created)


@router.post("/subjects/lookup", response_model=SubjectOut, responses=ERRORS)
async def lookup_subject(body: OneSubjectIn, call: Call) -> SubjectOut:
    """The ``sub_…`` reference of the person with this identity; 404 when unknown.

    A POST, so an e-mail address never ends up in a URL or an access log.
    """
    org = call.site.organisation_id
    with call.state.store.reading() as session:
        if body.ref is not None:
            found = find_subject_by_ref(session, org, body.ref)
        else:
            found = find_subject(session, org, body.identities()[0], call.state.secret)
        ref = found.ref if found is not None else None
    entry = audit.Entry(
        actor=call.caller.actor,
        action="subject.lookup",
        outcome="found" if ref else "not-found",
        subject_ref=ref,
        system=call.caller.system,
    )
    await call.state.audit.write(org, entry)
    if ref is None:
        raise NotFoundError("no such subject")
    return SubjectOut(subject=ref)
