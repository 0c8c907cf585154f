"""Who is calling, for which organisation, in which language.

A key belongs to one organisation. A call addresses an organisation with the
``Waarborg-Organisation`` header (its slug, e.g. ``weservit-b-v``), or the server's
default organisation without it; a key of any other organisation gets 403, and so
does a key for an organisation this server does not serve.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from waarborg._exceptions import AuthenticationError, InputError, PermissionDeniedError
from waarborg.store.apikeys import Caller
from waarborg.web.site import Site
from waarborg.web.state import AppState

ORGANISATION_HEADER = "Waarborg-Organisation"


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.waarborg
    return state


@dataclass(frozen=True)
class Api:
    """One authenticated API call."""

    state: AppState
    caller: Caller
    site: Site
    lang: str


async def api_call(request: Request) -> Api:
    """Authenticate the key and check the organisation it may address.

    Reads the two headers itself rather than through FastAPI's ``Security`` and
    ``Header`` dependencies: this runs before every decision, and those cost more
    than the decision. :func:`waarborg.web.app` documents both in OpenAPI.
    """
    state = app_state(request)
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationError("an API key is needed: Authorization: Bearer wbk_…")
    caller = state.caller(token.strip())
    site = state.sites.by_organisation(caller.organisation_id)
    wanted = request.headers.get(ORGANISATION_HEADER) or state.sites.default.slug
    if site is None or site.slug != wanted:
        raise PermissionDeniedError("this key belongs to another organisation")
    accept = request.headers.get("accept-language", "")
    return Api(state, caller, site, "nl" if accept[:2].lower() == "nl" else "en")


Call = Annotated[Api, Depends(api_call)]


def check_activity(site: Site, activity: str) -> None:
    if activity not in site.compiled.activities:
        raise InputError(
            "unknown activity", field="activity", allowed=sorted(site.compiled.activities)
        )


def check_categories(site: Site, categories: list[str]) -> None:
    unknown = [c for c in categories if c not in site.compiled.category_ids]
    if unknown:
        raise InputError(
            "unknown data category", field="categories", allowed=sorted(site.compiled.category_ids)
        )
