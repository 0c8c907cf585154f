"""The public pages and the placeholders later issues fill, in Dutch and English."""

from __future__ import annotations

from tests.web.conftest import Served


def test_the_statement_in_dutch_and_english(sqlite_served: Served) -> None:
    client = sqlite_served.client
    dutch = client.get("/privacy")
    assert dutch.status_code == 200 and '<html lang="nl">' in dutch.text
    assert "Afhandelen bestelling" in dutch.text and "toestemming" in dutch.text
    english = client.get("/en/privacy")
    assert '<html lang="en">' in english.text
    assert "Handling your order" in english.text and "Legal basis" in english.text
    assert "Weservit B.V." in english.text


def test_every_organisation_has_its_own_statement(sqlite_served: Served) -> None:
    client = sqlite_served.client
    page = client.get(f"/o/{sqlite_served.webence.slug}/privacy")
    assert page.status_code == 200 and "Webence" in page.text
    missing = client.get("/o/no-such-company/privacy")
    assert missing.status_code == 404 and "bestaat niet" in missing.text
    home = client.get("/")
    assert f"/o/{sqlite_served.webence.slug}/privacy" in home.text


def test_privacy_centre_page_and_admin_console_sign_in(sqlite_served: Served) -> None:
    client = sqlite_served.client
    centre = client.get("/privacy-centre")
    assert centre.status_code == 200 and "Privacycentrum" in centre.text
    assert "Privacy centre" in client.get("/en/privacy-centre").text
    admin = client.get("/admin")
    assert admin.status_code == 200 and "Inloggen in de beheeromgeving" in admin.text


def test_pages_load_only_their_own_assets(sqlite_served: Served) -> None:
    page = sqlite_served.client.get("/privacy")
    assert "<script" not in page.text and 'href="/static/waarborg.css"' in page.text
    assert sqlite_served.client.get("/static/waarborg.css").status_code == 200
    assert sqlite_served.client.get("/healthz").json() == {"status": "ok"}
