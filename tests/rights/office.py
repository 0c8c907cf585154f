"""A privacy office for workflow tests: the demo company's business database, its
register and systems map, waarborg's store, a desk and a real SMTP server."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from tests.smtp import SmtpSink
from waarborg.jobs import DeliveryResult, JobContext, deliver_due
from waarborg.register import Register, load_register
from waarborg.rights import workflow
from waarborg.rights.execute import Fulfilment
from waarborg.rights.store_ledger import ledger_for
from waarborg.rights.workflow import Submitted
from waarborg.rights.workflow_links import Desk
from waarborg.settings import Settings
from waarborg.store import Store
from waarborg.systems.loader import load_systems
from waarborg.systems.model import SystemsMap

ROOT = Path(__file__).resolve().parents[2]
SECRET = "office-secret-" + "x" * 40
NOW = datetime(2027, 1, 31, 9, 0, tzinfo=UTC)


@dataclass
class Office:
    settings: Settings
    store: Store
    desk: Desk
    register: Register
    systems: SystemsMap
    organisation_id: int
    business_db: Path
    smtp: SmtpSink

    @property
    def env(self) -> dict[str, str]:
        return {"WESERVIT_DATABASE_URL": f"sqlite:///{self.business_db}"}

    @contextmanager
    def fulfilment(self) -> Iterator[Fulfilment]:
        secret = self.settings.secret()
        service = Fulfilment.open(
            self.register,
            self.systems,
            self.env,
            store=self.store,
            ledger=ledger_for(self.store, self.organisation_id, secret),
            secret=secret,
            organisation_id=self.organisation_id,
            today=NOW.date(),
        )
        try:
            yield service
        finally:
            service.close()

    def submit(self, **fields: Any) -> Submitted:
        """A request as the privacy centre's form submits it (kind, email, language, now…)."""
        return workflow.submit(self.desk, self.register, self.organisation_id, **fields)

    def submit_verified(self, **fields: Any) -> Submitted:
        """A request submitted and its link followed at once (``now`` for both)."""
        submitted = self.submit(**fields)
        workflow.verify(self.desk, submitted.token, now=fields.get("now"))
        return submitted

    def deliver(self, now: datetime | None = None) -> DeliveryResult:
        return deliver_due(JobContext(self.settings, self.store), now=now)

    def mails_to(self, address: str) -> list[EmailMessage]:
        return self.smtp.to(address)

    def customer(self, sql: str) -> str:
        connection = sqlite3.connect(self.business_db)
        try:
            return str(connection.execute(sql).fetchone()[0])
        finally:
            connection.close()

    def count(self, sql: str, *args: object) -> int:
        connection = sqlite3.connect(self.business_db)
        try:
            return int(connection.execute(sql, args).fetchone()[0])
        finally:
            connection.close()


WITH_INVOICES = (
    "SELECT c.email FROM customers c JOIN invoices i ON i.customer_id = c.id "
    "WHERE i.issued_on >= '2024-01-01' ORDER BY c.id LIMIT 1"
)


def open_office(
    tmp_path: Path, store_url: str, template_db: Path, smtp: SmtpSink, **settings: object
) -> Office:
    business = tmp_path / "business.db"
    shutil.copy(template_db, business)
    config = Settings(
        data_dir=tmp_path,
        secret_key=SECRET,
        smtp=smtp.settings(),
        base_url="http://centre.test",
        **settings,  # type: ignore[arg-type]
    )
    store = Store(store_url)
    store.upgrade()
    register = load_register(ROOT / "examples" / "weservit" / "register.yaml")
    systems = load_systems(ROOT / "examples" / "weservit" / "systems.yaml", register)
    organisation = store.ensure_organisation(register.organisation.name)
    return Office(
        config,
        store,
        Desk.from_settings(config, store),
        register,
        systems,
        organisation,
        business,
        smtp,
    )
