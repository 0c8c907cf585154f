"""The audit log: chained, tamper-evident, transactional, safe with concurrent writers."""

from __future__ import annotations

import itertools
import json
import multiprocessing
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from waarborg import InputError, audit
from waarborg.store import Store
from waarborg.store.audit_tables import AuditEntry

REF = "sub_" + "ab" * 16


def fill(store: Store, org: int, count: int, start: int = 0) -> None:
    for i in range(start, start + count):
        with store.transaction() as session:
            audit.append(
                session,
                org,
                actor="apikey:0123456789abcdef",
                action="decide",
                outcome="allowed" if i % 3 else "denied",
                subject_ref=REF,
                activity="order-handling",
                categories=["email", "naw"],
                system="webshop",
                details={"n": i, "reasons": ["consent-missing"] if i % 3 == 0 else []},
            )


def check(store: Store, org: int) -> audit.Verification:
    with store.reading() as session:
        return audit.verify(session.connection(), org)


def sql(store: Store, statement: str, **params: object) -> None:
    with store.engine.begin() as connection:
        connection.execute(sa.text(statement), params)


def test_an_untouched_chain_verifies(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    assert check(store, org).ok and check(store, org).entries == 0
    fill(store, org, 10)
    result = check(store, org)
    assert result.ok and result.entries == 10
    assert result.render("en").startswith("10 entries, chain intact")


def test_entries_link_to_their_predecessor(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    fill(store, org, 3)
    with store.reading() as session:
        rows = list(audit.entries(session.connection(), org))
    assert [r.seq for r in rows] == [1, 2, 3]
    assert rows[0].prev_hash == audit.GENESIS
    assert rows[1].prev_hash == rows[0].entry_hash and rows[2].prev_hash == rows[1].entry_hash
    assert rows[0].categories == ("email", "naw") and rows[0].details == {
        "n": 0,
        "reasons": ["consent-missing"],
    }


def test_verify_names_an_entry_with_one_changed_byte(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    fill(store, org, 8)
    with store.engine.connect() as connection:
        details = connection.execute(
            sa.text("SELECT details FROM audit_entries WHERE seq = 5")
        ).scalar_one()
    changed = details.replace('"n":4', '"n":5')
    assert len(changed) == len(details) and changed != details
    sql(store, "UPDATE audit_entries SET details = :d WHERE seq = 5", d=changed)
    result = check(store, org)
    assert not result.ok and (result.problem, result.seq) == ("changed", 5)
    assert result.render("en") == "entry 5 was changed after it was written"
    assert result.render("nl") == "regel 5 is gewijzigd nadat hij was geschreven"


def test_verify_notices_a_shifted_timestamp(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    fill(store, org, 4)
    with store.transaction() as session:
        row = session.scalars(sa.select(AuditEntry).where(AuditEntry.seq == 2)).one()
        row.at = row.at + timedelta(microseconds=1)
    assert (check(store, org).problem, check(store, org).seq) == ("changed", 2)


def test_verify_names_a_deleted_entry(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    fill(store, org, 8)
    sql(store, "DELETE FROM audit_entries WHERE seq = 3")
    result = check(store, org)
    assert (result.problem, result.seq, result.entries) == ("missing", 3, 2)
    assert result.render("en") == "entry 3 is missing: it was deleted"


def test_verify_notices_renumbering_after_a_deletion(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    fill(store, org, 6)
    sql(store, "DELETE FROM audit_entries WHERE seq = 3")
    for seq in (4, 5, 6):
        sql(store, "UPDATE audit_entries SET seq = :new WHERE seq = :old", new=seq - 1, old=seq)
    result = check(store, org)
    assert (result.problem, result.seq) == ("out-of-place", 3)


def test_verify_names_a_swapped_pair(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    fill(store, org, 8)
    sql(store, "UPDATE audit_entries SET seq = -1 WHERE seq = 4")
    sql(store, "UPDATE audit_entries SET seq = 4 WHERE seq = 5")
    sql(store, "UPDATE audit_entries SET seq = 5 WHERE seq = -1")
    result = check(store, org)
    assert (result.problem, result.seq) == ("out-of-place", 4)
    assert result.render("en") == "entry 4 is out of place: it does not follow entry 3"


def test_verify_notices_entries_cut_off_the_end(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    fill(store, org, 5)
    sql(store, "DELETE FROM audit_entries WHERE seq >= 4")
    result = check(store, org)
    assert (result.problem, result.seq, result.head_seq) == ("truncated", 3, 5)


def test_each_organisation_has_its_own_chain(store: Store) -> None:
    first = store.ensure_organisation("Weservit B.V.")
    second = store.ensure_organisation("Webence")
    fill(store, first, 3)
    fill(store, second, 2)
    fill(store, first, 1, start=3)
    sql(store, "DELETE FROM audit_entries WHERE organisation_id = :o AND seq = 1", o=second)
    assert check(store, first).ok and check(store, first).entries == 4
    assert check(store, second).problem == "missing"


def test_an_entry_commits_with_the_callers_transaction_or_not_at_all(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    fill(store, org, 2)
    with pytest.raises(RuntimeError), store.transaction() as session:
        audit.append(session, org, actor="cli", action="restriction.record", subject_ref=REF)
        raise RuntimeError("the audited action failed")
    fill(store, org, 1, start=2)
    result = check(store, org)
    assert result.ok and result.entries == 3


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("details", {"details": {"to": "jan@example.nl"}}),
        ("details", {"details": {"ip": "192.168.1.20"}}),
        ("details", {"details": {"ip": "2001:db8:85a3:0:0:8a2e:370:7334"}}),
        ("subject_ref", {"subject_ref": "jan@example.nl"}),
        ("system", {"system": "mail for jan@example.nl"}),
        ("actor", {"actor": "cli\nforged line"}),
        ("action", {"action": "Decide!"}),
    ],
)
def test_personal_data_never_enters_the_log(
    store: Store, field: str, values: dict[str, object]
) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    entry: dict[str, object] = {"actor": "cli", "action": "access", **values}
    with pytest.raises(InputError) as raised, store.transaction() as session:
        audit.append(session, org, **entry)
    assert raised.value.field == field
    assert "jan@example.nl" not in str(raised.value) and "192.168" not in str(raised.value)


def test_export_writes_entries_since_a_moment(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    old = datetime(2025, 1, 1, tzinfo=UTC)
    with store.transaction() as session:
        audit.append(session, org, actor="cli", action="access", at=old, subject_ref=REF)
    fill(store, org, 2)
    with store.reading() as session:
        lines = [
            json.dumps(r.as_json())
            for r in audit.entries(session.connection(), org, old + timedelta(1))
        ]
    assert [json.loads(line)["seq"] for line in lines] == [2, 3]
    first = json.loads(lines[0])
    assert first["subject"] == REF and first["categories"] == ["email", "naw"]
    assert set(first) >= {"at", "actor", "action", "outcome", "details", "prev_hash", "hash"}


def _writer(url: str, org: int, count: int, barrier: object, tag: int) -> None:
    store = Store(url)
    barrier.wait()  # type: ignore[attr-defined]
    for i in range(count):
        with store.transaction() as session:
            audit.append(session, org, actor=f"worker-{tag}", action="access", details={"i": i})
    store.dispose()


def race(store: Store, org: int, per_worker: int) -> None:
    """Two processes append ``per_worker`` entries each, released at the same moment."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    workers = [
        context.Process(target=_writer, args=(store.url, org, per_worker, barrier, tag))
        for tag in (1, 2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0


@pytest.mark.slow
def test_two_processes_appending_at_once_never_fork_the_chain(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    fill(store, org, 1)  # the head row exists; the workers race on it, not on creating it
    race(store, org, 60)
    result = check(store, org)
    assert result.ok and result.entries == 121
    with store.reading() as session:
        actors = [r.actor for r in audit.entries(session.connection(), org)]
    # Both really ran at the same time: their entries interleave.
    switches = sum(1 for a, b in itertools.pairwise(actors) if a != b)
    assert actors.count("worker-1") == actors.count("worker-2") == 60 and switches > 1


@pytest.mark.slow
def test_two_processes_creating_the_first_entry_at_once(store: Store) -> None:
    org = store.ensure_organisation("Weservit B.V.")
    race(store, org, 5)
    result = check(store, org)
    assert result.ok and result.entries == 10
