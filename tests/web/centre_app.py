"""The privacy centre served over the demo company's business database, with a real
SMTP server; jobs run in the request (synchronous) or in threads (browser tests)."""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from fastapi import FastAPI

from tests.smtp import SmtpSink
from waarborg.jobs import InlineRunner, JobContext
from waarborg.jobs.tasks import load_tasks
from waarborg.register import load_register
from waarborg.settings import Settings
from waarborg.store import Store
from waarborg.systems.loader import load_systems
from waarborg.web import Site, Sites, create_app, open_site

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"https?://\S+")


@dataclass
class Centre:
    app: FastAPI
    store: Store
    site: Site
    settings: Settings
    business_db: Path
    smtp: SmtpSink

    def customer(self, sql: str, *args: object) -> str:
        connection = sqlite3.connect(self.business_db)
        try:
            return str(connection.execute(sql, args).fetchone()[0])
        finally:
            connection.close()

    def count(self, sql: str, *args: object) -> int:
        return int(self.customer(sql, *args))


def text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def mailed_link(message: EmailMessage, word: str) -> str:
    found = [u for u in LINK.findall(text(message)) if f"/{word}/" in u]
    assert found, text(message)
    return found[0]


def centre_app(
    tmp_path: Path,
    template_db: Path,
    smtp: SmtpSink,
    *,
    store_url: str | None = None,
    synchronous: bool = True,
    base_url: str = "http://testserver",
) -> Centre:
    business = tmp_path / "business.db"
    shutil.copy(template_db, business)
    settings = Settings(
        data_dir=tmp_path, secret_key="c" * 48, smtp=smtp.settings(), base_url=base_url
    )
    store = Store(store_url or f"sqlite:///{tmp_path / 'w.db'}")
    store.upgrade()
    register = load_register(ROOT / "examples" / "weservit" / "register.yaml")
    systems = load_systems(ROOT / "examples" / "weservit" / "systems.yaml", register)
    site = open_site(store, register, systems, {"WESERVIT_DATABASE_URL": f"sqlite:///{business}"})
    context = JobContext(settings, store, {"sites": Sites([site])})
    jobs = InlineRunner(lambda: context, load_tasks(), synchronous=synchronous)
    app = create_app(settings, store=store, sites=[site], jobs=jobs)
    return Centre(app, store, site, settings, business, smtp)
