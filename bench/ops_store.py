"""Operations on waarborg's own store, filled with as many people as the data set has
customers: decide in-process, consent writes, audit append and audit verify.

:func:`prepare` fills a fresh store once per backend and size, in bulk: ``size``
subjects with a customer-id identity and a given consent each, and an audit chain
of ``size`` entries. Every lower bound is the least a program doing the same job
must do on the same tables: one indexed SELECT, one bare INSERT in its own
transaction, one pass reading and hashing every entry.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from bench import load
from bench.fixtures import REGISTER, SECRET
from bench.registry import OPERATIONS, Context, Operation, Sample, alternate
from waarborg import audit
from waarborg.decide import compile_register, decide
from waarborg.register import load_register
from waarborg.store import Store
from waarborg.store.consent_tables import ConsentRecord
from waarborg.store.consents import record_consent, text_hash
from waarborg.store.states import StateReader
from waarborg.store.subjects import Identity
from waarborg.store.tables import Subject, SubjectIdentity

BATCH = 20  # calls per timed repetition for operations that take microseconds
GIVEN = datetime(2024, 1, 1, tzinfo=UTC)
HASH = text_hash("ja")


def prepare(url: str, size: int) -> dict[str, Any]:
    """An upgraded store with ``size`` people (identity, consent) and a chain of ``size``."""
    store = Store(url)
    try:
        store.upgrade()
        org = store.ensure_organisation("Bench")
        other = store.ensure_organisation("Bench bare inserts")
        secret = SECRET.encode()
        with store.engine.begin() as connection:
            for start in range(0, size, 20_000):
                people = range(start + 1, min(start + 20_000, size) + 1)
                connection.execute(
                    sa.insert(Subject),
                    [{"id": n, "organisation_id": org, "ref": f"sub_{n:032x}"} for n in people],
                )
                connection.execute(
                    sa.insert(SubjectIdentity), [_identity(org, n, secret) for n in people]
                )
                connection.execute(sa.insert(ConsentRecord), [_consent(org, n) for n in people])
        if store.engine.dialect.name == "postgresql":
            with store.engine.connect() as connection:
                connection.exec_driver_sql(
                    "SELECT setval('subjects_id_seq', (SELECT max(id) FROM subjects))"
                )
                connection.commit()
        load.fill_chain(store, org, size)
    finally:
        store.dispose()
    return {"org": org, "other": other, "secret": secret}


def _identity(org: int, n: int, secret: bytes) -> dict[str, Any]:
    identity = Identity("customer-id", f"C-{n}")
    return {
        "organisation_id": org, "subject_id": n, "kind": identity.kind,
        "value": identity.normalised(), "value_hash": identity.hashed(secret),
    }  # fmt: skip


def _consent(org: int, n: int) -> dict[str, Any]:
    return {
        "organisation_id": org, "subject_id": n, "activity_id": "order-handling",
        "purposes": [], "data_categories": [], "shown_text_hash": HASH, "language": "nl",
        "collection_method": "form", "state": "given", "collected_at": GIVEN, "evidence": {},
    }  # fmt: skip


def _people(ctx: Context, rep: int) -> list[int]:
    """Different people every repetition, spread over the store."""
    step = max(1, ctx.size // (BATCH * (ctx.reps + 1)))
    return [1 + (rep * BATCH + i) * step % ctx.size for i in range(BATCH)]


BARE_DECIDE = (
    "SELECT c.state FROM subject_identities i JOIN consent_records c"
    " ON c.subject_id = i.subject_id WHERE i.organisation_id = %s AND"
    " i.kind = 'customer-id' AND i.value_hash = %s AND c.activity_id = 'order-handling'"
)


def decide_in_process(ctx: Context) -> Sample:
    """What a Python caller pays per decision: the person's state (one query) and
    ``decide``; against the one indexed SELECT that finds the person's consent."""
    org, secret = ctx.extra["org"], ctx.extra["secret"]
    store = Store(ctx.url)
    compiled = compile_register(load_register(REGISTER))
    states = StateReader(store.engine)
    mark = "?" if store.engine.dialect.name == "sqlite" else "%s"
    bare = BARE_DECIDE.replace("%s", mark)  # constant SQL; only the placeholder differs
    at = datetime(2026, 6, 1, tzinfo=UTC)
    raw = store.engine.raw_connection()  # straight to the driver, as StateReader is
    if store.engine.dialect.name == "postgresql":
        raw.driver_connection.autocommit = True  # type: ignore[union-attr]

    def ours(rep: int) -> None:
        for n in _people(ctx, rep):
            state = states.by_identity(org, Identity("customer-id", f"C-{n}"), secret)
            assert state is not None
            decide(compiled, state, "order-handling", ("email", "naw"), at)

    def bound(rep: int) -> None:
        cursor = raw.cursor()
        for n in _people(ctx, rep):
            digest = Identity("customer-id", f"C-{n}").hashed(secret)
            cursor.execute(bare, (org, digest))
            assert cursor.fetchall()
        cursor.close()

    try:
        return _per_call(alternate(ours, bound, ctx.reps))
    finally:
        raw.close()
        states.close()
        store.dispose()


def consent_write(ctx: Context) -> Sample:
    """``record_consent`` in its own transaction, against a bare INSERT of the same row."""
    org = ctx.extra["org"]
    store = Store(ctx.url)
    insert = sa.insert(ConsentRecord)

    def ours(rep: int) -> None:
        for n in _people(ctx, rep):
            with store.transaction() as session:
                record_consent(
                    session, org, subject=session.get_one(Subject, n), activity="newsletter",
                    state="given", shown_text_hash=HASH, language="nl", collection_method="form",
                )  # fmt: skip

    def bound(rep: int) -> None:
        for n in _people(ctx, rep):
            with store.engine.begin() as connection:
                connection.execute(insert, {**_consent(org, n), "activity_id": "newsletter"})

    try:
        return _per_call(alternate(ours, bound, ctx.reps))
    finally:
        store.dispose()


ENTRY = audit.Entry(
    actor="apikey:0123456789abcdef", action="decide", outcome="allowed",
    subject_ref="sub_" + "ab" * 16, activity="order-handling", categories=("email", "naw"),
    system="webshop", details={"reasons": []},
)  # fmt: skip


def audit_append(ctx: Context) -> Sample:
    """One entry in its own transaction (the API's case) onto a chain of ``size``,
    against a bare INSERT of a row of the same width in its own transaction."""
    org, other = ctx.extra["org"], ctx.extra["other"]
    store = Store(ctx.url)
    columns = load._COLUMNS.replace("organisation_id, seq, at, ", "")
    names = [c.strip() for c in columns.split(",")]
    sql = sa.text(
        f"INSERT INTO audit_entries (organisation_id, seq, at, {columns})"  # noqa: S608
        f" VALUES (:org, :seq, :at, {', '.join(':' + n for n in names)})"
    )
    row = {
        n: "x" * 64 if "hash" in n else "[]" if n in ("categories", "details") else "a"
        for n in names
    }
    seq = iter(range(1, 10**9))

    def ours(rep: int) -> None:
        for _ in range(BATCH):
            with store.transaction() as session:
                audit.append_many(session, org, [ENTRY])

    def bound(rep: int) -> None:
        for _ in range(BATCH):
            with store.engine.begin() as connection:
                at = datetime.now(UTC)
                when: Any = audit.at_text(at) if store.engine.dialect.name == "sqlite" else at
                connection.execute(sql, {**row, "org": other, "seq": next(seq), "at": when})

    try:
        return _per_call(alternate(ours, bound, ctx.reps))
    finally:
        store.dispose()


def audit_verify(ctx: Context) -> Sample:
    """``audit.verify`` over the whole chain, against only reading every entry the same
    way (the I/O floor: the ratio is what hashing and checking the chain add)."""
    org = ctx.extra["org"]
    store = Store(ctx.url)
    sql = audit._VERIFY_SQL.format(at=audit._AT_SQL[store.engine.dialect.name], org=int(org))

    def ours(rep: int) -> None:
        with store.engine.connect() as connection:
            result = audit.verify(connection, org)
        assert result.ok, result

    def bound(rep: int) -> None:
        with store.engine.connect() as connection:
            rows = connection.execution_options(stream_results=True, yield_per=10_000)
            for _row in rows.exec_driver_sql(sql):
                pass

    try:
        return alternate(ours, bound, min(ctx.reps, 3))
    finally:
        store.dispose()


def _per_call(sample: Sample) -> Sample:
    """A repetition is :data:`BATCH` calls; the report shows the time of one."""
    sample.ours = [t / BATCH for t in sample.ours]
    sample.bound = [t / BATCH for t in sample.bound] if sample.bound else None
    sample.note = f"per call, {BATCH} calls per repetition"
    return sample


OPERATIONS.extend(
    [
        Operation("decide in-process", "store", "one indexed SELECT", decide_in_process),
        Operation("consent write", "store", "bare INSERT", consent_write),
        Operation("audit append", "store", "bare INSERT", audit_append),
        Operation("audit verify", "store", "reading every entry", audit_verify),
    ]
)
