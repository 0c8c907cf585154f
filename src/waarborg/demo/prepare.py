"""Everything ``waarborg demo`` sets up before it serves: store, register, data, a key."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from waarborg._exceptions import ConfigurationError
from waarborg.demo.generate import create_business_db
from waarborg.demo.sync import sync_business_db
from waarborg.register import load_register
from waarborg.settings import Settings
from waarborg.store import Store, utcnow
from waarborg.store.admins import create_user, list_users, provisioning_uri, reset_credentials
from waarborg.store.apikey_tables import ApiKey
from waarborg.store.apikeys import create_api_key
from waarborg.systems.loader import load_systems
from waarborg.web.site import Site, open_site

DEMO_LABEL = "demo"


DEMO_USER = "demo"


@dataclass(frozen=True)
class DemoLogin:
    """The demo's console account; password and TOTP secret are new at every start."""

    username: str
    password: str
    totp_secret: str
    uri: str


@dataclass(frozen=True)
class Demo:
    store: Store
    site: Site
    business_db: Path
    api_key: str
    login: DemoLogin


def business_db_path(settings: Settings) -> Path:
    """Where the demo business database lives: ``<data dir>/demo/weservit-business.db``."""
    return settings.data_dir / "demo" / "weservit-business.db"


def example_register() -> Path:
    """``examples/weservit/register.yaml`` of the checkout, from its root or anywhere in it."""
    candidates = [
        Path.cwd() / "examples" / "weservit" / "register.yaml",
        Path(__file__).resolve().parents[3] / "examples" / "weservit" / "register.yaml",
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ConfigurationError(
        "examples/weservit/register.yaml not found; run the demo from the repository"
    )


def prepare_demo(settings: Settings, register_path: Path | None = None) -> Demo:
    """Migrate the store, load the register, create and sync the data, make a fresh key.

    Safe to run again: the business database and the subjects are made once; only
    the demo API key is replaced (the old one is revoked), because a key is shown
    only when it is made.
    """
    store = Store.from_settings(settings)
    store.upgrade()
    register = load_register(register_path or example_register())
    database = business_db_path(settings)
    if not database.exists():
        create_business_db(database)
    systems = load_systems(example_register().with_name("systems.yaml"), register)
    site = open_site(
        store, register, systems, {"WESERVIT_DATABASE_URL": f"sqlite:///{database.resolve()}"}
    )
    sync_business_db(store, site.organisation_id, database, settings.secret())
    with store.transaction() as session:
        for old in session.scalars(
            select(ApiKey).where(
                ApiKey.organisation_id == site.organisation_id,
                ApiKey.label == DEMO_LABEL,
                ApiKey.revoked_at.is_(None),
            )
        ):
            old.revoked_at = utcnow()
        _, key = create_api_key(session, site.organisation_id, "webshop", DEMO_LABEL)
    return Demo(store, site, database, key, demo_login(store, site))


def demo_login(store: Store, site: Site) -> DemoLogin:
    """A privacy-officer account ``demo`` so a reader can open the console."""
    password = secrets.token_urlsafe(12)
    with store.transaction() as session:
        exists = any(u.username == DEMO_USER for u in list_users(session, site.organisation_id))
        if exists:
            secret = reset_credentials(session, site.organisation_id, DEMO_USER, password)
        else:
            secret = create_user(
                session, site.organisation_id, DEMO_USER, "privacy-officer", password
            )[1]
    uri = provisioning_uri(DEMO_USER, secret, f"waarborg {site.slug}")
    return DemoLogin(DEMO_USER, password, secret, uri)
