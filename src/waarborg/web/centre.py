"""The privacy centre, where a person sees, takes along, corrects or removes their data.

A placeholder until the data-subject request workflow fills it: later work adds
its routes to this router and its templates under ``templates/centre/``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from waarborg.web.api.deps import app_state
from waarborg.web.templating import language, page

router = APIRouter(include_in_schema=False)


@router.get("/privacy-centre", response_class=HTMLResponse)
@router.get("/en/privacy-centre", response_class=HTMLResponse)
async def centre(request: Request) -> HTMLResponse:
    site = app_state(request).sites.default
    return page(request, "centre/index.html", language(request), site=site)
