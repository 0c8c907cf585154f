"""The admin console of the privacy contact: what is due, requests, the register, the audit log.

Every route here depends on :func:`waarborg.web.admin_auth.require` with the
permission it needs; the login, logout and language routes are the only ones
open without a session. Pages are rendered on the server in the language the
person chose (Dutch by default) and carry CSRF tokens for their forms.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from waarborg import retention
from waarborg._exceptions import InputError
from waarborg.i18n import N_
from waarborg.jobs.outbox import queue_status
from waarborg.rights.workflow import local_day
from waarborg.rights.workflow_queue import open_requests
from waarborg.store.admins import Account
from waarborg.store.base import utcnow
from waarborg.web import admin_auth, admin_views
from waarborg.web.admin_auth import admin_language, console_page, require, site_of
from waarborg.web.api.deps import app_state

router = APIRouter(prefix="/admin", include_in_schema=False)

router.add_api_route("/login", admin_auth.login_form, methods=["GET"], response_class=HTMLResponse)
router.add_api_route("/login", admin_auth.log_in, methods=["POST"])
router.add_api_route("/logout", admin_auth.log_out, methods=["POST"])
router.add_api_route("/language", admin_auth.switch_language, methods=["GET"])


@router.get("", response_class=HTMLResponse)
@router.get("/", response_class=HTMLResponse)
def dashboard(
    request: Request, account: Annotated[Account, Depends(require("dashboard"))]
) -> Response:
    site = site_of(request, account)
    lang = admin_language(request)
    store = app_state(request).store
    today = local_day(utcnow())
    with store.reading() as session:
        consents = admin_views.consent_series(session, site, lang)
        queue = open_requests(session, site.organisation_id, today)
        mail = queue_status(session, site.organisation_id)
    with store.read_connection() as connection:
        verification = admin_views.integrity(connection, site)
    return console_page(
        request, account, "admin/dashboard.html", consents=consents, queue=queue,
        findings=admin_views.findings(site), verification=verification,
        sweep=admin_views.retention_plan(site, today, store),
        runs=retention.recent_runs(store, site.organisation_id, limit=5), mail=mail,
    )  # fmt: skip


@router.get("/register", response_class=HTMLResponse)
def register_view(
    request: Request, account: Annotated[Account, Depends(require("register.view"))]
) -> Response:
    site = site_of(request, account)
    return console_page(
        request, account, "admin/register.html", findings=admin_views.findings(site)
    )


def _audit_filters(request: Request) -> dict[str, str]:
    filters = {
        name: request.query_params.get(name, "").strip()[:80] for name in admin_views.AUDIT_FILTERS
    }
    for name in ("since", "until"):
        if filters[name]:
            try:
                date.fromisoformat(filters[name])
            except ValueError:
                raise InputError.translatable(N_("give a date as YYYY-MM-DD"), field=name) from None
    return filters


def _audit_page(request: Request, account: Account, **extra: Any) -> Response:
    site = site_of(request, account)
    filters = _audit_filters(request)
    before = request.query_params.get("before")
    with app_state(request).store.reading() as session:
        rows = admin_views.audit_page(
            session, site, filters, int(before) if before and before.isdigit() else None
        )
        choices = admin_views.audit_choices(session, site)
    return console_page(
        request, account, "admin/audit.html", rows=rows, filters=filters, choices=choices,
        page_size=admin_views.PAGE_SIZE, **extra,
    )  # fmt: skip


@router.get("/audit", response_class=HTMLResponse)
def audit_log(
    request: Request, account: Annotated[Account, Depends(require("audit.view"))]
) -> Response:
    return _audit_page(request, account, verification=None)


@router.post("/audit/verify", response_class=HTMLResponse)
def verify_now(
    request: Request,
    account: Annotated[Account, Depends(require("audit.view"))],
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    app_state(request).csrf.check(request, csrf_token)
    site = site_of(request, account)
    with app_state(request).store.read_connection() as connection:
        verification = admin_views.integrity(connection, site)
    return _audit_page(request, account, verification=verification)


@router.get("/audit/verify", include_in_schema=False)
def verify_redirect(_: Annotated[Account, Depends(require("audit.view"))]) -> Response:
    return RedirectResponse("/admin/audit", status_code=303)
