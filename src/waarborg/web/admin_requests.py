"""Data-subject requests in the console: the list, one request, and its next step.

The steps are the workflow's own (:mod:`waarborg.rights.workflow`): plan, approve,
extend with reasons, reject with reasons, execute, close; each writes its audit
entry and queues its mail in one transaction, and the console then asks the job
runner to deliver. Planning and executing open the company's systems from the
site's systems map (``Site.systems``, from ``Settings.systems_path`` at start), as
the ``handle-request`` job does.

A request page shows the requester's address, so opening it is itself an audit
entry naming the viewer (``admin.request-viewed``). The access package is the
person's data: only the privacy officer may download it from here
(``requests.export``), and that is audited as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from sqlalchemy import select
from starlette.responses import HTMLResponse, RedirectResponse, Response

from waarborg import audit
from waarborg._exceptions import ConflictError, NotFoundError
from waarborg.i18n import N_
from waarborg.rights import workflow
from waarborg.rights.execute import Fulfilment
from waarborg.rights.workflow import local_day
from waarborg.rights.workflow_jobs import site_fulfilment
from waarborg.rights.workflow_links import Desk
from waarborg.rights.workflow_queue import open_requests, view
from waarborg.store.admins import Account
from waarborg.store.base import utcnow
from waarborg.store.request_tables import REQUEST_KINDS, REQUEST_STATES, SubjectRequest
from waarborg.store.tables import Subject
from waarborg.web.admin_auth import console_page, require, site_of
from waarborg.web.api.deps import app_state
from waarborg.web.site import Site

router = APIRouter(prefix="/admin/requests", include_in_schema=False)
Viewer = Annotated[Account, Depends(require("requests.view"))]
Actor = Annotated[Account, Depends(require("requests.act"))]
Exporter = Annotated[Account, Depends(require("requests.export"))]
PAGE = 100


def _desk(request: Request) -> Desk:
    state = app_state(request)
    return Desk.from_settings(state.settings, state.store)


@contextmanager
def _fulfilment(request: Request, site: Site) -> Iterator[Fulfilment]:
    """The site's connected systems, as the ``handle-request`` job opens them."""
    if site.systems is None:
        raise ConflictError.translatable(
            N_("no systems map is configured (WAARBORG_SYSTEMS_PATH): plan and execute need one")
        )
    state = app_state(request)
    with site_fulfilment(state.store, state.secret, site) as service:
        yield service


def _row(request: Request, site: Site, ref: str) -> SubjectRequest:
    with app_state(request).store.reading() as session:
        row = workflow.find(session, ref)
    if row is None or row.organisation_id != site.organisation_id:
        raise NotFoundError.translatable(N_("no such request"))
    return row


@router.get("", response_class=HTMLResponse)
def request_list(request: Request, account: Viewer) -> Response:
    site = site_of(request, account)
    kind = request.query_params.get("kind", "")
    wanted = request.query_params.get("state", "open")
    today = local_day(utcnow())
    with app_state(request).store.reading() as session:
        if wanted == "open":
            rows = open_requests(session, site.organisation_id, today).all()
        else:
            query = select(SubjectRequest).where(
                SubjectRequest.organisation_id == site.organisation_id
            )
            if wanted in REQUEST_STATES:
                query = query.where(SubjectRequest.state == wanted)
            found = session.scalars(query.order_by(SubjectRequest.received_at.desc()).limit(PAGE))
            rows = [view(r, today) for r in found]
    if kind in REQUEST_KINDS:
        rows = [r for r in rows if r.kind == kind]
    return console_page(
        request, account, "admin/requests.html", rows=rows, kind=kind, wanted=wanted,
        kinds=REQUEST_KINDS, states=REQUEST_STATES,
    )  # fmt: skip


@router.get("/{ref}", response_class=HTMLResponse)
def request_detail(request: Request, account: Viewer, ref: str) -> Response:
    site = site_of(request, account)
    row = _row(request, site, ref)
    shows_contact = account.may("requests.act") and row.contact is not None
    if shows_contact:
        with app_state(request).store.transaction() as session:
            subject_ref = session.scalar(select(Subject.ref).where(Subject.id == row.subject_id))
            audit.append(session, site.organisation_id, actor=account.actor,
                         action="admin.request-viewed", subject_ref=subject_ref,
                         details={"request": row.ref})  # fmt: skip
    return console_page(
        request, account, "admin/request.html", row=row, item=view(row, local_day(utcnow())),
        shows_contact=shows_contact, plan=row.details.get("plan"),
        summary=row.details.get("summary"),
    )  # fmt: skip


def _done(request: Request, ref: str) -> Response:
    app_state(request).jobs.defer("deliver-mail")
    return RedirectResponse(f"/admin/requests/{ref}", status_code=303)


def _checked(request: Request, account: Account, ref: str, token: str) -> Site:
    app_state(request).csrf.check(request, token)
    site = site_of(request, account)
    _row(request, site, ref)
    return site


CsrfField = Annotated[str, Form()]


@router.post("/{ref}/plan")
def plan_request(
    request: Request, account: Actor, ref: str, csrf_token: CsrfField = ""
) -> Response:
    site = _checked(request, account, ref, csrf_token)
    with _fulfilment(request, site) as service:
        workflow.plan(_desk(request), ref, service, actor=account.actor)
    return _done(request, ref)


@router.post("/{ref}/approve")
def approve_request(
    request: Request, account: Actor, ref: str, csrf_token: CsrfField = ""
) -> Response:
    _checked(request, account, ref, csrf_token)
    workflow.approve(_desk(request), ref, actor=account.actor)
    return _done(request, ref)


@router.post("/{ref}/extend")
def extend_request(
    request: Request,
    account: Actor,
    ref: str,
    months: Annotated[int, Form(ge=1, le=2)],
    reason: Annotated[str, Form(max_length=2000)],
    csrf_token: CsrfField = "",
) -> Response:
    _checked(request, account, ref, csrf_token)
    workflow.extend(_desk(request), ref, months, reason, actor=account.actor)
    return _done(request, ref)


@router.post("/{ref}/reject")
def reject_request(
    request: Request,
    account: Actor,
    ref: str,
    reason: Annotated[str, Form(max_length=2000)],
    csrf_token: CsrfField = "",
) -> Response:
    _checked(request, account, ref, csrf_token)
    workflow.reject(_desk(request), ref, reason, actor=account.actor)
    return _done(request, ref)


@router.post("/{ref}/execute")
def execute_request(
    request: Request, account: Actor, ref: str, csrf_token: CsrfField = ""
) -> Response:
    site = _checked(request, account, ref, csrf_token)
    with _fulfilment(request, site) as service:
        workflow.execute(_desk(request), ref, service, actor=account.actor)
    return _done(request, ref)


@router.post("/{ref}/close")
def close_request(
    request: Request, account: Actor, ref: str, csrf_token: CsrfField = ""
) -> Response:
    _checked(request, account, ref, csrf_token)
    workflow.close(_desk(request), ref, actor=account.actor)
    return RedirectResponse(f"/admin/requests/{ref}", status_code=303)


@router.get("/{ref}/package")
def export_package(request: Request, account: Exporter, ref: str) -> Response:
    """The access package of someone else: privacy officer only, and audited."""
    site = site_of(request, account)
    row = _row(request, site, ref)
    if not row.package_path or not Path(row.package_path).exists():
        raise NotFoundError.translatable(N_("this request has no package (any more)"))
    data = Path(row.package_path).read_bytes()
    with app_state(request).store.transaction() as session:
        subject_ref = session.scalar(select(Subject.ref).where(Subject.id == row.subject_id))
        audit.append(session, site.organisation_id, actor=account.actor,
                     action="admin.package-exported", subject_ref=subject_ref,
                     details={"request": row.ref})  # fmt: skip
    return Response(
        data, media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{row.ref}.zip"',
                 "Cache-Control": "no-store"},
    )  # fmt: skip
