"""The two servers ``bench.runtime`` compares under uvicorn: waarborg's API and a bare app.

Run as ``python -m bench.apps waarborg DATA_DIR PORT`` or ``python -m bench.apps bare - PORT``.
Both validate the same request body (``DecideIn``); the bare one answers a constant,
so the difference is what waarborg adds: the key check, the subject's state, the
decision and its audit entry.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from waarborg.web.api.schemas import DecideIn
from waarborg.web.server import serve

TELEMETRY_OFF: Any = {"tracing": False, "metrics": False, "logs": False, "operation_spans": False}


def bare_app() -> FastAPI:
    app = FastAPI(telemetry=TELEMETRY_OFF)

    @app.post("/api/decide")
    async def decide(body: DecideIn) -> dict[str, Any]:
        return {
            "allowed": True, "subject": None, "activity": body.activity,
            "categories": body.categories, "basis": "consent", "reasons": [],
            "keep_until": None, "audit_seq": 0,
        }  # fmt: skip

    return app


def waarborg_app(data_dir: Path) -> FastAPI:
    from bench.fixtures import REGISTER, SECRET
    from waarborg.register import load_register
    from waarborg.settings import Settings
    from waarborg.store import Store
    from waarborg.web import create_app, open_site

    settings = Settings(data_dir=data_dir, secret_key=SECRET)
    store = Store(settings.store_url)
    site = open_site(store, load_register(REGISTER))
    return create_app(settings, store=store, sites=[site])


def main(argv: list[str]) -> None:
    kind, data_dir, port = argv
    app = bare_app() if kind == "bare" else waarborg_app(Path(data_dir))
    serve(app, "127.0.0.1", int(port))  # both as `waarborg serve` runs: same uvicorn, same GC


if __name__ == "__main__":
    main(sys.argv[1:])
