"""A person's state for :func:`waarborg.decide.decide`: consents, limits, anchor dates.

One query fetches all of it (:func:`load_subject_state` for library callers).
:class:`StateReader` is the API's fast path: the same query, straight through the
driver on a connection it keeps, because ``POST /api/decide`` runs it before
every retrieval a business system makes.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Connection,
    Engine,
    String,
    bindparam,
    cast,
    func,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from waarborg.decide import (
    ConsentState,
    ObjectionState,
    RestrictionState,
    SubjectState,
    local_zone,
)
from waarborg.store.base import UtcDateTime
from waarborg.store.consent_tables import ConsentRecord
from waarborg.store.limit_tables import Objection, Restriction
from waarborg.store.subjects import Identity
from waarborg.store.tables import Event, Subject, SubjectIdentity


def _state_query(subject_id: Any) -> CompoundSelect[Any]:
    """Subject, consents, objections, restrictions and newest anchors in one round trip.

    The API asks for a decision before every retrieval, so this is one query, not
    five. The first SELECT fixes the column types: the three time columns come
    back as aware UTC datetimes from every part.
    """
    when = cast(null(), UtcDateTime())
    text = cast(null(), String())

    def part(tag: str) -> Any:
        return literal_column(f"'{tag}'")

    subject = select(
        part("s"), Subject.ref, text, Subject.created_at, when, when, Subject.id
    ).where(Subject.id == subject_id)
    consents = select(
        part("c"), ConsentRecord.activity_id, ConsentRecord.state, ConsentRecord.collected_at,
        ConsentRecord.ended_at, ConsentRecord.expires_at, ConsentRecord.id,
    ).where(ConsentRecord.subject_id == subject_id)  # fmt: skip
    objections = select(
        part("o"), Objection.activity_id, Objection.status, Objection.started_at,
        Objection.ended_at, when, Objection.id,
    ).where(Objection.subject_id == subject_id)  # fmt: skip
    restrictions = select(
        part("r"), Restriction.activity_id, Restriction.ground, Restriction.started_at,
        Restriction.ended_at, when, Restriction.id,
    ).where(Restriction.subject_id == subject_id)  # fmt: skip
    anchors = (
        select(
            part("e"),
            Event.kind,
            text,
            func.max(Event.occurred_at),
            when,
            when,
            literal_column("0"),
        )
        .where(Event.subject_id == subject_id)
        .group_by(Event.kind)
    )
    return union_all(subject, consents, objections, restrictions, anchors)


_BY_ID = _state_query(bindparam("sid"))
_BY_REF = _state_query(
    select(Subject.id)
    .where(Subject.organisation_id == bindparam("org"), Subject.ref == bindparam("ref"))
    .scalar_subquery()
)
_BY_IDENTITY = _state_query(
    select(SubjectIdentity.subject_id)
    .where(
        SubjectIdentity.organisation_id == bindparam("org"),
        SubjectIdentity.kind == bindparam("kind"),
        SubjectIdentity.value_hash == bindparam("hash"),
    )
    .scalar_subquery()
)


def _state(rows: Any) -> SubjectState | None:
    """The state from the rows of :func:`_state_query`; None when there is no subject."""
    ref = None
    consent_rows: list[tuple[datetime, int, str, ConsentState]] = []
    objections: list[ObjectionState] = []
    restrictions: list[RestrictionState] = []
    anchors: dict[str, date] = {}
    for part, key, word, start, end, expires, row_id in rows:
        if part == "s":
            ref = key
        elif part == "c":
            given = None if word == "refused" else start
            ended = start if word == "refused" else end
            consent_rows.append((start, row_id, key, ConsentState(word, given, ended, expires)))
        elif part == "o":
            objections.append(ObjectionState(key, word, start, end))
        elif part == "r":
            restrictions.append(RestrictionState(key, word, start, end))
        elif start is not None:
            anchors[key] = start.astimezone(local_zone()).date()
    if ref is None:
        return None
    consent_rows.sort(key=lambda row: (row[0], row[1]))
    consents = {activity: state for _, _, activity, state in consent_rows}  # newest wins
    return SubjectState(ref, consents, tuple(objections), tuple(restrictions), anchors)


def state_by_ref(connection: Connection, organisation_id: int, ref: str) -> SubjectState | None:
    """The decision state of ``sub_…`` in this organisation; None if there is none."""
    return _state(connection.execute(_BY_REF, {"org": organisation_id, "ref": ref}))


def state_by_identity(
    connection: Connection, organisation_id: int, identity: Identity, secret: bytes
) -> SubjectState | None:
    """The decision state of the person with ``identity``; None if unknown."""
    params = {"org": organisation_id, "kind": identity.kind, "hash": identity.hashed(secret)}
    return _state(connection.execute(_BY_IDENTITY, params))


class StateReader:
    """The API's fast path to a decision state: one prepared statement, straight to the driver.

    Through SQLAlchemy, checking a connection out of the pool and executing the
    statement cost more than SQLite takes to answer. This keeps one driver
    connection per thread, in autocommit: the query is a single SELECT, so it sees
    one consistent snapshot without an explicit transaction. A broken connection
    (a restarted PostgreSQL) is replaced once.
    """

    def __init__(self, engine: Engine):
        self._engine = engine
        self._text_times = engine.dialect.name == "sqlite"
        self._by_ref = _compiled(_BY_REF, engine)
        self._by_identity = _compiled(_BY_IDENTITY, engine)
        self._local = threading.local()
        self._opened: list[Any] = []

    def close(self) -> None:
        for connection in self._opened:
            connection.invalidate()  # closes it; never handed back to the pool
        self._opened.clear()
        self._local = threading.local()

    def _connection(self) -> Any:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._engine.raw_connection()
            if self._engine.dialect.name == "postgresql":
                connection.driver_connection.autocommit = True  # type: ignore[union-attr]
            self._local.connection = connection
            self._opened.append(connection)
        return connection

    def by_ref(self, organisation_id: int, ref: str) -> SubjectState | None:
        return self._run(self._by_ref, {"org": organisation_id, "ref": ref})

    def by_identity(
        self, organisation_id: int, identity: Identity, secret: bytes
    ) -> SubjectState | None:
        params = {"org": organisation_id, "kind": identity.kind, "hash": identity.hashed(secret)}
        return self._run(self._by_identity, params)

    def _run(
        self, compiled: tuple[str, tuple[str, ...] | None], params: dict[str, Any]
    ) -> SubjectState | None:
        sql, order = compiled
        bound: Any = tuple(params[name] for name in order) if order is not None else params
        errors = self._engine.dialect.loaded_dbapi.Error
        for attempt in (1, 2):
            connection = self._connection()
            try:
                cursor = connection.cursor()
                cursor.execute(sql, bound)
                rows = cursor.fetchall()
                cursor.close()
                break
            except errors:
                self._local.connection = None
                self._opened.remove(connection)
                connection.invalidate()
                if attempt == 2:
                    raise
        if self._text_times:
            rows = [(*row[:3], *(_utc(v) for v in row[3:6]), row[6]) for row in rows]
        return _state(rows)


def _compiled(statement: Any, engine: Engine) -> tuple[str, tuple[str, ...] | None]:
    compiled = statement.compile(dialect=engine.dialect)
    order = tuple(compiled.positiontup) if compiled.positional else None
    return str(compiled), order


def _utc(value: Any) -> datetime | None:
    """SQLite keeps UTC times as text (see :class:`waarborg.store.base.UtcDateTime`)."""
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def load_subject_state(session: Session, subject: Subject | None) -> SubjectState:
    """Everything :func:`waarborg.decide.decide` needs about ``subject`` (None: a stranger)."""
    if subject is None:
        return SubjectState()
    found = _state(session.connection().execute(_BY_ID, {"sid": subject.id}))
    return found if found is not None else SubjectState()
