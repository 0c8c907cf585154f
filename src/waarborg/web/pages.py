"""Public pages: the home page and the privacy statement, in Dutch and English.

The statement is rendered by :func:`waarborg.statement.render_statement` from the
register this server serves, and embedded in the site's own page (its standalone
document carries an inline style, which the Content Security Policy forbids).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from markupsafe import Markup
from starlette.responses import HTMLResponse, JSONResponse

from waarborg._exceptions import NotFoundError
from waarborg.statement import render_statement
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
    """The statement rendered from the register being served, in the page's language."""
    lang = "en" if "/en/" in request.url.path else "nl"
    if lang not in site.register.statement.languages:
        raise NotFoundError("the statement is not published in this language")
    rendered = render_statement(site.register, lang, "html")
    return page(
        request,
        "privacy/statement.html",
        lang,
        site=site,
        title=rendered.title,
        statement=Markup(rendered.body),  # noqa: S704  (the statement renderer's escaped HTML)
    )
