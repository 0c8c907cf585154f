"""The JSON API under ``/api``: one router per area, all behind an API key."""

from fastapi import APIRouter

from waarborg.web.api import consents, decisions, subjects

router = APIRouter(prefix="/api")
router.include_router(decisions.router)
router.include_router(subjects.router)
router.include_router(consents.router)

__all__ = ["router"]
