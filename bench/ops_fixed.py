"""Operations whose cost does not depend on the number of customers, measured once:
``POST /api/decide`` against a bare endpoint, statement render, statement import.

The HTTP comparison starts both servers as uvicorn subprocesses (``bench.apps``)
and drives them alternately with the same load (``bench.load``); the time per
request is the inverse of the rate, and the peak memory is each server's resident
set high-water mark (``VmHWM``), since tracemalloc cannot see into another process.
Render and import have no simpler program doing the same work, so no lower bound.
"""

from __future__ import annotations

from pathlib import Path

from bench import load
from bench.fixtures import prepare_store
from bench.importer import statements
from bench.registry import OPERATIONS, Context, Operation, Sample, alternate
from bench.render import largest_example
from waarborg.importer import import_statement
from waarborg.statement import render_statement

CONNECTIONS = 8


def decide_http(ctx: Context) -> Sample:
    data_dir = ctx.folder / "api"
    key = prepare_store(data_dir, customers=100)
    generator = load.load_generator()
    with load.api_servers(data_dir, key) as (urls, pids):
        times: dict[str, list[float]] = {"bare": [], "waarborg": []}
        for rep in range(ctx.reps):
            order = ("bare", "waarborg") if rep % 2 == 0 else ("waarborg", "bare")
            for kind in order:
                rate = generator(urls[kind], key, ctx.seconds, CONNECTIONS)
                times[kind].append(1 / rate)
        peaks = {kind: _high_water(pid) for kind, pid in pids.items()}
    tool = load.generator_name(generator)
    note = f"{tool}, {CONNECTIONS} connections, {ctx.seconds:.0f} s per round; s per request"
    return Sample(times["waarborg"], times["bare"], peaks["waarborg"], peaks["bare"], note)


def _high_water(pid: int) -> int | None:
    """The process's peak resident set in bytes (Linux), None elsewhere."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return None


def render(ctx: Context) -> Sample:
    """The largest example register, Dutch HTML, warm (templates compiled once before)."""
    _, register = largest_example()
    render_statement(register, "nl", "html")
    sample = alternate(lambda rep: render_statement(register, "nl", "html"), None, ctx.reps)
    sample.note = "largest example register, nl html, warm"
    return sample


def statement_import(ctx: Context) -> Sample:
    """A reference statement imported with its check, after one import loaded the lexicon."""
    path = statements()[0]
    import_statement(path)
    sample = alternate(lambda rep: import_statement(path), None, ctx.reps)
    sample.note = f"{path.name}, checker included, warm"
    return sample


NONE = "none (no simpler program does this)"
OPERATIONS.extend(
    [
        Operation("decide HTTP", "fixed", "bare FastAPI endpoint", decide_http),
        Operation("statement render", "fixed", NONE, render),
        Operation("statement import", "fixed", NONE, statement_import),
    ]
)
