"""Newsletter sign-up and confirmation, one-click unsubscribe, marketing preferences.

Pages under ``/o/<organisation>/``; the language comes from ``?lang=`` or the
signed link. The unsubscribe URL takes RFC 8058's one-click POST
(``List-Unsubscribe=One-Click``) from a mail client, which sends no cookies, so
that POST carries no CSRF token: the signed link is the authority, and all it
can do is stop mail. The other forms carry one.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse

from waarborg.consent import newsletter
from waarborg.consent.channels import channels_of, chosen, marketing_activities, set_channels
from waarborg.consent.links import verify
from waarborg.i18n import N_, translate
from waarborg.store.subjects import subject_by_ref
from waarborg.web.api.deps import app_state
from waarborg.web.protect import CSRF_FIELD, client_address, rate_limit
from waarborg.web.site import Site
from waarborg.web.state import AppState

router = APIRouter(include_in_schema=False)


def _lang(request: Request, site: Site, wanted: Any = None) -> str:
    lang = wanted or request.query_params.get("lang") or site.register.statement.languages[0]
    return lang if lang in site.register.statement.languages else "nl"


def _message(request: Request, site: Site, lang: str, heading: str, text: str) -> HTMLResponse:
    state = app_state(request)
    return state.csrf.page(
        request,
        "consent/message.html",
        lang,
        site=site,
        heading=translate(lang, heading),
        message=translate(lang, text),
    )


def _links(request: Request, state: AppState, site: Site) -> newsletter.Links:
    return newsletter.Links(str(request.base_url), site.slug, state.secret)


@router.get("/o/{organisation}/newsletter", response_class=HTMLResponse)
async def signup_form(request: Request, organisation: str) -> HTMLResponse:
    state = app_state(request)
    site = state.sites.get(organisation)
    lang = _lang(request, site)
    text = newsletter.signup_text(site.register, lang)
    return state.csrf.page(request, "consent/signup.html", lang, site=site, consent_text=text)


@router.post("/o/{organisation}/newsletter", response_class=HTMLResponse)
async def signup(request: Request, organisation: str) -> HTMLResponse:
    """Queue the confirmation mail; the answer is the same for any address."""
    state = app_state(request)
    site = state.sites.get(organisation)
    form = await request.form()
    state.csrf.check(request, str(form.get(CSRF_FIELD) or ""))
    lang = _lang(request, site, form.get("lang"))
    email = str(form.get("email") or "").strip()
    await run_in_threadpool(
        rate_limit,
        state.store,
        state.secret,
        "newsletter",
        client_address(request),
        limit=10,
        window=timedelta(hours=1),
    )
    if "@" in email and len(email) <= 254:
        links = _links(request, state, site)

        def write() -> None:
            with state.store.transaction() as session:
                newsletter.sign_up(
                    session, site.organisation_id, site.register, links, email=email, lang=lang
                )

        await run_in_threadpool(write)
        state.jobs.defer("deliver-mail")
    return _message(
        request,
        site,
        lang,
        N_("Check your e-mail"),
        N_("We have sent you a link to confirm. Until you do, we send you nothing."),
    )


@router.get("/o/{organisation}/newsletter/confirm", response_class=HTMLResponse)
async def confirm_form(request: Request, organisation: str, t: str) -> HTMLResponse:
    state = app_state(request)
    site = state.sites.get(organisation)
    lang = _lang(request, site, verify(state.secret, "confirm", t).get("l"))
    return state.csrf.page(request, "consent/confirm.html", lang, site=site, token=t)


@router.post("/o/{organisation}/newsletter/confirm", response_class=HTMLResponse)
async def confirm(request: Request, organisation: str) -> HTMLResponse:
    state = app_state(request)
    site = state.sites.get(organisation)
    form = await request.form()
    state.csrf.check(request, str(form.get(CSRF_FIELD) or ""))
    token = str(form.get("t") or "")

    def write() -> str:
        with state.store.transaction() as session:
            record = newsletter.confirm(
                session, site.organisation_id, site.register, state.secret, token
            )
            return record.language

    lang = _lang(request, site, await run_in_threadpool(write))
    return _message(
        request, site, lang, N_("Subscribed"), N_("Thank you: your subscription is confirmed.")
    )


@router.get("/o/{organisation}/unsubscribe", response_class=HTMLResponse)
async def unsubscribe_form(request: Request, organisation: str, t: str) -> HTMLResponse:
    state = app_state(request)
    site = state.sites.get(organisation)
    verify(state.secret, "unsubscribe", t)
    return state.csrf.page(
        request, "consent/unsubscribe.html", _lang(request, site), site=site, token=t
    )


@router.post("/o/{organisation}/unsubscribe", response_class=HTMLResponse)
async def unsubscribe(request: Request, organisation: str, t: str) -> HTMLResponse:
    """RFC 8058 one-click: a POST with ``List-Unsubscribe=One-Click``; no cookies needed."""
    state = app_state(request)
    site = state.sites.get(organisation)
    form = await request.form()
    method = "one-click" if form.get("List-Unsubscribe") == "One-Click" else "unsubscribe-link"

    def write() -> None:
        with state.store.transaction() as session:
            newsletter.unsubscribe(session, site.organisation_id, state.secret, t, method=method)

    await run_in_threadpool(write)
    return _message(
        request,
        site,
        _lang(request, site),
        N_("Unsubscribed"),
        N_("You have been unsubscribed. We stop at once."),
    )


def _preferences(request: Request, site: Site, token: str, *, saved: bool) -> HTMLResponse:
    state = app_state(request)
    payload = verify(state.secret, "preferences", token)
    lang = _lang(request, site, payload.get("l"))
    register = site.register
    with state.store.reading() as session:
        subject = subject_by_ref(session, site.organisation_id, payload["s"])
        activities = []
        for activity in marketing_activities(register):
            on = chosen(session, register, subject, activity)
            title = register.activity(activity).title
            channels = [
                {
                    "id": c,
                    "on": c in on,
                    "label": register.vocabulary.label("marketing_channels", c, lang),
                }
                for c in channels_of(register, activity)
            ]
            activities.append(
                {
                    "id": activity,
                    "title": title.get(lang) if lang in title.languages() else title.texts()[0],
                    "channels": channels,
                }
            )
    return state.csrf.page(
        request,
        "consent/preferences.html",
        lang,
        site=site,
        token=token,
        activities=activities,
        saved=saved,
    )


@router.get("/o/{organisation}/preferences", response_class=HTMLResponse)
async def preferences(request: Request, organisation: str, t: str) -> HTMLResponse:
    site = app_state(request).sites.get(organisation)
    return await run_in_threadpool(_preferences, request, site, t, saved=False)


@router.post("/o/{organisation}/preferences", response_class=HTMLResponse)
async def save_preferences(request: Request, organisation: str, t: str) -> HTMLResponse:
    """Apply the channels ticked: an unticked one is an objection, taking effect at once."""
    state = app_state(request)
    site = state.sites.get(organisation)
    form = await request.form()
    state.csrf.check(request, str(form.get(CSRF_FIELD) or ""))
    payload = verify(state.secret, "preferences", t)

    def write() -> None:
        with state.store.transaction() as session:
            subject = subject_by_ref(session, site.organisation_id, payload["s"])
            for activity in marketing_activities(site.register):
                wanted = {str(v) for v in form.getlist(activity)}
                set_channels(session, site.register, subject, activity, wanted)

    await run_in_threadpool(write)
    return await run_in_threadpool(_preferences, request, site, t, saved=True)
