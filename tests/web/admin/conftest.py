"""Console accounts of each role on the two-organisation app of ``tests/web/conftest.py``."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyotp
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.smtp import SmtpSink
from waarborg.demo import create_business_db
from waarborg.register import load_register
from waarborg.settings import Settings
from waarborg.store import Store, utcnow
from waarborg.store.admins import create_user
from waarborg.store.subjects import Identity, find_or_create_subject, record_event
from waarborg.systems.loader import load_systems
from waarborg.web import Site, create_app, open_site

ROOT = Path(__file__).resolve().parents[3]

PASSWORD = "correct horse battery staple"
CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def add_user(store: Store, organisation_id: int, username: str, role: str) -> str:
    """Make an account; returns its TOTP secret."""
    with store.transaction() as session:
        return create_user(session, organisation_id, username, role, PASSWORD)[1]


def code(secret: str, steps_ahead: int = 0) -> str:
    """The code an authenticator app would show (``steps_ahead`` × 30 s from now)."""
    return pyotp.TOTP(secret).at(int(time.time()) + 30 * steps_ahead)


def csrf_token(client: TestClient, path: str = "/admin/login") -> str:
    found = CSRF.search(client.get(path).text)
    assert found, f"no form on {path}"
    return found.group(1)


def log_in(
    client: TestClient, username: str, secret: str, password: str = PASSWORD, steps_ahead: int = 0
) -> int:
    """Sign in through the login form; returns the status of the post (303 on success)."""
    response = client.post(
        "/admin/login",
        data={
            "username": username,
            "password": password,
            "code": code(secret, steps_ahead),
            "csrf_token": csrf_token(client),
        },
        follow_redirects=False,
    )
    return response.status_code


@dataclass
class Console:
    """A served app on an editable copy of Weservit's register, mailing to ``smtp``."""

    app: FastAPI
    client: TestClient
    store: Store
    site: Site
    register_path: Path
    smtp: SmtpSink

    def customer(self, address: str, event: str = "order-completed") -> str:
        """A customer known by e-mail with an anchor event; returns the ``sub_…`` ref."""
        org = self.site.organisation_id
        with self.store.transaction() as session:
            subject, _ = find_or_create_subject(
                session, org, [Identity("email", address)], self.app.state.waarborg.secret
            )
            record_event(
                session, org, system="webshop", kind=event, reference=f"order-{address}",
                occurred_at=utcnow(), subject_id=subject.id,
            )  # fmt: skip
            return subject.ref

    def edit_register(self, old: str, new: str) -> None:
        text = self.register_path.read_text(encoding="utf-8")
        assert old in text
        self.register_path.write_text(text.replace(old, new, 1), encoding="utf-8")


def console_app(
    tmp_path: Path, smtp: SmtpSink, store_url: str | None = None, systems: bool = False
) -> Console:
    """``systems``: connect Weservit's systems map to ``tmp_path/business.db`` (which the
    caller puts there)."""
    path = tmp_path / "register.yaml"
    shutil.copy(ROOT / "examples" / "weservit" / "register.yaml", path)
    settings = Settings(
        data_dir=tmp_path, secret_key="s" * 48, smtp=smtp.settings(), base_url="http://shop.test"
    )
    store = Store(store_url or f"sqlite:///{tmp_path / 'console.db'}")
    store.upgrade()
    register = load_register(path)
    if systems:
        systems_map = load_systems(ROOT / "examples" / "weservit" / "systems.yaml", register)
        environ = {"WESERVIT_DATABASE_URL": f"sqlite:///{tmp_path / 'business.db'}"}
        site = open_site(store, register, systems_map, environ)
    else:
        site = open_site(store, register)
    app = create_app(settings, store=store, sites=[site])
    return Console(app, TestClient(app), store, site, path, smtp)


@pytest.fixture(scope="session")
def business_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_business_db(tmp_path_factory.mktemp("business") / "business.db")


@pytest.fixture
def desk(tmp_path: Path, smtp_server: SmtpSink, business_template: Path) -> Iterator[Console]:
    """A console whose systems map reaches a copy of the demo business database."""
    shutil.copy(business_template, tmp_path / "business.db")
    running = console_app(tmp_path, smtp_server, systems=True)
    with running.client:
        yield running
    running.store.dispose()


@pytest.fixture
def console(tmp_path: Path, smtp_server: SmtpSink) -> Iterator[Console]:
    running = console_app(tmp_path, smtp_server)
    with running.client:
        yield running
    running.store.dispose()
