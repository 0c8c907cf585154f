"""Fixtures every test module may use.

- ``shared_dir``: ``../shared`` beside the repository (seeds and reference notes).
- ``examples_dir``: the example registers of the five reference customers.
- ``postgres_url`` / ``mysql_url``: an empty database of its own per test;
  skipped with a clear reason when the server URL variable is unset.
- ``store_url``: parametrised over SQLite and PostgreSQL, for code that must
  behave the same on both.
- ``smtp_server``: a real SMTP server (aiosmtpd) on a free port; ``.messages``.
- ``browser``: Debian's Chromium through Playwright (session-wide); use
  ``browser.new_page()`` and close what you open.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.databases import MYSQL_ENV, POSTGRES_ENV, fresh_database, server_url
from tests.smtp import SmtpSink, free_port

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


@pytest.fixture
def smtp_server() -> Iterator[SmtpSink]:
    sink = SmtpSink(port=free_port())
    sink.start()
    try:
        yield sink
    finally:
        sink.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing; install Debian's chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()
