"""Acceptance: a rule counted from an event posted to waarborg ("account-closed + 3
months") makes exactly the rows the event names due once its term has run out, on
SQLite, PostgreSQL and MariaDB business databases; a customer without the event is untouched,
a second run changes nothing, and the plan counts the same rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.shops import ROOT, business_url
from waarborg.register import load_register
from waarborg.retention import plan, run
from waarborg.retention.events import store_events
from waarborg.retention.sweep import sweep_table
from waarborg.store import Store
from waarborg.store.subjects import record_event
from waarborg.systems import parse_systems
from waarborg.systems.connect import Connector

SECRET = b"test-installation-secret"
# ibpix: "account: account-closed + 3 months" (the account rule of its statement)
REGISTER = load_register(ROOT / "examples" / "ibpix" / "register.yaml")
MAP = """\
systems:
  portal:
    url_env: PORTAL_URL
    tables:
      accounts:
        primary_key: id
        activities: [account]
        identity: {email: email}
        columns: {email: email}
        events: {account-closed: id}
        erasure: delete
      logins:
        primary_key: id
        activities: [account]
        references: [{column: account_id, to: accounts.id}]
        columns: {ip: ip-address}
        events: {account-closed: account_id}
        erasure: delete
"""
ACCOUNTS = 30
CLOSED = {n for n in range(1, ACCOUNTS + 1) if n % 3 == 0}  # ten closed accounts
CLOSED_ON = datetime(2026, 2, 10, 15, 0, tzinfo=UTC)  # kept until 10 May 2026
LAST_KEPT, FIRST_DUE = date(2026, 5, 10), date(2026, 5, 11)


def _metadata() -> sa.MetaData:
    md = sa.MetaData()
    sa.Table(
        "accounts",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(200), nullable=False),
    )
    sa.Table(
        "logins",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer, nullable=False, index=True),
        sa.Column("ip", sa.String(45)),
    )
    return md


@pytest.fixture(params=["sqlite", "postgresql", "mysql"])
def portal(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with business_url(request.param, tmp_path) as url:
        engine = sa.create_engine(url)
        md = _metadata()
        md.create_all(engine)
        with engine.begin() as connection:
            connection.execute(
                md.tables["accounts"].insert(),
                [{"id": n, "email": f"klant{n}@example.nl"} for n in range(1, ACCOUNTS + 1)],
            )
            connection.execute(
                md.tables["logins"].insert(),
                [
                    {"id": n * 10 + i, "account_id": n, "ip": "192.0.2.1"}
                    for n in range(1, ACCOUNTS + 1)
                    for i in range(3)
                ],
            )
        engine.dispose()
        yield url


@pytest.fixture
def store(tmp_path: Path) -> Iterator[tuple[Store, int]]:
    store = Store(f"sqlite:///{tmp_path / 'waarborg.db'}")
    store.upgrade()
    org = store.ensure_organisation("Test BV")
    other = store.ensure_organisation("Ander BV")
    with store.transaction() as session:
        for n in CLOSED:
            record_event(session, org, system="portal", kind="account-closed",
                         reference=str(n), occurred_at=CLOSED_ON)  # fmt: skip
        # not this organisation's event, and not the kind the rule counts from
        record_event(session, other, system="portal", kind="account-closed",
                     reference="1", occurred_at=CLOSED_ON)  # fmt: skip
        record_event(session, org, system="portal", kind="unsubscribed",
                     reference="2", occurred_at=CLOSED_ON)  # fmt: skip
    yield store, org
    store.dispose()


def _left(url: str) -> tuple[set[int], dict[int, int]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            accounts = set(connection.execute(sa.text("SELECT id FROM accounts")).scalars())
            logins: dict[int, int] = {}
            for account in connection.execute(sa.text("SELECT account_id FROM logins")).scalars():
                logins[account] = logins.get(account, 0) + 1
            return accounts, logins
    finally:
        engine.dispose()


def test_a_posted_event_makes_exactly_its_rows_due(portal: str, store: tuple[Store, int]) -> None:
    waarborg, org = store
    systems = parse_systems(MAP, REGISTER, "systems.yaml")
    env = {"PORTAL_URL": portal}
    events = store_events(waarborg, org)

    early = plan(REGISTER, systems, env, today=LAST_KEPT, events=events)
    assert early.due_now() == 0
    assert {t.table: t.due_next_30_days for t in early.tables} == {
        "accounts": len(CLOSED),
        "logins": 3 * len(CLOSED),
    }
    kept = run(waarborg, org, REGISTER, systems, env, today=LAST_KEPT, secret=SECRET, batch=4)
    assert kept.totals()["deleted"] == 0
    assert _left(portal)[0] == set(range(1, ACCOUNTS + 1))  # not before the term

    due = plan(REGISTER, systems, env, today=FIRST_DUE, events=events)
    assert {t.table: t.due_now for t in due.tables} == {
        "accounts": len(CLOSED),
        "logins": 3 * len(CLOSED),
    }
    # batch 4: the ten references are swept in three pieces, each in its own transactions
    first = run(waarborg, org, REGISTER, systems, env, today=FIRST_DUE, secret=SECRET, batch=4)
    assert first.state == "done"
    report = first.report["systems"]["portal"]
    assert report["accounts"]["deleted"] == len(CLOSED)
    assert report["logins"]["deleted"] == 3 * len(CLOSED)
    accounts, logins = _left(portal)
    open_accounts = set(range(1, ACCOUNTS + 1)) - CLOSED
    assert accounts == open_accounts  # 1 (another organisation's event) and 2 stay
    assert logins == {n: 3 for n in open_accounts}

    second = run(waarborg, org, REGISTER, systems, env, today=FIRST_DUE, secret=SECRET)
    assert second.totals()["deleted"] == 0
    assert _left(portal)[0] == open_accounts
    assert plan(REGISTER, systems, env, today=FIRST_DUE, events=events).due_now() == 0


class KilledError(Exception):
    pass


def test_without_events_nothing_is_due_and_a_killed_sweep_resumes(
    portal: str, store: tuple[Store, int]
) -> None:
    waarborg, org = store
    systems = parse_systems(MAP, REGISTER, "systems.yaml")
    env = {"PORTAL_URL": portal}
    # a plan that cannot read events counts none of them (and so errs on keeping)
    assert plan(REGISTER, systems, env, today=FIRST_DUE).due_now() == 0

    def kill(_changed: int) -> None:
        raise KilledError  # the worker dies right after its first committed batch

    connector = Connector.open(systems, "portal", env)
    try:
        with pytest.raises(KilledError):
            sweep_table(connector, "logins", REGISTER, today=FIRST_DUE, batch=3, secret=SECRET,
                        progress=kill, events=store_events(waarborg, org))  # fmt: skip
    finally:
        connector.dispose()
    left = _left(portal)[1]
    assert sum(left.values()) == 3 * ACCOUNTS - 3  # one batch committed, the rest kept
    resumed = run(waarborg, org, REGISTER, systems, env, today=FIRST_DUE, secret=SECRET, batch=3)
    assert resumed.report["systems"]["portal"]["logins"]["deleted"] == 3 * (len(CLOSED) - 1)
    accounts, logins = _left(portal)
    assert accounts == set(range(1, ACCOUNTS + 1)) - CLOSED
    assert set(logins) == accounts


def test_the_plan_command_counts_rows_made_due_by_posted_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from waarborg.cli import app
    from waarborg.settings import Settings

    with business_url("sqlite", tmp_path) as url:
        engine = sa.create_engine(url)
        md = _metadata()
        md.create_all(engine)
        with engine.begin() as connection:
            connection.execute(md.tables["accounts"].insert(), [{"id": 7, "email": "a@b.nl"}])
        engine.dispose()
        (tmp_path / "systems.yaml").write_text(MAP, encoding="utf-8")
        monkeypatch.setenv("PORTAL_URL", url)
        monkeypatch.setenv("WAARBORG_DATA_DIR", str(tmp_path / "var"))
        monkeypatch.delenv("WAARBORG_DB_URL", raising=False)
        register = str(ROOT / "examples" / "ibpix" / "register.yaml")
        args = ["retention", "plan", "--register", register,
                "--systems", str(tmp_path / "systems.yaml"), "--on", FIRST_DUE.isoformat(),
                "--format", "json"]  # fmt: skip

        def due() -> int:
            result = CliRunner().invoke(app, args)
            assert result.exit_code == 0, result.output
            return int(json.loads(result.output)["due_now"])

        assert due() == 0
        waarborg = Store.from_settings(Settings.from_env())
        org = waarborg.ensure_organisation(REGISTER.organisation.name)
        with waarborg.transaction() as session:
            record_event(session, org, system="portal", kind="account-closed",
                         reference="7", occurred_at=CLOSED_ON)  # fmt: skip
        waarborg.dispose()
        assert due() == 1
