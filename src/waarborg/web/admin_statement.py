"""Publishing a new statement version from the console: the diff first, then the notice.

The draft is the register file the site was started from, read again from disk
(the privacy contact edits it, then comes here). The page shows what changed
against the newest published version and whom it reaches; the publish form
carries the content hash that was shown, so what is published is exactly what
was reviewed. Publishing is idempotent (same content, same version) and so is
the notice: posting again after an interruption creates the missing notice
instead of a second one.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from sqlalchemy import select
from starlette.responses import HTMLResponse, RedirectResponse, Response

from waarborg import audit
from waarborg._exceptions import ConflictError, NotFoundError
from waarborg.i18n import N_
from waarborg.jobs import notices
from waarborg.register import Register, load_register
from waarborg.statement import build_version, describe_diff, diff_registers
from waarborg.statement.versions import StatementVersion
from waarborg.store.admins import Account
from waarborg.store.notice_tables import StatementNotice
from waarborg.store.statements import list_versions, publish_version
from waarborg.store.tables import StatementVersion as VersionRow
from waarborg.web.admin_auth import admin_language, console_page, require, site_of
from waarborg.web.api.deps import app_state
from waarborg.web.site import Site

router = APIRouter(prefix="/admin", include_in_schema=False)
Publisher = Annotated[Account, Depends(require("statement.publish"))]


def _draft(site: Site) -> Register:
    path = site.register.source_file
    return load_register(path) if path and not path.startswith("<") else site.register


def _previous(request: Request, site: Site, content_hash: str) -> StatementVersion | None:
    """The newest published version with other content than ``content_hash``."""
    others = [
        v
        for v in list_versions(app_state(request).store, site.slug)
        if v.content_hash != content_hash
    ]
    return others[-1] if others else None


def _review(request: Request, site: Site, draft: Register) -> dict[str, Any]:
    version = build_version(draft)
    published = list_versions(app_state(request).store, site.slug)
    previous = _previous(request, site, version.content_hash)
    current = bool(published) and published[-1].content_hash == version.content_hash
    lines: list[str] = []
    activities: list[str] = []
    if previous is not None:
        old = previous.register()
        diff = diff_registers(old, draft)
        lines = describe_diff(diff, old, draft, admin_language(request))
        activities = notices.changed_activities(diff, draft)
    with app_state(request).store.reading() as session:
        affected = notices.count_affected(session, site.organisation_id, activities, draft)
    return {
        "version": version, "previous": previous, "current": current, "lines": lines,
        "activities": activities, "affected": affected,
    }  # fmt: skip


@router.get("/statement", response_class=HTMLResponse)
def statement(request: Request, account: Publisher) -> Response:
    site = site_of(request, account)
    with app_state(request).store.reading() as session:
        recent = list(
            session.scalars(
                select(StatementNotice)
                .where(StatementNotice.organisation_id == site.organisation_id)
                .order_by(StatementNotice.id.desc())
                .limit(5)
            )
        )
    return console_page(
        request, account, "admin/statement.html", notices=recent,
        **_review(request, site, _draft(site)),
    )  # fmt: skip


@router.post("/statement/publish")
def publish(
    request: Request,
    account: Publisher,
    content_hash: Annotated[str, Form(max_length=64)],
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    state = app_state(request)
    state.csrf.check(request, csrf_token)
    site = site_of(request, account)
    draft = _draft(site)
    review = _review(request, site, draft)
    version: StatementVersion = review["version"]
    if version.content_hash != content_hash:
        raise ConflictError.translatable(
            N_("the register changed after you reviewed it; look at the changes again")
        )
    published = publish_version(state.store, draft.organisation.name, version, account.actor)
    notice_id = None
    with state.store.transaction() as session:
        row = session.scalars(
            select(VersionRow).where(
                VersionRow.organisation_id == site.organisation_id,
                VersionRow.content_hash == version.content_hash,
            )
        ).one()
        existing = session.scalar(
            select(StatementNotice.id).where(StatementNotice.statement_version_id == row.id)
        )
        if published.created:
            details = {"version": version.version, "hash": version.content_hash[:16]}
            audit.append(session, site.organisation_id, actor=account.actor,
                         action="statement.publish", details=details)  # fmt: skip
        if existing is None and review["activities"]:
            notice = notices.start_notice(
                session, site.organisation_id, row.id, review["activities"], draft, account.actor
            )
            notice_id = notice.id
    if notice_id is None:
        return RedirectResponse("/admin/statement", status_code=303)
    state.jobs.defer(notices.TASK, notice_id=notice_id)
    return RedirectResponse(f"/admin/statement/notices/{notice_id}", status_code=303)


@router.get("/statement/notices/{notice_id}", response_class=HTMLResponse)
def notice_progress(request: Request, account: Publisher, notice_id: int) -> Response:
    site = site_of(request, account)
    with app_state(request).store.reading() as session:
        notice = session.get(StatementNotice, notice_id)
        if notice is None or notice.organisation_id != site.organisation_id:
            raise NotFoundError.translatable(N_("no such notice"))
        sent = notices.sent_count(session, notice)
        version = session.get_one(VersionRow, notice.statement_version_id).version
    return console_page(
        request, account, "admin/notice.html", notice=notice, sent=sent, version=version
    )
