"""Throwaway databases on the test PostgreSQL and MariaDB servers.

Each test (or session) gets a database of its own with a random name, dropped
afterwards, so parallel runs on one server never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

POSTGRES_ENV = "WAARBORG_TEST_POSTGRES_URL"
MYSQL_ENV = "WAARBORG_TEST_MYSQL_URL"


def server_url(env: str, what: str) -> str:
    url = os.environ.get(env)
    if not url:
        pytest.skip(
            f"{env} is not set, so the {what} tests cannot run here "
            f"(.ci/run sets it; e.g. {env}="
            + (
                "postgresql+psycopg://postgres@127.0.0.1:5432/test)"
                if "POSTGRES" in env
                else "mysql+pymysql://root@127.0.0.1:3306/test)"
            )
        )
    return url


@contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """Create an empty database next to the one in ``url``; yield its URL; drop it."""
    base = make_url(url)
    name = f"waarborg_t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    quote = admin.dialect.identifier_preparer.quote
    with admin.connect() as conn:
        if base.get_backend_name() == "mysql":
            conn.execute(sa.text(f"CREATE DATABASE {quote(name)} CHARACTER SET utf8mb4"))
        else:
            conn.execute(sa.text(f"CREATE DATABASE {quote(name)}"))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            if base.get_backend_name() == "postgresql":
                conn.execute(sa.text(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)"))
            else:
                conn.execute(sa.text(f"DROP DATABASE IF EXISTS {quote(name)}"))
        admin.dispose()
