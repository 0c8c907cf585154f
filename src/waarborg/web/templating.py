"""Jinja2 pages in Dutch and English, with gettext for every text a person reads.

Templates live in ``web/templates/`` (one folder per area: ``privacy/``,
``centre/``, ``admin/``) and write their texts as ``{{ _("English text") }}``;
``python -m tools.messages`` collects them into the Dutch catalogue. Each
language has an environment of its own, so rendering never switches a shared
translation between requests.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import HTMLResponse

from waarborg.i18n import LANGUAGES, template_environment


def environment(lang: str) -> Environment:
    return template_environment("waarborg.web", lang)


def render(name: str, lang: str, **context: Any) -> str:
    return environment(lang).get_template(name).render(lang=lang, **context)


def page(
    request: Request, name: str, lang: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """An HTML response; templates get ``lang``, ``other_lang`` and ``path`` for links."""
    other = next(code for code in LANGUAGES if code != lang)
    html = render(name, lang, other_lang=other, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)


def language(request: Request) -> str:
    """English for paths under ``/en/``, else Dutch (the statement's first language)."""
    return "en" if request.url.path.startswith("/en/") or request.url.path == "/en" else "nl"
