"""Fixtures for the request workflow: the demo business database, made once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.rights.office import Office, open_office
from tests.smtp import SmtpSink
from waarborg.demo import create_business_db


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_business_db(tmp_path_factory.mktemp("demo") / "business.db")


@pytest.fixture
def office(
    tmp_path: Path, store_url: str, template_db: Path, smtp_server: SmtpSink
) -> Iterator[Office]:
    running = open_office(tmp_path, store_url, template_db, smtp_server)
    yield running
    running.store.dispose()


@pytest.fixture
def sqlite_office(tmp_path: Path, template_db: Path, smtp_server: SmtpSink) -> Iterator[Office]:
    running = open_office(tmp_path, f"sqlite:///{tmp_path / 'w.db'}", template_db, smtp_server)
    yield running
    running.store.dispose()
