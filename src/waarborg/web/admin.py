"""The admin console of the privacy contact: what is due, requests, the audit log.

A placeholder until the admin console is built: later work adds its routes (with
login) to this router and its templates under ``templates/admin/``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from waarborg.web.api.deps import app_state
from waarborg.web.templating import page

router = APIRouter(prefix="/admin", include_in_schema=False)


@router.get("", response_class=HTMLResponse)
@router.get("/", response_class=HTMLResponse)
async def console(request: Request) -> HTMLResponse:
    site = app_state(request).sites.default
    return page(request, "admin/index.html", "nl", site=site)
