"""The console in Debian's Chromium: sign in with password and TOTP, handle a due
request, publish a change whose notices arrive at the SMTP server, and a support
user's 403s. The run writes the screenshots in docs/screenshots/ (README links them)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pyotp
import pytest

from tests.live import serve
from tests.smtp import SmtpSink
from tests.web.admin.conftest import PASSWORD, ROOT, Console, add_user, console_app
from tests.web.admin.test_requests import customer_address, verified_request
from tests.web.admin.test_statement import LONGER, NEW_VERSION
from waarborg.store import utcnow
from waarborg.store.consents import record_consent, text_hash, withdraw_consent
from waarborg.store.subjects import Identity, find_or_create_subject

SHOTS = ROOT / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.browser


@pytest.fixture
def live(
    tmp_path: Path, smtp_server: SmtpSink, business_template: Path
) -> Iterator[tuple[Console, str]]:
    shutil.copy(business_template, tmp_path / "business.db")
    console = console_app(tmp_path, smtp_server, systems=True)
    with serve(console.app) as base:
        yield console, base
    console.store.dispose()


def consents_over_time(console: Console) -> None:
    """Newsletter consents over the past weeks, a few withdrawn: something to chart."""
    org = console.site.organisation_id
    secret = console.app.state.waarborg.secret
    now = utcnow()
    with console.store.transaction() as session:
        for i in range(30):
            subject, _ = find_or_create_subject(
                session, org, [Identity("email", f"lezer{i}@example.nl")], secret
            )
            record = record_consent(
                session, org, subject=subject, activity="newsletter", state="given",
                shown_text_hash=text_hash("Ja, stuur mij de nieuwsbrief"), language="nl",
                collection_method="double-opt-in", collected_at=now - timedelta(days=3 * i),
            )  # fmt: skip
            if i % 4 == 0:
                withdraw_consent(
                    session, org, record.ref, method="unsubscribe-link",
                    at=now - timedelta(days=i),
                )  # fmt: skip


def sign_in(page: Any, base: str, username: str, secret: str) -> None:
    page.goto(f"{base}/admin")
    assert page.url.endswith("/admin/login")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_label("Code uit je authenticator-app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/admin")


def test_privacy_officer_handles_a_due_request_and_publishes_a_change(
    browser: Any, live: tuple[Console, str]
) -> None:
    console, base = live
    email = customer_address(console)
    ref = verified_request(console, "access", email)
    customers = [f"klant{i}@example.nl" for i in range(2)]
    for address in customers:
        console.customer(address)
    consents_over_time(console)
    secret = add_user(console.store, console.site.organisation_id, "anna", "privacy-officer")
    SHOTS.mkdir(parents=True, exist_ok=True)

    desktop = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = desktop.new_page()
    sign_in(page, base, "anna", secret)
    due = page.locator("table.requests", has=page.locator("caption", has_text="Deze week"))
    assert due.get_by_role("link", name=ref).is_visible()
    page.screenshot(path=str(SHOTS / "dashboard-desktop.png"), full_page=True)

    due.get_by_role("link", name=ref).click()
    assert page.locator("#request-state").inner_text() == "bevestigd"
    page.get_by_role("button", name="Het plan maken").click()
    assert page.locator("#request-state").inner_text() == "gepland"
    page.get_by_role("button", name="Goedkeuren").click()
    assert page.locator("#request-state").inner_text() == "goedgekeurd"
    page.get_by_role("button", name="Uitvoeren").click()
    assert page.locator("#request-outcome").inner_text() == "uitgevoerd"
    page.screenshot(path=str(SHOTS / "request-desktop.png"), full_page=True)
    request_url = page.url

    phone = browser.new_context(viewport=PHONE, storage_state=desktop.storage_state())
    small = phone.new_page()
    small.goto(f"{base}/admin")
    small.screenshot(path=str(SHOTS / "dashboard-phone.png"), full_page=True)
    small.goto(request_url)
    small.screenshot(path=str(SHOTS / "request-phone.png"), full_page=True)
    for path in (request_url, f"{base}/admin"):
        small.goto(path)
        assert small.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    phone.close()

    page.goto(f"{base}/admin/statement")
    page.get_by_role("button", name="Versie 2018-05-25 publiceren").click()
    console.edit_register(*NEW_VERSION)
    console.edit_register(*LONGER)
    page.goto(f"{base}/admin/statement")
    assert page.locator("ul.diff").inner_text().count("tien jaar") >= 1, "the diff comes first"
    assert "per e-mail horen: 2" in page.locator(".notice").inner_text()
    page.get_by_role("button", name="Versie 2026-12-01 publiceren").click()
    page.get_by_text("Klaar.").wait_for(timeout=20_000)
    for address in customers:
        assert console.smtp.to(address), f"no notice for {address}"
    assert "tien jaar" in console.smtp.to(customers[0])[0].get_content()
    assert console.smtp.to(email), "the requester got the answer"
    desktop.close()


def test_support_user_gets_403_on_the_audit_log_and_a_package(
    browser: Any, live: tuple[Console, str]
) -> None:
    console, base = live
    email = customer_address(console)
    ref = verified_request(console, "access", email)
    officer = add_user(console.store, console.site.organisation_id, "anna", "privacy-officer")
    support = add_user(console.store, console.site.organisation_id, "sam", "support")
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, base, "anna", officer)
    page.goto(f"{base}/admin/requests/{ref}")
    page.get_by_role("button", name="Uitvoeren").click()
    assert page.get_by_role("link", name="Het inzagepakket downloaden").is_visible()
    context.close()

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, base, "sam", support)
    assert page.get_by_role("link", name="Auditlog").count() == 0
    response = page.goto(f"{base}/admin/audit")
    assert response is not None and response.status == 403
    response = page.goto(f"{base}/admin/requests/{ref}/package")
    assert response is not None and response.status == 403
    response = page.goto(f"{base}/admin/requests/{ref}")
    assert response is not None and response.status == 200
    assert page.get_by_role("link", name="Het inzagepakket downloaden").count() == 0
    context.close()
