"""The privacy centre: a person asks to see, take along, correct or remove their data,
to restrict or object to processing, to withdraw consent or to stop marketing.

Pages live under ``/privacy/…`` (Dutch) and ``/en/privacy/…`` (English) and work
without JavaScript. The flow: the request form → a page saying a mail is on its
way (the same page, and the same mail timing, whether or not the address is
known) → the mailed link opens a confirmation page whose button verifies the
request (a GET never changes anything, so mail scanners that open links do not
use them up) → the signed status page. The ``handle-request`` job then plans and,
where no approval is needed, carries out the request and mails the answer; an
access package is downloaded from its own page, by a button, within its limits.

Abuse resistance: CSRF tokens on every form, rate limits per client address and
per e-mail address (counted in the store), a size limit on posted forms and on
every field; headers come from :mod:`waarborg.web.security`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData, UploadFile
from starlette.responses import HTMLResponse, RedirectResponse, Response

from waarborg._exceptions import InputError, RateLimitedError, WaarborgError
from waarborg.i18n import N_, translate
from waarborg.identity import keyed_hash, normalise_email
from waarborg.rights import workflow
from waarborg.rights.id_copy import MAX_BYTES
from waarborg.rights.rectify import validate_fields
from waarborg.rights.workflow import LinkError
from waarborg.rights.workflow_links import Desk
from waarborg.store.request_tables import REQUEST_KINDS
from waarborg.web.api.deps import app_state
from waarborg.web.centre_view import (
    CHANNEL_LABELS,
    CHANNELS,
    CORRECTABLE,
    FIELD_LABELS,
    field_problem,
    id_copy_view,
    kind_help,
    marketing_channels,
    status_view,
)
from waarborg.web.protect import CsrfError, client_address, rate_limit
from waarborg.web.site import Site
from waarborg.web.templating import language

router = APIRouter(include_in_schema=False)

MAX_FORM_BYTES = 16 * 1024
MAX_COPY_BYTES = MAX_BYTES
MAX_TEXT = 2000
MAX_VALUE = 200
PER_ADDRESS = (10, timedelta(hours=1))
"""Requests one client address may submit per hour."""
PER_EMAIL = (3, timedelta(hours=1))
"""Requests for one e-mail address per hour (each sends a mail to that address)."""


def _prefix(lang: str) -> str:
    return "/en/privacy" if lang == "en" else "/privacy"


def _switch(request: Request, lang: str) -> str:
    """The same page in the other language."""
    path = request.url.path
    return path.removeprefix("/en") if lang == "en" else "/en" + path


def _desk(request: Request) -> Desk:
    state = app_state(request)
    return Desk.from_settings(state.settings, state.store)


def _site(request: Request) -> Site:
    return app_state(request).sites.default


def _page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = language(request)
    state = app_state(request)
    return state.csrf.page(
        request,
        f"centre/{name}",
        lang,
        status_code,
        site=_site(request),
        prefix=_prefix(lang),
        switch=_switch(request, lang),
        **context,
    )


def _problem(request: Request, error: WaarborgError) -> HTMLResponse:
    return _page(
        request, "problem.html", error.http_status, message=error.render(language(request))
    )


@router.get("/privacy-centre", response_class=HTMLResponse)
@router.get("/en/privacy-centre", response_class=HTMLResponse)
async def centre(request: Request) -> HTMLResponse:
    return _page(request, "index.html", kinds=kind_help(language(request)))


@router.get("/privacy/request", response_class=HTMLResponse)
@router.get("/en/privacy/request", response_class=HTMLResponse)
async def request_form(request: Request, assertion: str | None = None) -> HTMLResponse:
    """The form; ``?assertion=…`` from the company's own site (a logged-in customer)
    fills in their address and spares them the confirmation mail."""
    values: dict[str, Any] = {}
    if assertion and len(assertion) <= 2000:
        email = _desk(request).login_email(assertion)
        if email:
            values = {"email": email, "assertion": assertion}
    return _form(request, values)


def _form(
    request: Request, values: dict[str, Any], problem: str | None = None, status: int = 200
) -> HTMLResponse:
    site, lang = _site(request), language(request)
    named = marketing_channels(site.register)
    return _page(
        request,
        "request.html",
        status,
        kinds=kind_help(lang),
        id_copy=id_copy_view(site.register, lang),
        correctable=[(n, translate(lang, FIELD_LABELS[n])) for n in CORRECTABLE],
        channels=[(c, translate(lang, CHANNEL_LABELS[c])) for c in CHANNELS if c in named],
        values=values,
        problem=problem,
        max_text=MAX_TEXT,
        max_value=MAX_VALUE,
    )


@router.post("/privacy/request", response_class=HTMLResponse)
@router.post("/en/privacy/request", response_class=HTMLResponse)
async def submit_request(request: Request) -> Response:
    lang = language(request)
    state = app_state(request)
    wants_copy = _site(request).register.rights.verification.id_copy.required
    limit = MAX_FORM_BYTES + (MAX_COPY_BYTES if wants_copy else 0)
    if int(request.headers.get("content-length") or 0) > limit:
        return _problem(request, _too_large())
    form = await request.form(max_files=1 if wants_copy else 0, max_fields=60)
    upload = form.get("id_copy")
    copy = await upload.read(MAX_COPY_BYTES + 1) if isinstance(upload, UploadFile) else None
    values = _values(form)
    try:
        state.csrf.check(request, _token(form))
        kind, email, details = _read(values)
        rate_limit(
            state.store,
            state.secret,
            "request-form",
            f"ip:{client_address(request)}",
            limit=PER_ADDRESS[0],
            window=PER_ADDRESS[1],
        )
        rate_limit(
            state.store,
            state.secret,
            "request-form",
            f"email:{keyed_hash(state.secret, 'email', email)}",
            limit=PER_EMAIL[0],
            window=PER_EMAIL[1],
        )
        site, desk = _site(request), _desk(request)
        login = _login(desk, values, email)
        submitted = workflow.submit(
            desk,
            site.register,
            site.organisation_id,
            kind=kind,
            email=email,
            language=lang,
            details=details,
            verified_by="login" if login else None,
            id_copy=copy,
        )
    except CsrfError as error:
        return _problem(request, error)
    except InputError as error:
        return _form(request, values, field_problem(error, lang), 422)
    except RateLimitedError as error:
        return _form(request, values, error.render(lang), 429)
    state.jobs.defer("deliver-mail")
    if login:
        state.jobs.defer("handle-request", ref=submitted.ref)
        return RedirectResponse(desk.status_link(submitted.ref, lang), status_code=303)
    return RedirectResponse(f"{_prefix(lang)}/sent", status_code=303)


def _login(desk: Desk, values: dict[str, Any], email: str) -> bool:
    """Whether the form carries a valid assertion from the company's site for ``email``;
    otherwise the request is verified by mail as usual."""
    assertion = str(values.get("assertion", ""))[:2000]
    vouched = desk.login_email(assertion) if assertion else None
    if vouched is None:
        return False
    try:
        return normalise_email(vouched) == email
    except InputError:
        return False


class FormTooLargeError(InputError):
    http_status = 413


def _too_large() -> FormTooLargeError:
    return FormTooLargeError.translatable(N_("the form is too large"), field="form")


def _token(form: FormData) -> str | None:
    submitted = form.get("csrf_token")
    return submitted if isinstance(submitted, str) else None


def _values(form: FormData) -> dict[str, Any]:
    """The posted fields as plain strings (lists for the channel boxes)."""
    values: dict[str, Any] = {}
    for key in form:
        if key == "id_copy":
            continue
        items = [v for v in form.getlist(key) if isinstance(v, str)]
        values[key] = items if key == "channel" else (items[0] if items else "")
    return values


def _read(values: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """Kind, normalised address and the details the kind needs; InputError otherwise."""
    kind = str(values.get("kind", ""))
    if kind not in REQUEST_KINDS:
        raise InputError("choose what you want", field="kind", allowed=REQUEST_KINDS)
    email = normalise_email(str(values.get("email", ""))[:320])
    details: dict[str, Any] = {}
    text = str(values.get("message", "")).strip()
    if len(text) > MAX_TEXT:
        raise InputError("too long", field="message")
    if text and kind in ("objection", "restriction"):
        details["reason"] = text
    if kind == "rectification":
        fields = {}
        for name in CORRECTABLE:
            value = str(values.get(f"field-{name}", "")).strip()
            if len(value) > MAX_VALUE:
                raise InputError("too long", field=name)
            if value:
                fields[name] = value
        if not fields:
            raise InputError("say what to correct", field="fields")
        details["fields"] = dict(validate_fields(fields))
    if kind == "stop-marketing":
        details["channels"] = [c for c in values.get("channel", []) if c in CHANNELS]
    return kind, email, details


@router.get("/privacy/sent", response_class=HTMLResponse)
@router.get("/en/privacy/sent", response_class=HTMLResponse)
async def sent(request: Request) -> HTMLResponse:
    return _page(
        request, "sent.html", minutes=app_state(request).settings.verification_link_minutes
    )


@router.get("/privacy/verify/{token}", response_class=HTMLResponse)
@router.get("/en/privacy/verify/{token}", response_class=HTMLResponse)
async def verify_page(request: Request, token: str) -> HTMLResponse:
    return _page(request, "verify.html", token=token)


@router.post("/privacy/verify/{token}", response_class=HTMLResponse)
@router.post("/en/privacy/verify/{token}", response_class=HTMLResponse)
async def verify(request: Request, token: str) -> Response:
    state = app_state(request)
    form = await request.form(max_files=0, max_fields=5)
    desk = _desk(request)
    try:
        state.csrf.check(request, _token(form))
        ref = workflow.verify(desk, token[:100])
    except (CsrfError, LinkError) as error:
        return _problem(request, error)
    state.jobs.defer("deliver-mail")
    state.jobs.defer("handle-request", ref=ref)
    return RedirectResponse(desk.status_link(ref, language(request)), status_code=303)


@router.get("/privacy/request/{token}", response_class=HTMLResponse)
@router.get("/en/privacy/request/{token}", response_class=HTMLResponse)
async def status(request: Request, token: str) -> HTMLResponse:
    desk = _desk(request)
    ref = desk.status_ref(token[:300])
    with app_state(request).store.reading() as session:
        row = workflow.find(session, ref) if ref else None
        if row is None:
            return _problem(request, workflow.link_error())
        shown = status_view(row, desk, language(request))
    return _page(request, "status.html", request_status=shown)


@router.get("/privacy/package/{token}", response_class=HTMLResponse)
@router.get("/en/privacy/package/{token}", response_class=HTMLResponse)
async def package_page(request: Request, token: str) -> HTMLResponse:
    return _page(request, "package.html", token=token)


@router.post("/privacy/package/{token}")
@router.post("/en/privacy/package/{token}")
async def download(request: Request, token: str) -> Response:
    state = app_state(request)
    form = await request.form(max_files=0, max_fields=5)
    try:
        state.csrf.check(request, _token(form))
        ref, data = workflow.download(_desk(request), token[:300])
    except (CsrfError, LinkError) as error:
        return _problem(request, error)
    return Response(
        data,
        media_type="application/zip",
        headers={
            "content-disposition": f'attachment; filename="{ref}.zip"',
            "cache-control": "no-store",
        },
    )
