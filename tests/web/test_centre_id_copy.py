"""Webence's register asks for a shielded ID copy: the form asks for one, the copy is
stored encrypted and deleted when the request closes. Weservit's asks for none."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.smtp import SmtpSink
from waarborg.register import load_register
from waarborg.rights import workflow
from waarborg.rights.id_copy import copy_file, read_copy
from waarborg.rights.workflow_links import Desk
from waarborg.settings import Settings
from waarborg.store import Store
from waarborg.store.request_tables import SubjectRequest
from waarborg.web import create_app, open_site

ROOT = Path(__file__).resolve().parents[2]
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
PNG = b"\x89PNG\r\n\x1a\n" + b"shielded-passport-scan" * 20


@pytest.fixture
def webence(tmp_path: Path, smtp_server: SmtpSink) -> Iterator[tuple[TestClient, Desk]]:
    settings = Settings(data_dir=tmp_path, secret_key="w" * 48, smtp=smtp_server.settings())
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    store.upgrade()
    site = open_site(store, load_register(ROOT / "examples" / "webence" / "register.yaml"))
    app = create_app(settings, store=store, sites=[site])
    with TestClient(app, follow_redirects=False) as client:
        yield client, Desk.from_settings(settings, store)
    store.dispose()


def test_id_copy_asked_stored_encrypted_and_deleted(webence: tuple[TestClient, Desk]) -> None:
    client, desk = webence
    form = client.get("/privacy/request")
    assert 'type="file"' in form.text and 'enctype="multipart/form-data"' in form.text
    assert "burgerservicenummer (BSN)" in form.text and "KopieID" in form.text
    token = TOKEN.search(form.text).group(1)  # type: ignore[union-attr]
    fields = {"csrf_token": token, "kind": "access", "email": "klant@example.nl"}
    missing = client.post("/privacy/request", data=fields)
    assert missing.status_code == 422 and "kopie van uw identiteitsbewijs" in missing.text
    wrong = client.post(
        "/privacy/request", data=fields, files={"id_copy": ("id.txt", b"just text", "text/plain")}
    )
    assert wrong.status_code == 422
    sent = client.post(
        "/privacy/request", data=fields, files={"id_copy": ("id.png", PNG, "image/png")}
    )
    assert sent.status_code == 303
    with desk.store.reading() as session:
        row = session.scalars(select(SubjectRequest)).one()
    stored = copy_file(desk, row.ref)
    assert stored.exists() and b"shielded-passport-scan" not in stored.read_bytes()
    assert read_copy(desk, row.ref) == PNG
    assert row.details["id_copy"] == "image/png"
    workflow.close(desk, row.ref, actor="owner")
    assert not stored.exists() and read_copy(desk, row.ref) is None


def test_no_id_copy_where_the_register_asks_none(tmp_path: Path, smtp_server: SmtpSink) -> None:
    settings = Settings(data_dir=tmp_path, secret_key="w" * 48, smtp=smtp_server.settings())
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    store.upgrade()
    site = open_site(store, load_register(ROOT / "examples" / "weservit" / "register.yaml"))
    with TestClient(create_app(settings, store=store, sites=[site])) as client:
        assert 'type="file"' not in client.get("/privacy/request").text
    store.dispose()
