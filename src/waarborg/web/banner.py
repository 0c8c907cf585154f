"""The cookie banner for a company's own site, and where it records choices.

One line on the company's site loads it::

    <script src="https://privacy.example.nl/o/<organisation>/consent/banner.js" defer></script>

``banner.js`` is vanilla-cookieconsent (served from the ``node_modules`` that
``npm ci`` filled, never copied into the repository), the configuration built from
the register (:mod:`waarborg.consent.banner`) and a few lines that post every first
choice and every change to ``choices``. That endpoint is called from the company's
origin, so it answers CORS (no credentials: the visitor is known only by the
banner's random consent id) and is rate limited per address.
"""

from __future__ import annotations

import json
from datetime import timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Request, Response
from pydantic import Field, StringConstraints
from starlette.concurrency import run_in_threadpool

import waarborg
from waarborg._exceptions import ConfigurationError
from waarborg.consent.banner import banner_config
from waarborg.consent.choices import record_choices
from waarborg.web.api.consent_schemas import AnonymousId
from waarborg.web.api.deps import app_state
from waarborg.web.api.schemas import Body
from waarborg.web.protect import client_address, rate_limit
from waarborg.web.site import Site
from waarborg.web.state import AppState

router = APIRouter(include_in_schema=False)
LIBRARY = Path("vanilla-cookieconsent") / "dist"
CORS = {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "POST, OPTIONS",
    "access-control-allow-headers": "content-type",
    "access-control-max-age": "600",
}


class ChoiceIn(Body):
    consent_id: AnonymousId
    accepted: list[Annotated[str, StringConstraints(max_length=40)]] = Field(max_length=20)
    language: Literal["nl", "en"]


def node_modules(state: AppState) -> Path:
    """The configured ``node_modules``, or the one next to this source checkout."""
    if state.settings.node_modules is not None:
        return state.settings.node_modules
    return Path(waarborg.__file__).resolve().parents[2] / "node_modules"


@cache
def _read(path: Path) -> str:
    if not path.exists():
        raise ConfigurationError(
            "the cookie banner library is missing: run `npm ci` (make venv does) or set "
            "WAARBORG_NODE_MODULES"
        )
    return path.read_text(encoding="utf-8")


def _glue() -> str:
    return (resources.files("waarborg.consent") / "banner_glue.js").read_text(encoding="utf-8")


def _site(request: Request, organisation: str | None) -> tuple[AppState, Site]:
    state = app_state(request)
    return state, state.sites.get(organisation)


@router.get("/consent/banner.js")
@router.get("/o/{organisation}/consent/banner.js")
async def banner_script(request: Request, organisation: str | None = None) -> Response:
    """The banner: library, configuration from the register, and the recording glue."""
    state, site = _site(request, organisation)
    base = str(request.base_url).rstrip("/")
    setup = {
        "css": f"{base}/consent/cookieconsent.css",
        "endpoint": f"{base}/o/{site.slug}/consent/choices",
        "config": banner_config(site.register),
    }
    library = _read(node_modules(state) / LIBRARY / "cookieconsent.umd.js")
    script = (
        f"{library}\n;window.WaarborgBanner = {json.dumps(setup, ensure_ascii=False)};\n{_glue()}"
    )
    return Response(
        script,
        media_type="text/javascript",
        headers={"cache-control": "public, max-age=300", "access-control-allow-origin": "*"},
    )


@router.get("/consent/cookieconsent.css")
async def banner_style(request: Request) -> Response:
    library = node_modules(app_state(request)) / LIBRARY / "cookieconsent.css"
    return Response(
        _read(library),
        media_type="text/css",
        headers={"cache-control": "public, max-age=3600", "access-control-allow-origin": "*"},
    )


@router.options("/consent/choices")
@router.options("/o/{organisation}/consent/choices")
async def choices_preflight(organisation: str | None = None) -> Response:
    return Response(status_code=204, headers=CORS)


@router.post("/consent/choices")
@router.post("/o/{organisation}/consent/choices")
async def post_choices(
    body: ChoiceIn, request: Request, organisation: str | None = None
) -> Response:
    """Record the visitor's choice; committed before the answer."""
    state, site = _site(request, organisation)
    await run_in_threadpool(
        rate_limit,
        state.store,
        state.secret,
        "banner",
        client_address(request),
        limit=120,
        window=timedelta(minutes=1),
    )
    agent = request.headers.get("user-agent")

    def write() -> dict[str, list[str]]:
        with state.store.transaction() as session:
            done = record_choices(
                session,
                site.organisation_id,
                site.register,
                consent_id=body.consent_id,
                accepted=body.accepted,
                language=body.language,
                user_agent=agent,
            )
        return {"given": list(done.given), "refused": list(done.refused)}

    recorded = await run_in_threadpool(write)
    return Response(json.dumps(recorded), media_type="application/json", headers=CORS)
