"""Consent writes per second through the API, each one durable before its answer.

    python -m bench.consent                       # SQLite in a temporary folder, 10 s
    python -m bench.consent --seconds 5 --connections 16
    python -m bench.consent --db postgresql+psycopg://postgres@127.0.0.1:5432/bench

waarborg's app runs under uvicorn in a subprocess; this process drives
``POST /api/consents`` with several connections (httpx/asyncio), alternating
"given" and "refused" for a hundred people, so every write also supersedes a
record and withdraws a consent now and then. Afterwards it counts the records
in the store: every answered write must be there (the store commits with full
synchronous writes before the API answers). :func:`measure` returns plain
numbers, for any runner to report.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "examples" / "weservit" / "register.yaml"
SECRET = "bench-consent-" + "x" * 32


def _settings(data_dir: Path, db: str | None) -> Any:
    from waarborg.settings import Settings

    return Settings(data_dir=data_dir, secret_key=SECRET, db_url=db)


def _prepare(data_dir: Path, db: str | None) -> tuple[str, int]:
    """Migrate the store; an API key for the webshop; how many records there were."""
    from waarborg.register import load_register
    from waarborg.store import Store
    from waarborg.store.apikeys import create_api_key
    from waarborg.web import open_site

    store = Store(_settings(data_dir, db).store_url)
    store.upgrade()
    site = open_site(store, load_register(REGISTER))
    with store.transaction() as session:
        _, key = create_api_key(session, site.organisation_id, "webshop", "bench")
    count = _count(store.engine)
    store.dispose()
    return key, count


def _count(engine: sa.Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(sa.text("SELECT count(*) FROM consent_records")).scalar())


def _serve(data_dir: Path, db: str | None, port: int) -> None:
    """The server process: waarborg's app under uvicorn."""
    import uvicorn

    from waarborg.register import load_register
    from waarborg.store import Store
    from waarborg.web import create_app, open_site

    settings = _settings(data_dir, db)
    store = Store(settings.store_url)
    site = open_site(store, load_register(REGISTER))
    app = create_app(settings, store=store, sites=[site])
    uvicorn.run(app, host="127.0.0.1", port=port, access_log=False, log_level="warning")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _body(n: int) -> dict[str, Any]:
    return {
        "subject": {"customer_id": f"C-{n % 100}"},
        "activity": "location",
        "state": "given" if (n // 100) % 2 == 0 else "refused",
        "language": "nl",
        "collection_method": "form",
        "shown_text": "Mogen wij uw locatie gebruiken?",
    }


async def _drive(url: str, key: str, seconds: float, connections: int) -> tuple[int, float]:
    done = 0
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(limits=limits, headers=headers, timeout=30) as client:
        deadline = time.monotonic() + seconds

        async def worker(offset: int) -> None:
            nonlocal done
            n = offset
            while time.monotonic() < deadline:
                answer = await client.post(url, json=_body(n))
                if answer.status_code != 201:
                    raise SystemExit(f"{answer.status_code}: {answer.text}")
                done += 1
                n += connections

        started = time.monotonic()
        await asyncio.gather(*(worker(i) for i in range(connections)))
        return done, time.monotonic() - started


def _ready(url: str, server: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the waarborg server stopped")
        try:
            httpx.get(url.replace("/api/consents", "/healthz"))
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("the waarborg server did not come up")


def measure(seconds: float = 10.0, connections: int = 8, db: str | None = None) -> dict[str, float]:
    """Consent writes per second through the API; checks each answered write was stored."""
    from waarborg.store import Store

    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        key, before = _prepare(data_dir, db)
        port = _free_port()
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        }
        command = [sys.executable, "-m", "bench.consent", "--serve", str(data_dir), str(port)]
        if db:
            command += ["--db", db]
        server = subprocess.Popen(command, cwd=ROOT, env=env)
        url = f"http://127.0.0.1:{port}/api/consents"
        try:
            _ready(url, server)
            # In a thread of its own: the caller may already run an event loop.
            with ThreadPoolExecutor(max_workers=1) as pool:
                drive = _drive(url, key, seconds, connections)
                writes, took = pool.submit(asyncio.run, drive).result()
        finally:
            server.terminate()
            server.wait(timeout=30)
        store = Store(_settings(data_dir, db).store_url)
        stored = _count(store.engine) - before
        store.dispose()
    return {
        "writes": float(writes),
        "seconds": took,
        "writes_per_second": writes / took,
        "stored": float(stored),
        "connections": float(connections),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--db", default=None, help="a store URL (default: SQLite, temporary)")
    parser.add_argument("--serve", nargs=2, metavar=("DATA_DIR", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv if argv is not None else [])
    if args.serve:
        _serve(Path(args.serve[0]), args.db, int(args.serve[1]))
        return 0
    result = measure(args.seconds, args.connections, args.db)
    backend = "postgresql" if args.db and args.db.startswith("postgresql") else "sqlite"
    print(
        f"POST /api/consents ({backend}, {args.connections} conns) "
        f"{result['writes_per_second']:>10,.1f} writes/s "
        f"({result['writes']:.0f} in {result['seconds']:.1f} s, {result['stored']:.0f} stored)",
        flush=True,
    )
    return 0 if result["stored"] >= result["writes"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
