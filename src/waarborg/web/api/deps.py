"""Who is calling, for which organisation, in which language.

A key belongs to one organisation. A call addresses an organisation with the
``Waarborg-Organisation`` header (its slug, e.g. ``weservit-b-v``), or the server's
default organisation without it; a key of any other organisation gets 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from waarborg._exceptions import AuthenticationError, InputError, PermissionDeniedError
from waarborg.store.apikeys import Caller
from waarborg.web.site import Site
from waarborg.web.state import AppState

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="apiKey",
    description="A key from `waarborg apikey create`: `Authorization: Bearer wbk_…`.",
)


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


async def api_call(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
    organisation: Annotated[
        str | None,
        Header(
            alias="Waarborg-Organisation",
            max_length=80,
            description="slug of the organisation addressed; default: the server's first",
        ),
    ] = None,
) -> Api:
    state = app_state(request)
    if credentials is None:
        raise AuthenticationError("an API key is needed: Authorization: Bearer wbk_…")
    caller = state.caller(credentials.credentials)
    site = state.sites.by_organisation(caller.organisation_id)
    wanted = organisation or state.sites.default.slug
    if site is None or site.slug != wanted:
        raise PermissionDeniedError("this key belongs to another organisation")
    accept = request.headers.get("accept-language", "")
    return Api(state, caller, site, "nl" if accept.lower().startswith("nl") else "en")


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
