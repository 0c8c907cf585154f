"""An erasure killed halfway (SIGKILL, across two systems) completes on a rerun:
nothing it should keep is erased and nothing it should erase is missed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml

from tests.rights.helpers import dump, traces
from tests.shops import ROOT, TODAY, business_url
from waarborg.register import load_register
from waarborg.store import Store
from waarborg.store.executions import HeldRow, RequestExecution, RequestStep
from waarborg.systems.presets import preset_map
from waarborg.testdata.truth import load
from waarborg.testdata.whmcs import WhmcsInstall
from waarborg.testdata.whmcs_schema import whmcs_metadata
from waarborg.testdata.woocommerce import WooCommerceShop
from waarborg.testdata.woocommerce_schema import woocommerce_metadata

REGISTER = ROOT / "examples" / "weservit" / "register.yaml"
SEED = 11


@contextmanager
def locked(url: str) -> Iterator[None]:
    """Hold a write lock on the WHMCS database, so the erasure blocks there."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.execute(sa.text("SELECT id FROM tblclients FOR UPDATE")).all()
        yield
        connection.rollback()
    engine.dispose()


def run_child(config: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.rights.erase_child", json.dumps(config)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


@pytest.fixture(params=["sqlite", "mysql"])
def portal_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    (tmp_path / "portal").mkdir()
    with business_url(request.param, tmp_path / "portal") as url:
        yield url


def test_killed_erasure_resumes_across_two_systems(portal_url: str, tmp_path: Path) -> None:
    shop_url = f"sqlite:///{tmp_path / 'shop.db'}"
    shop = WooCommerceShop(customers=8, seed=SEED, today=TODAY)
    install = WhmcsInstall(clients=8, seed=SEED, today=TODAY)
    for url, metadata, data in (
        (shop_url, woocommerce_metadata(), shop),
        (portal_url, whmcs_metadata(), install),
    ):
        engine = sa.create_engine(url)
        load(engine, metadata, data.rows())
        engine.dispose()
    register = load_register(REGISTER)
    maps = [preset_map(name, register=register)[0] for name in ("woocommerce", "whmcs")]
    combined: dict[str, Any] = {"waarborg": 1, "systems": {}}
    for data in maps:
        combined["systems"].update(data["systems"])
    (tmp_path / "systems.yaml").write_text(yaml.safe_dump(combined, sort_keys=False))
    index = next(i for i in range(8) if install.truth.of(i).get("tblinvoices"))
    who = shop.person(index)
    assert who == install.person(index), "one person with data in both systems"
    store_url = f"sqlite:///{tmp_path / 'waarborg.db'}"
    config = {
        "register": str(REGISTER),
        "systems": str(tmp_path / "systems.yaml"),
        "store": store_url,
        "env": json.dumps({"SHOP_DATABASE_URL": shop_url, "WHMCS_DATABASE_URL": portal_url}),
        "email": who.email,
    }
    portal_before = dump(portal_url)

    with locked(portal_url):
        child = run_child(config)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "done shop"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    # halfway: the shop is erased, the portal untouched, the plan is in the store
    assert traces(who, dump(shop_url)) and dump(portal_url) == portal_before
    store = Store(store_url)
    with store.transaction() as session:
        execution = session.scalars(sa.select(RequestExecution)).one()
        steps = {s.system: s.state for s in session.scalars(sa.select(RequestStep))}
        held_before = session.scalar(sa.select(sa.func.count()).select_from(HeldRow))
    assert execution.state == "running" and steps == {"shop": "done", "portal": "pending"}
    assert held_before and held_before > 0

    rerun = run_child(config)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert out.splitlines() == ["done portal", "finished resumed=True"]

    with store.transaction() as session:
        execution = session.scalars(sa.select(RequestExecution)).one()
        held = {(r.system, r.table_name, r.row_key) for r in session.scalars(sa.select(HeldRow))}
    store.dispose()
    assert execution.state == "done"
    for system, url in (("shop", shop_url), ("portal", portal_url)):
        left = traces(who, dump(url))
        kept = {(t, json.dumps(list(k), separators=(",", ":"))) for t, k in left}
        assert kept <= {(t, k) for s, t, k in held if s == system}, system
    # recent invoices survived both runs; the person's other portal rows are gone
    after = dump(portal_url)
    for key in install.truth.of(index)["tblinvoices"]:
        issued = portal_before["tblinvoices"][key][3]
        assert (key in after["tblinvoices"]) == (issued.year + 7 >= TODAY.year)
    for table in ("tblusers", "tbltickets", "tblemails", "tblhosting"):
        assert not install.truth.of(index).get(table, set()) & set(after[table])
