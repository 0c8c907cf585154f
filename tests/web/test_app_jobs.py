"""The running app delivers queued mail itself on the embedded default."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.smtp import SmtpSink
from waarborg import load_register
from waarborg.jobs import InlineRunner, queue_mail
from waarborg.mail import MailMessage
from waarborg.settings import Settings
from waarborg.store import Store
from waarborg.web import create_app, open_site

ROOT = Path(__file__).resolve().parents[2]


def test_mail_queued_while_serving_is_delivered(
    store: Store, smtp_server: SmtpSink, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path, secret_key="s" * 32, smtp=smtp_server.settings())
    site = open_site(store, load_register(ROOT / "examples/weservit/register.yaml"))
    app = create_app(settings, store=store, sites=[site])
    with TestClient(app) as client:
        runner = client.app.state.waarborg.jobs  # type: ignore[attr-defined]
        assert isinstance(runner, InlineRunner)
        with store.transaction() as session:
            queue_mail(
                session,
                site.organisation_id,
                MailMessage(to="klant@example.nl", subject="Uw verzoek", text="Hallo"),
                "test",
            )
        runner.defer("deliver-mail")
        (received,) = smtp_server.wait_for(1)
    assert received["Subject"] == "Uw verzoek"
    assert "Weservit B.V." in received["From"]
