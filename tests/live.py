"""A real HTTP server for browser tests: uvicorn in a thread, on a free port."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from tests.smtp import free_port


@contextmanager
def serve(app: Any, host: str = "127.0.0.1", port: int | None = None) -> Iterator[str]:
    """Serve an ASGI app (lifespan included) until the block ends; yields its base URL.

    ``port``: a port chosen beforehand (:func:`tests.smtp.free_port`), for an app
    whose settings must know its own address (links in mail); else a free one."""
    port = port or free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name=f"live-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
