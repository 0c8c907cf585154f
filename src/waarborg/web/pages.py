"""Public pages: the home page and the privacy statement, in Dutch and English.

The statement page is temporary: it lists the register's activities until the
statement generator (``waarborg.statement``) renders the real text here.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, JSONResponse

from waarborg.register import Register
from waarborg.web.api.deps import app_state
from waarborg.web.site import Site
from waarborg.web.templating import language, page

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
@router.get("/en/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    state = app_state(request)
    return page(request, "home.html", language(request), sites=list(state.sites))


@router.get("/healthz")
async def health() -> JSONResponse:
    return JSONResponse({"status": "ok"})


@router.get("/privacy", response_class=HTMLResponse)
@router.get("/en/privacy", response_class=HTMLResponse)
async def statement(request: Request) -> HTMLResponse:
    return _statement(request, app_state(request).sites.default)


@router.get("/o/{organisation}/privacy", response_class=HTMLResponse)
@router.get("/o/{organisation}/en/privacy", response_class=HTMLResponse)
async def statement_of(request: Request, organisation: str) -> HTMLResponse:
    return _statement(request, app_state(request).sites.get(organisation))


def _statement(request: Request, site: Site) -> HTMLResponse:
    lang = "en" if "/en/" in request.url.path else "nl"
    return page(
        request, "privacy/statement.html", lang, site=site, **statement_view(site.register, lang)
    )


def statement_view(register: Register, lang: str) -> dict[str, Any]:
    """Labels for the temporary statement page, in ``lang``."""
    vocabulary = register.vocabulary

    def text(value: Any) -> str | None:
        if value is None:
            return None
        return str(value.get(lang)) if lang in value.languages() else value.texts()[0]

    def labels(kind: Any, ids: list[str]) -> list[str]:
        return [vocabulary.label(kind, i, lang) if vocabulary.has(kind, i) else i for i in ids]

    activities = [
        {
            "title": text(a.title),
            "description": text(a.description),
            "purposes": labels("purposes", a.purposes),
            "categories": labels("data_categories", a.data_categories),
            "basis": labels("legal_bases", [a.basis])[0],
            "retention": a.retention.short(),
            "recipients": [text(register.party(p).name) for p in a.recipients],
        }
        for a in register.activities
    ]
    return {
        "organisation": register.organisation,
        "intro": text(register.statement.intro),
        "effective_date": register.statement.effective_date,
        "activities": activities,
    }
