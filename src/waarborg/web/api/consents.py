"""``/api/consents``: give, refuse, withdraw and read consent, for a person or a visitor.

Each write is committed (and so durable: full synchronous commits) before the
answer is sent, and written to the audit log in the same transaction. A person is
named as elsewhere in the API; a visitor by the anonymous consent id the cookie
banner keeps in their browser. Reads are POSTs, so an e-mail address never ends
up in a URL or an access log.
"""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from waarborg._exceptions import InputError, NotFoundError
from waarborg.consent.records import Holder, Shown, as_json, choose, current, latest, withdraw
from waarborg.store.consents import text_hash
from waarborg.store.subjects import find_or_create_subject, find_subject, find_subject_by_ref
from waarborg.web.api.consent_schemas import (
    ConsentIn,
    ConsentOut,
    ConsentStateOut,
    HolderIn,
    WithdrawIn,
)
from waarborg.web.api.deps import Api, Call, check_activity
from waarborg.web.api.schemas import ERRORS
from waarborg.web.site import Site

router = APIRouter(tags=["consents"])
COOKIE_PREFIX = "cookies:"


def check_consent_activity(site: Site, activity: str) -> None:
    """A register activity, or ``cookies:<category>`` for a category the register declares."""
    if activity.startswith(COOKIE_PREFIX):
        categories = {cookie.category for cookie in site.register.cookies}
        if activity.removeprefix(COOKIE_PREFIX) not in categories:
            allowed = sorted(COOKIE_PREFIX + c for c in categories)
            raise InputError("unknown cookie category", field="activity", allowed=allowed)
        return
    check_activity(site, activity)


def _holder(session: Session, call: Api, body: HolderIn, *, create: bool) -> Holder:
    org = call.site.organisation_id
    if body.subject is None:
        return Holder(anonymous_id=body.anonymous_id)
    if body.subject.ref is not None:
        found = find_subject_by_ref(session, org, body.subject.ref)
    elif create:
        found, _ = find_or_create_subject(
            session, org, body.subject.identities(), call.state.secret
        )
    else:
        found = find_subject(session, org, body.subject.identities()[0], call.state.secret)
    if found is None:
        raise NotFoundError("no such subject")
    return Holder(subject=found)


@router.post("/consents", response_model=ConsentOut, status_code=201, responses=ERRORS)
async def give_or_refuse(body: ConsentIn, call: Call) -> ConsentOut:
    """Record consent given or refused, with the text shown (or its hash) as proof.

    A person waarborg does not know yet is created. A new choice supersedes the
    current one; a given consent that is now refused is first withdrawn.
    """
    check_consent_activity(call.site, body.activity)
    return await run_in_threadpool(_give, call, body)


def _give(call: Api, body: ConsentIn) -> ConsentOut:
    org = call.site.organisation_id
    activity = call.site.compiled.activities.get(body.activity)
    purposes = body.purposes
    if purposes is None:
        purposes = list(call.site.register.activity(body.activity).purposes) if activity else []
    shown = Shown(
        text_hash=body.shown_text_hash or text_hash(body.shown_text or ""),
        language=body.language,
        method=body.collection_method,
        purposes=purposes,
        data_categories=sorted(activity.declared) if activity is not None else [],
        evidence=body.evidence,
        system=call.caller.system,
    )
    with call.state.store.transaction() as session:
        holder = _holder(session, call, body, create=True)
        previous = latest(session, org, holder, body.activity)
        record = choose(
            session,
            org,
            holder,
            activity=body.activity,
            given=body.state == "given",
            shown=shown,
            actor=call.caller.actor,
            previous=previous,
        )
        out = as_json(record)
    return ConsentOut.model_validate(out)


@router.post("/consents/withdraw", response_model=ConsentOut, responses=ERRORS)
async def withdraw_consent(body: WithdrawIn, call: Call) -> ConsentOut:
    """Withdraw a given consent (Art. 7(3)); 404 when none is in force."""
    check_consent_activity(call.site, body.activity)
    return await run_in_threadpool(_withdraw, call, body)


def _withdraw(call: Api, body: WithdrawIn) -> ConsentOut:
    org = call.site.organisation_id
    with call.state.store.transaction() as session:
        holder = _holder(session, call, body, create=False)
        record = withdraw(
            session,
            org,
            holder,
            activity=body.activity,
            method=body.method,
            actor=call.caller.actor,
        )
        if record is None:
            raise NotFoundError("no consent in force for this activity")
        out = as_json(record)
    return ConsentOut.model_validate(out)


@router.post("/consents/state", response_model=ConsentStateOut, responses=ERRORS)
async def consent_state(body: HolderIn, call: Call) -> ConsentStateOut:
    """The current consent per activity of a person or a visitor (the newest record)."""
    return await run_in_threadpool(_read, call, body)


def _read(call: Api, body: HolderIn) -> ConsentStateOut:
    with call.state.store.reading() as session:
        holder = _holder(session, call, body, create=False)
        rows = [as_json(r) for r in current(session, call.site.organisation_id, holder).values()]
    result: ConsentStateOut = ConsentStateOut.of(holder.subject_ref, holder.anonymous_id, rows)
    return result
