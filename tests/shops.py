"""Business databases for the systems and rights tests, created for real and filled
with generated Dutch customers whose rows the generators record (``truth``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tests.databases import MYSQL_ENV, POSTGRES_ENV, fresh_database, server_url
from waarborg.register import Register, load_register
from waarborg.systems import SystemsMap, parse_systems
from waarborg.systems.presets import preset_map, render_preset
from waarborg.testdata.custom import BikeShop, custom_map, custom_metadata
from waarborg.testdata.truth import load
from waarborg.testdata.whmcs import WhmcsInstall
from waarborg.testdata.whmcs_schema import whmcs_metadata
from waarborg.testdata.woocommerce import WooCommerceShop
from waarborg.testdata.woocommerce_schema import woocommerce_metadata

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 6, 1)


@contextmanager
def business_url(kind: str, tmp_path: Path) -> Iterator[str]:
    """An empty database of ``kind`` (sqlite, mysql, postgresql) for one test."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'business.db'}"
    elif kind == "mysql":
        with fresh_database(server_url(MYSQL_ENV, "MariaDB/MySQL")) as url:
            yield url
    else:
        with fresh_database(server_url(POSTGRES_ENV, "PostgreSQL")) as url:
            yield url


@dataclass
class Business:
    """A filled database, its register and systems map, and who owns which rows."""

    url: str
    data: Any
    register: Register
    systems: SystemsMap
    env_name: str

    @property
    def system_id(self) -> str:
        return next(iter(self.systems.systems))

    @property
    def env(self) -> dict[str, str]:
        return {self.env_name: self.url}

    def engine(self) -> sa.Engine:
        return sa.create_engine(self.url)


def _fill(url: str, metadata: sa.MetaData, data: Any) -> None:
    engine = sa.create_engine(url)
    try:
        load(engine, metadata, data.rows())
    finally:
        engine.dispose()


def _preset(
    url: str, preset: str, example: str, data: Any, metadata: sa.MetaData, env: str
) -> Business:
    register = load_register(ROOT / "examples" / example / "register.yaml")
    _fill(url, metadata, data)
    mapped, notes = preset_map(preset, register=register)
    systems = parse_systems(render_preset(mapped, notes, preset), register, "systems.yaml")
    return Business(url, data, register, systems, env)


def woocommerce(url: str, customers: int = 25, storage: str = "sync") -> Business:
    shop = WooCommerceShop(customers=customers, storage=storage, today=TODAY)  # type: ignore[arg-type]
    return _preset(url, "woocommerce", "itsb", shop, woocommerce_metadata(), "SHOP_DATABASE_URL")


def whmcs(url: str, clients: int = 30) -> Business:
    install = WhmcsInstall(clients=clients, today=TODAY)
    return _preset(url, "whmcs", "weservit", install, whmcs_metadata(), "WHMCS_DATABASE_URL")


def bikes(url: str, customers: int = 25) -> Business:
    register = load_register(ROOT / "examples" / "weservit" / "register.yaml")
    shop = BikeShop(customers=customers, today=TODAY)
    _fill(url, custom_metadata(), shop)
    text = custom_map("account", "order-handling", "contact-form", "newsletter")
    systems = parse_systems(text, register, "systems.yaml")
    return Business(url, shop, register, systems, "BIKES_DATABASE_URL")
