"""An app serving two organisations (Weservit, the default, and Webence) with a key each."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from waarborg.register import load_register
from waarborg.settings import Settings
from waarborg.store import Store
from waarborg.store.apikeys import create_api_key
from waarborg.web import Site, create_app, open_site

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Served:
    app: FastAPI
    client: TestClient
    store: Store
    weservit: Site
    webence: Site
    key: str  # Weservit's webshop
    other_key: str  # Webence's

    def auth(self, key: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {key or self.key}"}


def serve(store_url: str, tmp_path: Path, key_cache_seconds: float = 0.0) -> Served:
    settings = Settings(data_dir=tmp_path, secret_key="s" * 48)
    store = Store(store_url)
    store.upgrade()
    weservit = open_site(store, load_register(ROOT / "examples" / "weservit" / "register.yaml"))
    webence = open_site(store, load_register(ROOT / "examples" / "webence" / "register.yaml"))
    with store.transaction() as session:
        _, key = create_api_key(session, weservit.organisation_id, "webshop", "test")
        _, other = create_api_key(session, webence.organisation_id, "portal")
    app = create_app(
        settings, store=store, sites=[weservit, webence], key_cache_seconds=key_cache_seconds
    )
    return Served(app, TestClient(app), store, weservit, webence, key, other)


@pytest.fixture
def served(store_url: str, tmp_path: Path) -> Iterator[Served]:
    running = serve(store_url, tmp_path)
    with running.client:
        yield running
    running.store.dispose()


@pytest.fixture
def sqlite_served(tmp_path: Path) -> Iterator[Served]:
    running = serve(f"sqlite:///{tmp_path / 'w.db'}", tmp_path)
    with running.client:
        yield running
    running.store.dispose()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo company's business database, made once; tests copy it."""
    from waarborg.demo import create_business_db

    return create_business_db(tmp_path_factory.mktemp("demo") / "business.db")
