"""Fixtures every test module may use.

- ``shared_dir``: ``../shared`` beside the repository (seeds and reference notes).
- ``examples_dir``: the example registers of the five reference customers.
- ``postgres_url`` / ``mysql_url``: an empty database of its own per test;
  skipped with a clear reason when the server URL variable is unset.
- ``store_url``: parametrised over SQLite and PostgreSQL, for code that must
  behave the same on both.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.databases import MYSQL_ENV, POSTGRES_ENV, fresh_database, server_url

ROOT = Path(__file__).resolve().parent.parent
SEED_COMPANIES = ("weservit", "webence", "itsb", "twentenet", "ibpix")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    shared = ROOT.parent / "shared"
    if not (shared / "seeds").is_dir():
        pytest.skip(f"{shared} is missing: the seed statements live beside the repository")
    return shared


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return ROOT / "examples"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_database(server_url(POSTGRES_ENV, "PostgreSQL")) as url:
        yield url


@pytest.fixture
def mysql_url() -> Iterator[str]:
    with fresh_database(server_url(MYSQL_ENV, "MariaDB/MySQL")) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'waarborg.db'}"
    else:
        with fresh_database(server_url(POSTGRES_ENV, "PostgreSQL")) as url:
            yield url
