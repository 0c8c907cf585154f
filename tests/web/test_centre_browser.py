"""Acceptance: a customer of the demo company uses the privacy centre in real headless
Chromium against a real server, reads the mail from a real SMTP server, and gets
their data (or has it erased, the invoice kept and restricted); in Dutch and English."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.live import serve
from tests.smtp import SmtpSink, free_port
from tests.web.centre_app import Centre, centre_app, mailed_link, text
from waarborg.store.limit_tables import Restriction
from waarborg.store.request_tables import SubjectRequest

WITH_INVOICES = (
    "SELECT c.email FROM customers c JOIN invoices i ON i.customer_id = c.id "
    "WHERE i.issued_on >= '2024-01-01' AND c.id > ? ORDER BY c.id LIMIT 1"
)

pytestmark = pytest.mark.browser


@pytest.fixture
def live(tmp_path: Path, template_db: Path, smtp_server: SmtpSink) -> Iterator[tuple[Centre, str]]:
    port = free_port()
    centre = centre_app(
        tmp_path,
        template_db,
        smtp_server,
        synchronous=False,
        base_url=f"http://127.0.0.1:{port}",
    )
    with serve(centre.app, port=port) as base:
        yield centre, base
    centre.store.dispose()


def ask(page: Any, base: str, prefix: str, kind: str, email: str) -> None:
    """Fill in and send the request form as a person would."""
    page.goto(f"{base}{prefix}/request")
    page.check(f"#kind-{kind}")
    page.fill("#email", email)
    page.click("button[type=submit]")


def confirm(page: Any, centre: Centre, email: str, button: str) -> None:
    """Open the link from the verification mail and press the confirmation button."""
    (mail,) = centre.smtp.wait_for(1)
    assert mail["To"] == email
    page.goto(mailed_link(mail, "verify"))
    page.click(f"text={button}")


def test_access_request_with_package_download(live: tuple[Centre, str], browser: Any) -> None:
    centre, base = live
    email = centre.customer(WITH_INVOICES, 0)
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    ask(page, base, "/privacy", "access", email)
    assert page.locator("h1").inner_text() == "Controleer uw e-mail"
    confirm(page, centre, email, "Ja, dit is mijn verzoek")
    assert page.locator("h1").inner_text() == "Uw verzoek"
    answer = centre.smtp.wait_for(3, timeout=30)[-1]
    assert answer["Subject"].startswith("Antwoord op uw privacyverzoek")
    page.goto(mailed_link(answer, "package"))
    with page.expect_download() as started:
        page.click("text=Downloaden")
    download = started.value
    data = Path(download.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        exported = json.loads(package.read("business.json"))
        assert email in json.dumps(exported)
        assert "Weservit" in package.read("index.html").decode()
    page.goto(mailed_link(answer, "request"))
    assert page.locator("#state").inner_text() == "Beantwoord"
    context.close()


def test_erasure_keeps_the_invoice_restricted(live: tuple[Centre, str], browser: Any) -> None:
    centre, base = live
    email = centre.customer(WITH_INVOICES, 5)
    customer = centre.count("SELECT id FROM customers WHERE email = ?", email)
    invoices = centre.count("SELECT count(*) FROM invoices WHERE customer_id = ?", customer)
    page = browser.new_page()
    ask(page, base, "/privacy", "erasure", email)
    confirm(page, centre, email, "Ja, dit is mijn verzoek")
    answer = centre.smtp.wait_for(3, timeout=30)[-1]
    assert "wettelijk nog bewaren" in " ".join(text(answer).split())
    assert centre.count("SELECT count(*) FROM customers WHERE email = ?", email) == 0
    assert centre.count("SELECT count(*) FROM invoices WHERE customer_id = ?", customer) == invoices
    with centre.store.reading() as session:
        request = session.scalars(select(SubjectRequest)).one()
        held = session.scalars(
            select(Restriction).where(Restriction.subject_id == request.subject_id)
        ).all()
    assert request.state == "answered" and request.outcome == "done"
    assert {r.ground for r in held} == {"legal-hold"}
    page.goto(mailed_link(answer, "request"))
    assert page.locator("#outcome").inner_text() == "Uitgevoerd"
    page.close()


def test_access_request_in_english(live: tuple[Centre, str], browser: Any) -> None:
    centre, base = live
    email = centre.customer(WITH_INVOICES, 10)
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    ask(page, base, "/en/privacy", "access", email)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").inner_text() == "Check your e-mail"
    (mail,) = centre.smtp.wait_for(1)
    assert mail["Subject"] == "Confirm your privacy request to Weservit B.V."
    confirm(page, centre, email, "Yes, this is my request")
    assert page.locator("h1").inner_text() == "Your request"
    answer = centre.smtp.wait_for(3, timeout=30)[-1]
    assert answer["Subject"] == "Answer to your privacy request to Weservit B.V."
    page.goto(mailed_link(answer, "package"))
    with page.expect_download() as started:
        page.click("text=Download")
    with zipfile.ZipFile(Path(started.value.path())) as package:
        summary = package.read("index.html").decode()
        assert '<html lang="en">' in summary and "Your personal data at" in summary
        assert email in package.read("business.json").decode()
    page.goto(mailed_link(answer, "request"))
    assert page.locator("#state").inner_text() == "Answered"
    context.close()
