"""The reference data sets: generated Dutch customers in three shapes on three databases.

Shapes: a WooCommerce shop with HPOS order tables, a WHMCS install (clients,
orders, invoices, services, tickets) and a custom bike shop (customers, orders,
support messages, newsletter). Each is generated with a fixed seed by
``waarborg.testdata`` and bulk-loaded (``COPY`` on PostgreSQL, executemany /
multi-row ``INSERT`` elsewhere), then kept: a SQLite file under ``var/bench/`` or a
database ``wb_<shape>_<size>`` on the server. The cache key (generator version,
seed, size) is stored in the data set's ``bench_meta`` table; a data set whose key
differs (the generators changed) is generated again.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

import waarborg.testdata.people
from bench.fixtures import server_database
from waarborg.register import Register, load_register
from waarborg.systems import SystemsMap, parse_systems
from waarborg.systems.presets import preset_map, render_preset
from waarborg.testdata.custom import BikeShop, custom_map, custom_metadata
from waarborg.testdata.people import Person
from waarborg.testdata.truth import load
from waarborg.testdata.whmcs import WhmcsInstall
from waarborg.testdata.whmcs_schema import whmcs_metadata
from waarborg.testdata.woocommerce import WooCommerceShop
from waarborg.testdata.woocommerce_schema import woocommerce_metadata

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 6, 1)
SEED = 11
CACHE = ROOT / "var" / "bench"
SHAPES = ("woocommerce", "whmcs", "custom")
BACKENDS = ("sqlite", "postgresql", "mariadb")


def generator_version() -> str:
    """A digest of the generators' source: a changed generator invalidates the cache."""
    folder = Path(waarborg.testdata.people.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


@dataclass(frozen=True)
class Shape:
    name: str
    example: str  # the register under examples/
    env: str  # the systems map's URL variable
    system: str  # the system id in the map

    def generator(self, size: int) -> Any:
        common: dict[str, Any] = {"seed": SEED, "today": TODAY, "tracked": ()}
        if self.name == "woocommerce":
            return WooCommerceShop(customers=size, storage="hpos", notes=False, **common)
        if self.name == "whmcs":
            return WhmcsInstall(clients=size, **common)
        return BikeShop(customers=size, **common)

    def metadata(self) -> sa.MetaData:
        return {
            "woocommerce": woocommerce_metadata,
            "whmcs": whmcs_metadata,
            "custom": custom_metadata,
        }[self.name]()

    def register(self) -> Register:
        return load_register(ROOT / "examples" / self.example / "register.yaml")

    def systems(self, register: Register) -> SystemsMap:
        if self.name == "custom":
            text = custom_map("account", "order-handling", "contact-form", "newsletter")
            return parse_systems(text, register, "bench.yaml")
        options = {"storage": "hpos"} if self.name == "woocommerce" else {}
        data, notes = preset_map(self.name, register=register, **options)
        return parse_systems(render_preset(data, notes, self.name), register, "bench.yaml")

    def person(self, size: int, index: int) -> Person:
        person: Person = self.generator(size).person(index)
        return person


SHAPE = {
    "woocommerce": Shape("woocommerce", "itsb", "SHOP_DATABASE_URL", "shop"),
    "whmcs": Shape("whmcs", "weservit", "WHMCS_DATABASE_URL", "portal"),
    "custom": Shape("custom", "weservit", "BIKES_DATABASE_URL", "bikes"),
}


@dataclass
class DataSet:
    shape: Shape
    backend: str
    size: int
    url: str
    rows: int
    generated_s: float | None  # None: taken from the cache


def cache_key(shape: str, size: int) -> str:
    return f"{shape}-gen{generator_version()}-seed{SEED}-n{size}"


def dataset_url(
    backend: str, shape: str, size: int, servers: dict[str, str], folder: Path = CACHE
) -> str:
    """Where this data set lives (SQLite files in ``folder``); creates the server
    database when missing."""
    name = f"wb_{shape}_{size}"
    if backend == "sqlite":
        folder.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{folder / name}.db"
    return server_database(servers[backend], name)


def ensure(
    backend: str, shape_name: str, size: int, servers: dict[str, str], folder: Path = CACHE
) -> DataSet:
    """The data set, generated now unless the cache holds it under the same key."""
    shape = SHAPE[shape_name]
    url = dataset_url(backend, shape_name, size, servers, folder)
    key = cache_key(shape_name, size)
    engine = sa.create_engine(url)
    try:
        cached = _cached(engine)
        if cached is not None and cached[0] == key:
            return DataSet(shape, backend, size, url, cached[1], None)
        _drop_all(engine, shape)
        started = time.perf_counter()
        rows = _load(url, shape, size)
        with engine.begin() as connection:
            for sql in (
                "CREATE TABLE bench_meta (cache_key VARCHAR(200), rows_loaded BIGINT)",
                "CREATE TABLE bench_used (person INTEGER PRIMARY KEY)",
            ):
                connection.exec_driver_sql(sql)
            connection.execute(
                sa.text("INSERT INTO bench_meta VALUES (:k, :r)"), {"k": key, "r": rows}
            )
        return DataSet(shape, backend, size, url, rows, time.perf_counter() - started)
    finally:
        engine.dispose()


LOADING = {
    # The generators hand out rows in batches per table, so a child table's batch can
    # come before its parents'. Like a pg_dump or mysqldump restore, the load does not
    # check foreign keys row by row; the keys are complete once it ends (the generators'
    # tests load them with the checks on).
    "postgresql": "SET session_replication_role = replica",
    "mysql": "SET FOREIGN_KEY_CHECKS = 0",
    "sqlite": "PRAGMA foreign_keys = OFF",
}


def _load(url: str, shape: Shape, size: int) -> int:
    engine = sa.create_engine(url)

    @sa.event.listens_for(engine, "connect")
    def _bulk(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(LOADING[engine.dialect.name])
        cursor.close()

    try:
        return load(engine, shape.metadata(), shape.generator(size).rows(20_000))
    finally:
        engine.dispose()


def _cached(engine: sa.Engine) -> tuple[str, int] | None:
    if not sa.inspect(engine).has_table("bench_meta"):
        return None
    with engine.connect() as connection:
        row = connection.exec_driver_sql("SELECT cache_key, rows_loaded FROM bench_meta").first()
    return (str(row[0]), int(row[1])) if row else None


def _drop_all(engine: sa.Engine, shape: Shape) -> None:
    metadata = shape.metadata()
    with engine.begin() as connection:
        for table in ("bench_meta", "bench_used"):
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
    metadata.drop_all(engine)


def fresh_people(url: str, size: int, count: int) -> list[int]:
    """People no earlier run erased, spread over the population; marked used, so an
    erasure always finds a whole person in a cached data set."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            used = {row[0] for row in connection.exec_driver_sql("SELECT person FROM bench_used")}
            step = max(1, size // (count * 4))
            spread = [*range(7, size, step), *range(size)]
            chosen = [i for i in dict.fromkeys(spread) if i not in used][:count]
            if len(chosen) < count:
                raise SystemExit(f"every person of {url} has been erased; drop it to start over")
            connection.execute(
                sa.text("INSERT INTO bench_used (person) VALUES (:p)"), [{"p": p} for p in chosen]
            )
    finally:
        engine.dispose()
    return chosen
