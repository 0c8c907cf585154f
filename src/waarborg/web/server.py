"""Running the application under uvicorn, as ``waarborg serve`` and ``waarborg demo`` do.

The API benchmark (``bench/apps.py``) serves both of its apps through
:func:`serve` as well, so what it measures is what is shipped.
"""

from __future__ import annotations

import gc

import uvicorn
from starlette.types import ASGIApp

YOUNG_COLLECTION_THRESHOLD = 10_000
"""Allocations between two collections of the youngest generation (CPython: 700)."""


def serve(application: ASGIApp, host: str, port: int) -> None:
    """Serve until interrupted. uvicorn's access log stays off: it would log visitors' IPs."""
    settle_heap()
    uvicorn.run(application, host=host, port=port, access_log=False, log_level="warning")


def settle_heap() -> None:
    """Keep the garbage collector off what was built at start-up.

    A running server holds a large heap that lives as long as the process: the
    register, templates, SQLAlchemy's metadata, pydantic's validators. CPython's
    collector would walk it in every full collection and start a young collection
    every 700 allocations, while one API call allocates hundreds of objects.
    ``gc.freeze()`` moves everything alive now to a generation that is never
    collected, and the higher threshold makes young collections rarer; cycles
    made while serving are still collected. On ``POST /api/decide`` this is worth
    about a fifth of the server's time per call (``python -m bench.runtime --only api``).
    """
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, middle, oldest)
