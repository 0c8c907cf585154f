"""The API's group commit: concurrent decisions, one chain, nothing lost or written twice."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import sqlalchemy as sa

from waarborg import audit
from waarborg.store import Store
from waarborg.web.audit_writer import AuditWriter

REF = "sub_" + "cd" * 16


def entry(n: int) -> audit.Entry:
    return audit.Entry(
        actor="apikey:0123456789abcdef",
        action="decide",
        outcome="allowed",
        subject_ref=REF,
        activity="order-handling",
        categories=("email",),
        system="webshop",
        details={"n": n},
    )


def stored(store: Store, org: int) -> list[audit.AuditRecord]:
    with store.reading() as session:
        return list(audit.entries(session.connection(), org))


def verified(store: Store, org: int) -> audit.Verification:
    with store.reading() as session:
        return audit.verify(session.connection(), org)


def run(work: Coroutine[Any, Any, list[object]]) -> list[object]:
    """On a loop of its own: the browser tests leave one running on the main thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, work).result()


async def write_all(writer: AuditWriter, items: list[tuple[int, audit.Entry]]) -> list[object]:
    return await asyncio.gather(
        *(writer.write(org, item) for org, item in items), return_exceptions=True
    )


def test_concurrent_writes_form_one_chain_and_are_stored_when_answered(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    writer = AuditWriter(store)
    try:
        records = run(write_all(writer, [(org, entry(n)) for n in range(300)]))
    finally:
        writer.close()
    assert all(isinstance(r, audit.AuditRecord) for r in records)
    seqs = [r.seq for r in records]  # type: ignore[attr-defined]
    assert sorted(seqs) == list(range(1, 301))
    rows = stored(store, org)
    assert [r.details["n"] for r in rows] == [
        r.details["n"]  # type: ignore[attr-defined]
        for r in sorted(records, key=lambda r: r.seq)  # type: ignore[attr-defined]
    ]
    assert [(r.seq, r.entry_hash) for r in rows] == sorted(
        (r.seq, r.entry_hash)  # type: ignore[attr-defined]
        for r in records
    )
    result = verified(store, org)
    assert result.ok and result.entries == 300


def test_writer_and_other_writers_share_the_chain(store: Store) -> None:
    """Entries from the API's writer and from ordinary transactions interleave safely."""
    org = store.ensure_organisation("Weservit B.V.")
    writer = AuditWriter(store)
    try:
        for round_ in range(5):
            run(write_all(writer, [(org, entry(round_ * 10 + n)) for n in range(7)]))
            with store.transaction() as session:
                audit.append_many(session, org, [entry(1000 + round_)])
    finally:
        writer.close()
    result = verified(store, org)
    assert result.ok and result.entries == 40


def test_a_failing_chain_does_not_lose_or_double_another(store: Store) -> None:
    """Organisation 999 does not exist: its entries fail, Weservit's are written once."""
    org = store.ensure_organisation("Weservit B.V.")
    writer = AuditWriter(store)
    items = [(org if n % 2 else 999, entry(n)) for n in range(20)]
    try:
        outcomes = run(write_all(writer, items))
    finally:
        writer.close()
    for (owner, _), outcome in zip(items, outcomes, strict=True):
        if owner == org:
            assert isinstance(outcome, audit.AuditRecord)
        else:
            assert isinstance(outcome, audit.AuditUnavailableError)
    rows = stored(store, org)
    assert sorted(r.details["n"] for r in rows) == list(range(1, 20, 2))
    assert verified(store, org).ok
    assert stored(store, 999) == []


def test_the_writer_recovers_from_a_lost_connection(postgres_url: str) -> None:
    store = Store(postgres_url)
    store.upgrade()
    org = store.ensure_organisation("Weservit B.V.")
    writer = AuditWriter(store)
    try:
        run(write_all(writer, [(org, entry(n)) for n in range(5)]))
        with store.engine.connect() as connection:  # a restarted server, as the writer sees it
            killed = connection.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).all()
        assert killed
        outcomes = run(write_all(writer, [(org, entry(n)) for n in range(5, 10)]))
    finally:
        writer.close()
        store.dispose()
    assert all(isinstance(o, audit.AuditRecord) for o in outcomes)
    store = Store(postgres_url)
    try:
        result = verified(store, org)
        assert result.ok and result.entries == 10
    finally:
        store.dispose()
