"""Helpers of ``bench.runtime``: a fast chain filler and the API load comparison.

The API comparison starts waarborg's API and a bare FastAPI endpoint as two
uvicorn subprocesses and drives each with the same load: Debian's ``wrk`` when it
is installed (``apt-get install wrk``), else an httpx/asyncio client with several
connections in a separate process (``python -m bench.load URL KEY SECONDS CONNECTIONS``).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from bench.fixtures import ROOT, prepare_store
from waarborg import audit
from waarborg.store import Store

REF = "sub_" + "ab" * 16


def fill_chain(store: Store, organisation_id: int, count: int) -> None:
    """Write a valid chain of ``count`` entries straight through the driver (fast)."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    sqlite = store.engine.dialect.name == "sqlite"
    fields = ("apikey:0123456789abcdef", "decide", REF, "order-handling", "webshop", "allowed")
    categories = audit.canonical_json(["email", "naw"])
    previous = audit.GENESIS
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for offset in range(0, count, 50_000):
            rows = []
            for seq in range(offset + 1, min(offset + 50_000, count) + 1):
                at = start + timedelta(microseconds=seq * 1000)
                details = audit.canonical_json({"n": seq, "reasons": []})
                digest = audit.entry_hash(previous, audit.at_text(at), fields, categories, details)
                rows.append(
                    (organisation_id, seq, audit.at_text(at) if sqlite else at, *fields[:3],
                     fields[3], categories, fields[4], fields[5], details, previous, digest)
                )  # fmt: skip
                previous = digest
            _insert(cursor, rows, sqlite)
        head = (count, previous, organisation_id)
        cursor.execute(
            "UPDATE audit_heads SET last_seq = ?, last_hash = ? WHERE organisation_id = ?"
            if sqlite
            else "UPDATE audit_heads SET last_seq = %s, last_hash = %s WHERE organisation_id = %s",
            head,
        )
        if cursor.rowcount == 0:
            cursor.execute(_HEAD_SQL[sqlite], head)
        raw.commit()
    finally:
        raw.close()


_COLUMNS = (
    "organisation_id, seq, at, actor, action, subject_ref, activity_id, categories, system,"
    " outcome, details, prev_hash, entry_hash"
)


_HEAD_SQL = {
    True: "INSERT INTO audit_heads (last_seq, last_hash, organisation_id, updated_at)"
    " VALUES (?, ?, ?, '2026-01-01 00:00:00.000000')",
    False: "INSERT INTO audit_heads (last_seq, last_hash, organisation_id, updated_at)"
    " VALUES (%s, %s, %s, now())",
}
_SQLITE_INSERT = "INSERT INTO audit_entries (" + _COLUMNS + ") VALUES (" + ", ".join("?" * 13) + ")"  # noqa: S608  (constant)


def _insert(cursor: object, rows: Sequence[tuple[object, ...]], sqlite: bool) -> None:
    if sqlite:
        cursor.executemany(_SQLITE_INSERT, rows)  # type: ignore[attr-defined]
        return
    with cursor.copy(f"COPY audit_entries ({_COLUMNS}) FROM STDIN") as copy:  # type: ignore[attr-defined]
        for row in rows:
            copy.write_row(row)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server(kind: str, data_dir: Path | str, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bench.apps", kind, str(data_dir), str(port)], cwd=ROOT, env=env
    )


def _body(n: int) -> dict[str, object]:
    return {
        "subject": {"customer_id": f"C-{n % 100}"},
        "activity": "order-handling",
        "categories": ["email", "naw"],
    }


def _ready(url: str, key: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            response = httpx.post(url, json=_body(1), headers={"Authorization": f"Bearer {key}"})
            if response.status_code == 200:
                return
            raise SystemExit(f"{url} answered {response.status_code}: {response.text}")
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def _wrk(url: str, key: str, seconds: float, connections: int) -> float:
    script = Path(tempfile.mkdtemp()) / "decide.lua"
    script.write_text(
        "counter = 0\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        '  local body = \'{"subject":{"customer_id":"C-\' .. (counter % 100) .. '
        '\'"},"activity":"order-handling","categories":["email","naw"]}\'\n'
        '  return wrk.format("POST", nil, {["Content-Type"]="application/json", '
        f'["Authorization"]="Bearer {key}"}}, body)\n'
        "end\n"
    )
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{max(seconds, 1):.0f}s", "-s", str(script), url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    if "Non-2xx" in output:
        raise SystemExit(f"errors under load:\n{output}")
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if found is None:
        raise SystemExit(f"wrk said:\n{output}")
    return float(found.group(1))


def _httpx(url: str, key: str, seconds: float, connections: int) -> float:
    output = subprocess.run(
        [sys.executable, "-m", "bench.load", url, key, str(seconds), str(connections)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return float(output.strip())


@contextmanager
def api_servers(data_dir: Path, key: str) -> Iterator[tuple[dict[str, str], dict[str, int]]]:
    """The bare and waarborg's app under uvicorn, answering: their decide URLs and pids."""
    ports = {"bare": free_port(), "waarborg": free_port()}
    servers = {kind: _server(kind, data_dir, port) for kind, port in ports.items()}
    try:
        urls = {kind: f"http://127.0.0.1:{port}/api/decide" for kind, port in ports.items()}
        for url in urls.values():
            _ready(url, key)
        yield urls, {kind: server.pid for kind, server in servers.items()}
    finally:
        for server in servers.values():
            server.terminate()
            server.wait(timeout=30)


def load_generator() -> Callable[[str, str, float, int], float]:
    """Debian's wrk when installed, else the httpx client in a process of its own."""
    return _wrk if shutil.which("wrk") else _httpx


def generator_name(generator: Callable[[str, str, float, int], float]) -> str:
    return "wrk" if generator is _wrk else "httpx/asyncio"


def compare_api(
    folder: Path, seconds: float, connections: int, report: Callable[..., None], rounds: int = 5
) -> float:
    """POST /api/decide against a bare endpoint: the median of ``rounds`` paired ratios.

    Both servers run side by side; each round loads the bare one, then waarborg's
    (swapping who goes first every round), for ``seconds`` each. On a shared
    machine the speed drifts from minute to minute, so each round's ratio is taken
    from two measurements seconds apart and the median of those is the figure.
    """
    data_dir = folder / "api"
    key = prepare_store(data_dir)
    generator = load_generator()
    with api_servers(data_dir, key) as (urls, _):
        for kind in ("bare", "waarborg"):  # warm up: imports, caches, the first commits
            generator(urls[kind], key, 1, connections)
        rates: dict[str, list[float]] = {"bare": [], "waarborg": []}
        for round_ in range(rounds):
            for kind in ("bare", "waarborg")[:: 1 if round_ % 2 == 0 else -1]:
                rates[kind].append(generator(urls[kind], key, seconds, connections))
    tool = generator_name(generator)
    ratios = sorted(100 * w / b for b, w in zip(rates["bare"], rates["waarborg"], strict=True))
    median = statistics.median(ratios)
    for kind, label in (("bare", "bare FastAPI endpoint"), ("waarborg", "POST /api/decide")):
        rate = statistics.median(rates[kind])
        report(f"{label} ({tool}, {connections} conns), median", rate, "req/s")
    report(f"POST /api/decide vs bare, median of {rounds} rounds", median, "%", "(goal >= 50%)")
    print(f"  every round, req/s: {json.dumps(rates)}", flush=True)
    print(f"  ratios, sorted (%): {[round(r, 1) for r in ratios]}", flush=True)
    return median


async def _drive(url: str, key: str, seconds: float, connections: int) -> float:
    done = 0
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(
        limits=limits, headers={"Authorization": f"Bearer {key}"}
    ) as client:

        async def worker(n: int) -> None:
            nonlocal done
            while time.monotonic() < deadline:
                response = await client.post(url, json=_body(n + done))
                if response.status_code != 200:
                    raise SystemExit(f"{response.status_code}: {response.text}")
                done += 1

        started = time.monotonic()
        await asyncio.gather(*(worker(n) for n in range(connections)))
        return done / (time.monotonic() - started)


if __name__ == "__main__":
    url, key, seconds, connections = sys.argv[1:5]
    print(asyncio.run(_drive(url, key, float(seconds), int(connections))))
