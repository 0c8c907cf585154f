"""The application factory: ``create_app(settings, store=..., sites=[...])``.

Each area of the web interface is a router of its own, included below: the
JSON API (``web/api/``), the public pages (``pages.py``), the privacy centre
(``centre.py``) and the admin console (``admin.py``). A new area adds a module
with an ``APIRouter``, templates under ``templates/<area>/`` rendered with
:func:`waarborg.web.templating.page`, and one line in :data:`ROUTERS` (an area of
the JSON API: in :data:`waarborg.web.api.ROUTERS`).
Errors become responses in :mod:`waarborg.web.errors`, security headers are set
in :mod:`waarborg.web.security`; neither is repeated in a router.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from waarborg import __version__
from waarborg.jobs import InlineRunner, JobContext, Runner, make_runner
from waarborg.jobs.tasks import load_tasks
from waarborg.settings import Settings
from waarborg.store import Store
from waarborg.web import (
    admin,
    admin_requests,
    admin_statement,
    api,
    banner,
    centre,
    errors,
    marketing,
    pages,
)
from waarborg.web.api.deps import DOCUMENTED_BODIES, ORGANISATION_HEADER
from waarborg.web.security import SecurityHeaders
from waarborg.web.site import Site, Sites
from waarborg.web.state import AppState, KeyCache

ROUTERS: tuple[APIRouter, ...] = (
    pages.router,
    centre.router,
    admin.router,
    banner.router,
    marketing.router,
    admin_statement.router,
    admin_requests.router,
)

DESCRIPTION = """\
waarborg's JSON API for a company's own systems (webshop, portal): post anchor
events, look up people, ask whether an activity may use someone's data, and log
accesses that happened elsewhere. Every call needs an API key
(`Authorization: Bearer wbk_…`); see docs/api.md.
"""


def create_app(
    settings: Settings,
    *,
    store: Store,
    sites: Iterable[Site],
    key_cache_seconds: float = 5.0,
    jobs: Runner | None = None,
) -> FastAPI:
    """A FastAPI app serving ``sites`` from ``store`` (already migrated).

    ``key_cache_seconds``: how long a checked API key is trusted without asking
    the store again, i.e. how long a key revoked elsewhere may still work.
    ``jobs``: where background work goes; by default the runner the settings ask
    for — threads in this process (whose periodic jobs run while the app runs) or
    procrastinate's queue on PostgreSQL, served by ``waarborg worker``.
    """
    served = Sites(sites)
    if jobs is None:
        context = JobContext(settings, store, {"sites": served})
        jobs = make_runner(settings, lambda: context, load_tasks())
        context.services["jobs"] = jobs  # a task may hand out further jobs (retention sweeps)
    runner = jobs
    state = AppState(
        settings, store, served, settings.secret(), KeyCache(key_cache_seconds), runner
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if isinstance(runner, InlineRunner):
            runner.start()
        yield
        if isinstance(runner, InlineRunner):
            runner.stop()
        state.audit.close()
        state.states.close()

    app = FastAPI(
        title="waarborg",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,  # the Swagger UI loads scripts from a CDN, which the CSP forbids
        redoc_url=None,
        lifespan=lifespan,
        # FastAPI's own OpenTelemetry would log exception texts, which may hold personal data.
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    app.state.waarborg = state
    errors.install(app)
    app.add_middleware(SecurityHeaders)
    for router in api.ROUTERS:
        app.include_router(router, prefix=api.PREFIX)
    for router in ROUTERS:
        app.include_router(router)
    _document_api(app, state.sites)
    static = resources.files("waarborg.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app


def _document_api(app: FastAPI, sites: Sites) -> None:
    """Complete the OpenAPI document with what the routes check by hand.

    The key and the organisation header are read in one cheap dependency (see
    :func:`waarborg.web.api.deps.api_call`), so they are declared here; and this
    server's own activity, category and event ids are shown as examples.
    """
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = generate()
        schema.setdefault("components", {})["securitySchemes"] = {
            "apiKey": {
                "type": "http",
                "scheme": "bearer",
                "description": "A key from `waarborg apikey create`: "
                "`Authorization: Bearer wbk_…`.",
            }
        }
        header = {
            "name": ORGANISATION_HEADER,
            "in": "header",
            "required": False,
            "description": "slug of the organisation addressed; default: the server's first",
            "schema": {"type": "string", "maxLength": 80, "examples": [s.slug for s in sites]},
        }
        for path, operations in schema.get("paths", {}).items():
            if path.startswith("/api/"):
                for operation in operations.values():
                    operation["security"] = [{"apiKey": []}]
                    operation.setdefault("parameters", []).append(header)
        _hand_read_bodies(schema)
        _examples(schema, sites)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _hand_read_bodies(schema: dict[str, Any]) -> None:
    """The schemas of bodies a route reads itself (:func:`waarborg.web.api.deps.json_body`)."""
    models = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in sorted(DOCUMENTED_BODIES, key=lambda m: m.__name__):
        found = model.model_json_schema(
            mode="validation", ref_template="#/components/schemas/{model}"
        )
        for name, definition in found.pop("$defs", {}).items():
            models.setdefault(name, definition)
        models.setdefault(model.__name__, found)


def _examples(schema: dict[str, Any], sites: Sites) -> None:
    activities = sorted({a for site in sites for a in site.compiled.activities})
    categories = sorted({c for site in sites for c in site.compiled.declared_categories()})
    anchors = sorted(
        {k for site in sites for k in site.register.vocabulary.ids("retention_anchors")}
    )
    models = schema.get("components", {}).get("schemas", {})
    for name in ("DecideIn", "AccessIn"):
        properties = models.get(name, {}).get("properties", {})
        properties.get("activity", {})["examples"] = activities
        properties.get("categories", {})["examples"] = [categories[:3]]
    models.get("EventIn", {}).get("properties", {}).get("kind", {})["examples"] = anchors
