"""``/api/decide``, ``/api/access-log`` and ``/api/activities``.

``POST /api/decide`` is on the path of every retrieval a business system makes,
so it reads the subject's state in one query on the event loop and hands its
audit entry to the group-committing writer (:mod:`waarborg.web.audit_writer`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from waarborg import audit
from waarborg._exceptions import NotFoundError
from waarborg.decide import Decision, SubjectState, decide
from waarborg.store.states import state_by_ref
from waarborg.store.subjects import find_or_create_subject
from waarborg.web.api.deps import (
    Api,
    Call,
    api_call,
    check_activity,
    check_categories,
    documented_body,
    json_body,
)
from waarborg.web.api.schemas import (
    ERRORS,
    AccessIn,
    AccessOut,
    ActivityOut,
    DecideIn,
    DecisionOut,
    OneSubjectIn,
)

router = APIRouter(tags=["decisions"])
_STRANGER = SubjectState()


def _reasons(decision: Decision, lang: str) -> list[dict[str, Any]]:
    """The reasons as ``ReasonOut`` describes them (built as plain data: this is hot)."""
    return [
        {
            "code": r.code,
            "article": r.article,
            "message": r.message(lang),
            "params": {k: v if isinstance(v, str) else _jsonable(v) for k, v in r.params.items()},
        }
        for r in decision.reasons
    ]


def _jsonable(value: Any) -> Any:
    if isinstance(value, list | tuple | frozenset | set):
        return sorted(str(v) for v in value)
    return str(value)


def _entry(
    call: Api, action: str, state: SubjectState, decision: Decision, details: dict[str, Any]
) -> audit.Entry:
    """The audit entry of a decision: who asked, about whom, what, and why not."""
    return audit.Entry(
        actor=call.caller.actor,
        action=action,
        outcome="allowed" if decision.allowed else "denied",
        subject_ref=state.ref,
        activity=decision.activity,
        categories=decision.categories,
        system=call.caller.system,
        details={**details, "reasons": list(decision.codes)},
    )


def _state(call: Api, subject: OneSubjectIn | None) -> SubjectState:
    if subject is None:
        return _STRANGER
    org = call.site.organisation_id
    if subject.ref is not None:
        found = call.state.states.by_ref(org, subject.ref)
        if found is None:
            raise NotFoundError("no such subject")
        return found
    found = call.state.states.by_identity(org, subject.identities()[0], call.state.secret)
    return found if found is not None else _STRANGER


@router.post(
    "/decide", response_model=DecisionOut, responses=ERRORS, openapi_extra=documented_body(DecideIn)
)
async def post_decide(request: Request) -> JSONResponse:
    """May this activity use these data categories of this person now?

    Every decision is written to the audit log before the answer is sent. A person
    waarborg does not know yet is decided as a stranger (no consent, no objection).
    """
    # Key, then body, as a ``Call`` dependency and a body parameter would, but read
    # by hand: FastAPI's machinery for them costs more than the decision.
    call = await api_call(request)
    body = await json_body(request, DecideIn)
    check_activity(call.site, body.activity)
    check_categories(call.site, body.categories)
    state = _state(call, body.subject)
    decision = decide(call.site.compiled, state, body.activity, body.categories, body.at)
    details = {"at": body.at.isoformat()} if body.at is not None else {}
    record = await call.state.audit.write(
        call.site.organisation_id, _entry(call, "decide", state, decision, details)
    )
    # Answered as JSON directly: shaped like DecisionOut (tests check it against the
    # schema), without validating our own output a second time on every call.
    keep_until = decision.keep_until
    return JSONResponse(
        {
            "allowed": decision.allowed,
            "subject": state.ref,
            "activity": body.activity,
            "categories": body.categories,
            "basis": decision.basis,
            "reasons": _reasons(decision, call.lang),
            "keep_until": keep_until.isoformat() if keep_until else None,
            "audit_seq": record.seq,
        }
    )


@router.post("/access-log", response_model=AccessOut, status_code=201, responses=ERRORS)
async def post_access(body: AccessIn, call: Call) -> AccessOut:
    """Log a retrieval of personal data that happened in another system.

    The person is created if waarborg did not know them yet, so the access shows in
    their access request. The answer says whether waarborg would have allowed it.
    """
    check_activity(call.site, body.activity)
    check_categories(call.site, body.categories)
    return await run_in_threadpool(_log_access, call, body)


def _log_access(call: Api, body: AccessIn) -> AccessOut:
    org = call.site.organisation_id
    with call.state.store.transaction() as session:
        if body.subject.ref is not None:
            state = state_by_ref(session.connection(), org, body.subject.ref)
            if state is None:
                raise NotFoundError("no such subject")
        else:
            subject, _ = find_or_create_subject(
                session, org, body.subject.identities(), call.state.secret
            )
            state = state_by_ref(session.connection(), org, subject.ref) or _STRANGER
        decision = decide(call.site.compiled, state, body.activity, body.categories, body.at)
        details: dict[str, Any] = dict(body.details)
        if body.at is not None:
            details["accessed_at"] = body.at.isoformat()
        entry = _entry(call, "access", state, decision, details)
        (record,) = audit.append_many(session, org, [entry])
    return AccessOut.model_validate(
        {
            "subject": state.ref or "",
            "allowed": decision.allowed,
            "reasons": _reasons(decision, call.lang),
            "audit_seq": record.seq,
        }
    )


@router.get("/activities", response_model=list[ActivityOut], responses=ERRORS)
async def list_activities(call: Call) -> list[ActivityOut]:
    """The register's activities with the categories declared for each: the valid ids."""
    register = call.site.register
    return [
        ActivityOut(
            id=a.id,
            title=a.title.get(call.lang)
            if call.lang in a.title.languages()
            else a.title.texts()[0],
            basis=a.basis,
            purposes=list(a.purposes),
            data_categories=sorted(call.site.compiled.activities[a.id].declared),
            retention=a.retention.short(),
        )
        for a in register.activities
    ]
