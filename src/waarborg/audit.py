"""The audit log: append-only, hash-chained, one chain per organisation.

Every retrieval of personal data and every change to a person's rights is an
entry: when, who (``actor``), what (``action``), about whom (the pseudonymous
``sub_…`` reference, never an address), for which activity and data categories,
from which system, with what outcome, and details without personal data.

Each entry stores the SHA-256 of the previous entry and its own hash over its
content and that previous hash, so changing, deleting or reordering any entry
breaks the chain from there on; :func:`verify` finds the first break. The newest
sequence number and hash also sit in ``audit_heads``, which reveals entries cut
off the end.

**One chain per organisation, not one global chain**: a company can export and
hand over its own log (to the Autoriteit Persoonsgegevens, or in answer to an
access request) and anyone can verify it without seeing another company's
entries; removing an organisation from an installation leaves the others'
chains intact; and writers of different organisations never wait for each other.

:func:`append` works inside the caller's transaction, so an audited action and
its entry commit together or not at all. It locks the organisation's head row
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite transactions take the write lock
at ``BEGIN IMMEDIATE``), so concurrent writers queue instead of forking the chain;
the unique ``(organisation_id, seq)`` constraint backs this up.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from waarborg._exceptions import InputError, WaarborgError
from waarborg.i18n import N_, translate
from waarborg.store.audit_tables import AuditEntry, AuditHead

GENESIS = "0" * 64
_ENTRIES = cast(Table, AuditEntry.__table__)
_HEADS = cast(Table, AuditHead.__table__)
_REF = re.compile(r"^sub_[0-9a-f]{32}$")
_ACTION = re.compile(r"^[a-z][a-z0-9.-]{0,59}$")
# What must never be in an entry in clear (CONTRIBUTING: no personal data in logs).
_PERSONAL = re.compile(
    r"[^@\s]@[^@\s]+\.[A-Za-z]{2,}"  # an e-mail address (one character before @ is enough)
    r"|\b\d{1,3}(?:\.\d{1,3}){3}\b"  # an IPv4 address
    r"|\b[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){4,7}\b"  # an IPv6 address
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FIELD_NAMES = ("actor", "action", "subject_ref", "activity", "system", "outcome")
_CANONICAL = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), sort_keys=True, check_circular=False
).encode


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 as is: one text per value, stored and hashed."""
    try:
        return _CANONICAL(value)
    except (TypeError, ValueError):
        raise InputError("audit details must be plain JSON values", field="details") from None


class AuditUnavailableError(WaarborgError):
    """The store could not take the entry; the audited action must not go ahead."""

    http_status = 503


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    at: datetime
    actor: str
    action: str
    subject_ref: str | None
    activity: str | None
    categories: tuple[str, ...]
    system: str | None
    outcome: str
    details: Mapping[str, Any]
    prev_hash: str
    entry_hash: str

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at.isoformat(timespec="microseconds"),
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject_ref,
            "activity": self.activity,
            "categories": list(self.categories),
            "system": self.system,
            "outcome": self.outcome,
            "details": dict(self.details),
            "prev_hash": self.prev_hash,
            "hash": self.entry_hash,
        }


def at_text(at: datetime) -> str:
    """``2026-05-01 13:45:00.000123``: UTC to the microsecond, as SQLite stores it."""
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def entry_hash(
    prev_hash: str,
    at: str,
    fields: tuple[str, str, str | None, str | None, str | None, str],
    categories_json: str,
    details_json: str,
) -> str:
    """SHA-256 over the previous hash and the entry exactly as stored.

    ``at`` is :func:`at_text`; ``fields`` are actor, action, subject reference,
    activity, system and outcome (no control characters, so the unit separator
    between them is unambiguous); the JSON parts are the canonical text stored.
    The sequence number is left out on purpose: the chain itself fixes the order,
    so a swapped pair shows as "out of place" rather than as "changed".
    """
    actor, action, ref, activity, system, outcome = fields
    text = "\x1f".join(
        (
            prev_hash, at, actor, action, ref or "", activity or "", system or "", outcome,
            categories_json, details_json,
        )
    )  # fmt: skip
    return hashlib.sha256(text.encode()).hexdigest()


_SELECT_HEAD = (
    select(_HEADS.c.last_seq, _HEADS.c.last_hash)
    .where(_HEADS.c.organisation_id == bindparam("org"))
    .with_for_update()
)
INSERT_COLUMNS = (
    "organisation_id, seq, at, actor, action, subject_ref, activity_id, categories, system,"
    " outcome, details, prev_hash, entry_hash"
)
_LARGEST_INSERT = 256  # rows of 13 parameters: far below SQLite's 32,766 and PostgreSQL's 65,535


def insert_rows(cursor: Any, mark: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert rows of :func:`link_entries` straight through the driver (``mark``: ``?`` or ``%s``).

    Per row, SQLAlchemy's parameter bookkeeping costs more than the row. One multi-row
    INSERT per power-of-two chunk: few distinct statement texts, so the driver's
    statement cache keeps them prepared.
    """
    start = 0
    while start < len(rows):
        size = min(_LARGEST_INSERT, 1 << ((len(rows) - start).bit_length() - 1))
        chunk = rows[start : start + size]
        cursor.execute(_insert_sql(mark, size), [value for row in chunk for value in row])
        start += size


@functools.cache
def _insert_sql(mark: str, rows: int) -> str:
    values = ", ".join(["(" + ", ".join([mark] * 13) + ")"] * rows)
    return f"INSERT INTO audit_entries ({INSERT_COLUMNS}) VALUES {values}"  # noqa: S608


_UPDATE_HEAD = (
    update(_HEADS)
    .where(_HEADS.c.organisation_id == bindparam("org"))
    .values(
        last_seq=bindparam("new_seq"), last_hash=bindparam("new_hash"), updated_at=bindparam("now")
    )
)


@dataclass(frozen=True)
class Entry:
    """What to log; :func:`append_many` takes several, :func:`append` the same as keywords."""

    actor: str
    action: str
    outcome: str = "ok"
    subject_ref: str | None = None
    activity: str | None = None
    categories: Sequence[str] = ()
    system: str | None = None
    details: Mapping[str, Any] | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class Prepared:
    """An entry checked and serialised (:func:`prepare`), ready to be chained."""

    entry: Entry
    fields: tuple[str, str, str | None, str | None, str | None, str]
    categories_json: str
    details_json: str


def prepare(entry: Entry) -> Prepared:
    """Check ``entry`` now: :class:`InputError` for what :func:`append_many` would refuse."""
    return Prepared(entry, *_prepared(entry))


def _prepared(
    entry: Entry,
) -> tuple[tuple[str, str, str | None, str | None, str | None, str], str, str]:
    """Validated fields and canonical JSON; refuses anything that looks like personal data."""
    if entry.subject_ref is not None and not _REF.match(entry.subject_ref):
        raise InputError("a subject is named by its sub_… reference", field="subject_ref")
    if not _ACTION.match(entry.action):
        raise InputError("an action is a lower-case name such as 'decide'", field="action")
    fields = (
        entry.actor, entry.action, entry.subject_ref, entry.activity or None,
        entry.system or None, entry.outcome,
    )  # fmt: skip
    details_json = canonical_json(dict(entry.details or {}))
    present = [(n, v) for n, v in zip(_FIELD_NAMES, fields, strict=True) if v is not None]
    bad = [n for n, v in present if _CONTROL.search(v)]
    # The costly pattern runs once over everything, and only where it could match
    # (each alternative needs a dot or four colons); per field only to name the culprit.
    text = " ".join([*(v for _, v in present), details_json])
    if not bad and ("." in text or text.count(":") >= 4) and _PERSONAL.search(text):
        bad = [n for n, v in [*present, ("details", details_json)] if _PERSONAL.search(v)]
    if bad:
        raise InputError("no personal data or control characters in the audit log", field=bad[0])
    return fields, canonical_json(list(entry.categories)), details_json


def append(session: Session | Connection, organisation_id: int, **entry: Any) -> AuditRecord:
    """Add one entry (the fields of :class:`Entry`) in the caller's transaction.

    Raises :class:`InputError` when a field looks like personal data (an e-mail
    or IP address) or the subject is not a ``sub_…`` reference.
    """
    return append_many(session, organisation_id, [Entry(**entry)])[0]


def append_many(
    session: Session | Connection, organisation_id: int, entries: Sequence[Entry | Prepared]
) -> list[AuditRecord]:
    """Add entries in order under one lock of the chain head, in the caller's transaction.

    Takes an ORM session or a Core connection (the web layer's group commit uses one,
    to commit the entries of concurrent API calls together).
    """
    prepared = [e if isinstance(e, Prepared) else prepare(e) for e in entries]
    connection = session.connection() if isinstance(session, Session) else session
    seq, last_hash = _lock_head(connection, organisation_id)
    now = datetime.now(UTC)
    rows, records = link_entries(
        organisation_id, prepared, seq, last_hash, now, connection.dialect.name == "sqlite"
    )
    if rows:
        cursor = connection.connection.cursor()
        insert_rows(cursor, "?" if connection.dialect.name == "sqlite" else "%s", rows)
        cursor.close()
        connection.execute(
            _UPDATE_HEAD,
            {"org": organisation_id, "new_seq": records[-1].seq, "new_hash": records[-1].entry_hash,
             "now": now},
        )  # fmt: skip
    return records


def link_entries(
    organisation_id: int,
    prepared: Sequence[Prepared],
    seq: int,
    last_hash: str,
    now: datetime,
    text_times: bool,
) -> tuple[list[tuple[Any, ...]], list[AuditRecord]]:
    """Chain ``prepared`` onto the head ``seq``, ``last_hash``: rows to insert, and records.

    The rows hold ``at`` as SQLite stores it (``text_times``: the same text the hash
    covers) or as an aware datetime for PostgreSQL, in the order of ``INSERT_COLUMNS``.
    """
    rows: list[tuple[Any, ...]] = []
    records: list[AuditRecord] = []
    for entry, fields, categories_json, details_json in (
        (p.entry, p.fields, p.categories_json, p.details_json) for p in prepared
    ):
        when = now if entry.at is None else entry.at.astimezone(UTC)
        seq += 1
        actor, action, ref, activity, system, outcome = fields
        stamp = at_text(when)
        digest = entry_hash(last_hash, stamp, fields, categories_json, details_json)
        rows.append(
            (organisation_id, seq, stamp if text_times else when, actor, action, ref, activity,
             categories_json, system, outcome, details_json, last_hash, digest)
        )  # fmt: skip
        records.append(
            AuditRecord(
                seq, when, actor, action, ref, activity, tuple(entry.categories), system,
                outcome, dict(entry.details or {}), last_hash, digest,
            )
        )  # fmt: skip
        last_hash = digest
    return rows, records


def _lock_head(connection: Connection, organisation_id: int) -> tuple[int, str]:
    """The head of the chain, locked until the caller's transaction ends."""
    row = connection.execute(_SELECT_HEAD, {"org": organisation_id}).first()
    if row is None:
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        connection.execute(
            dialect.insert(_HEADS)
            .values(
                organisation_id=organisation_id,
                last_seq=0,
                last_hash=GENESIS,
                updated_at=datetime.now(UTC),
            )
            .on_conflict_do_nothing(index_elements=["organisation_id"])
        )
        row = connection.execute(_SELECT_HEAD, {"org": organisation_id}).one()
    return int(row[0]), str(row[1])


_COLUMNS = (
    _ENTRIES.c.seq,
    _ENTRIES.c.at,
    _ENTRIES.c.actor,
    _ENTRIES.c.action,
    _ENTRIES.c.subject_ref,
    _ENTRIES.c.activity_id,
    _ENTRIES.c.system,
    _ENTRIES.c.outcome,
    _ENTRIES.c.categories,
    _ENTRIES.c.details,
    _ENTRIES.c.prev_hash,
    _ENTRIES.c.entry_hash,
)


def _rows(connection: Connection, organisation_id: int, since: datetime | None) -> Any:
    query = select(*_COLUMNS).where(_ENTRIES.c.organisation_id == organisation_id)
    if since is not None:
        query = query.where(_ENTRIES.c.at >= since)
    return connection.execution_options(stream_results=True, yield_per=10_000).execute(
        query.order_by(_ENTRIES.c.seq)
    )


def entries(
    connection: Connection, organisation_id: int, since: datetime | None = None
) -> Iterator[AuditRecord]:
    """The organisation's entries in chain order, streamed (for export)."""
    for seq, at, actor, action, ref, act, system, outcome, cats, details, prev, digest in _rows(
        connection, organisation_id, since
    ):
        yield AuditRecord(
            seq, at, actor, action, ref, act, tuple(json.loads(cats)), system, outcome,
            json.loads(details), prev, digest,
        )  # fmt: skip


MESSAGES = {
    "missing": N_("entry {seq} is missing: it was deleted"),
    "changed": N_("entry {seq} was changed after it was written"),
    "out-of-place": N_("entry {seq} is out of place: it does not follow entry {previous}"),
    "truncated": N_("the log ends at entry {seq}, but entries up to {head} were written"),
    "head": N_("the head of the chain does not match entry {seq}"),
}


@dataclass(frozen=True)
class Verification:
    """The result of :func:`verify`: intact, or the first bad entry and what is wrong."""

    organisation_id: int
    entries: int
    head_hash: str
    problem: str | None = None
    seq: int | None = None
    previous: int | None = None
    head_seq: int | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def render(self, lang: str = "en") -> str:
        if self.problem is None:
            return translate(lang, "{count} entries, chain intact, head {hash}").format(
                count=self.entries, hash=self.head_hash[:16]
            )
        return translate(lang, MESSAGES[self.problem]).format(
            seq=self.seq, previous=self.previous, head=self.head_seq
        )


# The time as text exactly as at_text() writes it: SQLite stores that very text; on
# PostgreSQL the server formats it (on its own core), which keeps a million-entry
# verification within seconds.
_AT_SQL = {
    "sqlite": "at",
    "postgresql": "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
}
_VERIFY_SQL = (
    "SELECT seq, {at}, actor, action, subject_ref, activity_id, system, outcome, categories,"
    " details, prev_hash, entry_hash FROM audit_entries WHERE organisation_id = {org} ORDER BY seq"
)


def verify(connection: Connection, organisation_id: int) -> Verification:
    """Walk the chain and name the first entry that was changed, deleted or moved.

    Reads the rows as the database holds them (no type conversion, no JSON
    parsing): a million entries take a few seconds (``bench.runtime``).
    """
    sql = _VERIFY_SQL.format(at=_AT_SQL[connection.dialect.name], org=int(organisation_id))
    result = connection.execution_options(stream_results=True, yield_per=10_000).exec_driver_sql(
        sql
    )
    expected_seq, previous_hash = 1, GENESIS
    for seq, at, actor, action, ref, act, system, outcome, cats, details, prev, digest in result:
        if seq != expected_seq:
            return Verification(
                organisation_id, expected_seq - 1, previous_hash, "missing", expected_seq
            )
        if prev != previous_hash:
            return Verification(
                organisation_id, seq - 1, previous_hash, "out-of-place", seq, seq - 1
            )
        fields = (actor, action, ref, act, system, outcome)
        if entry_hash(prev, at, fields, cats, details) != digest:
            return Verification(organisation_id, seq - 1, previous_hash, "changed", seq)
        previous_hash, expected_seq = digest, expected_seq + 1
    count = expected_seq - 1
    head = connection.execute(
        select(_HEADS.c.last_seq, _HEADS.c.last_hash).where(
            _HEADS.c.organisation_id == organisation_id
        )
    ).first()
    head_seq, head_hash = (int(head[0]), str(head[1])) if head else (0, GENESIS)
    if head_seq > count:
        return Verification(
            organisation_id, count, previous_hash, "truncated", count, head_seq=head_seq
        )
    if head_seq != count or head_hash != previous_hash:
        return Verification(organisation_id, count, previous_hash, "head", count)
    return Verification(organisation_id, count, previous_hash)
