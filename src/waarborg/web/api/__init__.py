"""The JSON API under ``/api``: one router per area, all behind an API key.

The app includes each area's router itself, with the ``/api`` prefix, rather
than through one ``/api`` router: every level of included routers is matched
again on every request, and ``POST /api/decide`` is on the hot path.
"""

from fastapi import APIRouter

from waarborg.web.api import consents, decisions, subjects

PREFIX = "/api"
ROUTERS: tuple[APIRouter, ...] = (decisions.router, subjects.router, consents.router)

__all__ = ["PREFIX", "ROUTERS"]
