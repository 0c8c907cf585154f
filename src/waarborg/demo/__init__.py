"""The demo: Weservit's register, a business database full of made-up customers, served.

``waarborg demo`` (and ``make run``) calls :func:`prepare_demo` and serves the
result. The business database is plain SQLite with the schema in ``schema.sql``
(documented in ``docs/demo.md``), so systems maps and request execution can be
tried against it.
"""

from waarborg.demo.generate import create_business_db, schema_sql
from waarborg.demo.prepare import Demo, business_db_path, prepare_demo
from waarborg.demo.sync import sync_business_db

__all__ = [
    "Demo",
    "business_db_path",
    "create_business_db",
    "prepare_demo",
    "schema_sql",
    "sync_business_db",
]
