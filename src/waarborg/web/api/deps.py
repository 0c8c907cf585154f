"""Who is calling, for which organisation, in which language.

A key belongs to one organisation. A call addresses an organisation with the
``Waarborg-Organisation`` header (its slug, e.g. ``weservit-b-v``), or the server's
default organisation without it; a key of any other organisation gets 403, and so
does a key for an organisation this server does not serve.
"""

from __future__ import annotations

import email.message
import json
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

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
Model = TypeVar("Model", bound=BaseModel)


async def json_body(request: Request, model: type[Model]) -> Model:
    """The request body as ``model``, read and checked the way FastAPI does it.

    For the hot path (``POST /api/decide``): a route that takes ``Request`` and
    calls this skips FastAPI's dependency and body machinery, which costs more
    than the decision. The answers to a bad body are FastAPI's own: a body that
    is not JSON (by its content type) is not an object, broken JSON names the
    character, undecodable bytes are a 400. :func:`documented_body` puts the
    model in OpenAPI.
    """
    raw = await request.body()
    if not raw:
        raise RequestValidationError([_error("missing", (), "Field required")])
    if not _is_json(request.headers.get("content-type")):
        raise RequestValidationError([_error("model_attributes_type", (), _NOT_AN_OBJECT)])
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        error = _error("json_invalid", (exc.pos,), "JSON decode error")
        raise RequestValidationError([error]) from None
    except (ValueError, RecursionError) as exc:  # not UTF-8 (nor UTF-16/32); nested too deep
        raise HTTPException(400, "There was an error parsing the body") from exc
    if not isinstance(value, dict):
        raise RequestValidationError([_error("model_attributes_type", (), _NOT_AN_OBJECT)])
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False, include_context=False)
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in errors]) from None


def documented_body(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` for a route that reads ``model`` with :func:`json_body`.

    :func:`waarborg.web.app.create_app` adds the model's schema to the components.
    """
    DOCUMENTED_BODIES.add(model)
    schema = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"content": {"application/json": {"schema": schema}}, "required": True}}


DOCUMENTED_BODIES: set[type[BaseModel]] = set()
"""The models routes read with :func:`json_body`, for the OpenAPI components."""
_NOT_AN_OBJECT = "Input should be a valid dictionary or object to extract fields from"


def _error(kind: str, loc: tuple[Any, ...], message: str) -> dict[str, Any]:
    return {"type": kind, "loc": ("body", *loc), "msg": message}


def _is_json(content_type: str | None) -> bool:
    """``application/json`` or ``application/…+json``, as FastAPI reads the header."""
    if not content_type:
        return False
    if content_type == "application/json":  # what nearly every client sends
        return True
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


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
