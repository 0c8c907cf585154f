"""Newsletter end to end with a real SMTP server: double opt-in, marketing mail with RFC 8058
headers, one-click unsubscribe honoured at once, and preferences per channel by signed link."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.smtp import SmtpSink
from tests.web.conftest import ROOT
from waarborg._exceptions import PermissionDeniedError
from waarborg.consent.newsletter import Links, queue_marketing_mail
from waarborg.register import load_register
from waarborg.settings import Settings
from waarborg.store import Store
from waarborg.store.apikeys import create_api_key
from waarborg.store.consent_tables import ConsentRecord
from waarborg.store.subjects import Identity, find_or_create_subject, find_subject
from waarborg.web import Site, create_app, open_site

ADDRESS = "lezer@example.nl"
SECRET = "n" * 48


@dataclass
class App:
    client: TestClient
    store: Store
    ibpix: Site
    weservit: Site
    smtp: SmtpSink
    key: str

    def mail(self, count: int) -> list[EmailMessage]:
        self.client.app.state.waarborg.jobs.defer("deliver-mail")  # type: ignore[attr-defined]
        return self.smtp.wait_for(count)

    def decide(self, activity: str) -> dict[str, object]:
        body = {"subject": {"email": ADDRESS}, "activity": activity, "categories": []}
        answer = self.client.post(
            "/api/decide", json=body, headers={"Authorization": f"Bearer {self.key}"}
        )
        result: dict[str, object] = answer.json()
        return result

    def send_newsletter(self) -> None:
        with self.store.transaction() as session:
            subject = find_subject(
                session, self.ibpix.organisation_id, Identity("email", ADDRESS), SECRET.encode()
            )
            assert subject is not None
            queue_marketing_mail(
                session,
                self.ibpix.organisation_id,
                self.ibpix.compiled,
                Links("http://testserver", self.ibpix.slug, SECRET.encode()),
                subject,
                to=ADDRESS,
                lang="nl",
                activity="newsletter",
                title="Nieuws van Pix",
                body="Onze nieuwe websitepakketten.",
            )


@pytest.fixture
def app(tmp_path: Path, store_url: str, smtp_server: SmtpSink) -> Iterator[App]:
    settings = Settings(data_dir=tmp_path, secret_key=SECRET, smtp=smtp_server.settings())
    store = Store(store_url)
    store.upgrade()
    ibpix = open_site(store, load_register(ROOT / "examples" / "ibpix" / "register.yaml"))
    weservit = open_site(store, load_register(ROOT / "examples" / "weservit" / "register.yaml"))
    with store.transaction() as session:
        _, key = create_api_key(session, ibpix.organisation_id, "webshop")
    with TestClient(create_app(settings, store=store, sites=[ibpix, weservit])) as client:
        yield App(client, store, ibpix, weservit, smtp_server, key)
    store.dispose()


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None, html
    return found.group(1)


def _link(text: str, page: str) -> str:
    found = re.search(rf"http://testserver(/o/[a-z0-9-]+/{page}\?t=[A-Za-z0-9_.-]+)", text)
    assert found is not None, text
    return found.group(1)


def _sign_up(app: App, slug: str) -> str:
    form = app.client.get(f"/o/{slug}/newsletter?lang=nl")
    assert form.status_code == 200
    answer = app.client.post(
        f"/o/{slug}/newsletter",
        data={"email": ADDRESS, "lang": "nl", "csrf_token": _csrf(form.text)},
    )
    assert answer.status_code == 200, answer.text
    assert "Controleer uw e-mail" in answer.text
    (confirmation,) = app.mail(1)
    assert confirmation["To"] == ADDRESS
    assert "Bevestig uw aanmelding" in confirmation["Subject"]
    return _link(confirmation.get_content(), "newsletter/confirm")


def test_double_opt_in_then_one_click_unsubscribe(app: App) -> None:
    confirm_link = _sign_up(app, app.ibpix.slug)
    with pytest.raises(PermissionDeniedError):  # nothing is sent before the confirmation
        app.send_newsletter()
    assert app.decide("newsletter")["allowed"] is False

    page = app.client.get(confirm_link)
    token = confirm_link.partition("?t=")[2]
    confirmed = app.client.post(
        confirm_link.partition("?")[0], data={"t": token, "csrf_token": _csrf(page.text)}
    )
    assert confirmed.status_code == 200 and "bevestigd" in confirmed.text
    assert app.decide("newsletter")["allowed"] is True
    with app.store.reading() as session:
        (record,) = session.scalars(select(ConsentRecord)).all()
        assert record.collection_method == "double-opt-in"
        assert record.state == "given" and "confirmation" in record.evidence

    app.send_newsletter()
    newsletter = app.mail(2)[1]
    assert newsletter["Subject"] == "Nieuws van Pix"
    assert newsletter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    target = newsletter["List-Unsubscribe"].strip("<>")
    assert _link(newsletter.get_content(), "unsubscribe") in target  # and in the text
    preferences = app.client.get(_link(newsletter.get_content(), "preferences"))
    assert preferences.status_code == 200 and 'value="email" checked' in preferences.text

    # RFC 8058: the mail client POSTs, without cookies or a form token.
    fresh = TestClient(app.client.app)
    one_click = fresh.post(
        target.removeprefix("http://testserver"), data={"List-Unsubscribe": "One-Click"}
    )
    assert one_click.status_code == 200, one_click.text
    decision = app.decide("newsletter")
    assert decision["allowed"] is False
    codes = [r["code"] for r in decision["reasons"]]  # type: ignore[attr-defined]
    assert "objection-direct-marketing" in codes and "consent-withdrawn" in codes
    with pytest.raises(PermissionDeniedError):
        app.send_newsletter()
    with app.store.reading() as session:
        (record,) = session.scalars(select(ConsentRecord)).all()
        assert (record.state, record.withdrawal_method) == ("withdrawn", "one-click")


def test_preferences_per_channel_through_the_signed_link(app: App) -> None:
    _sign_up(app, app.weservit.slug)  # the confirmation mail arrives; the person exists
    with app.store.transaction() as session:
        subject, _ = find_or_create_subject(
            session, app.weservit.organisation_id, [Identity("email", ADDRESS)], SECRET.encode()
        )
        ref = subject.ref
    link = Links("http://testserver", app.weservit.slug, SECRET.encode()).preferences(ref, "nl")
    path = link.removeprefix("http://testserver")
    page = app.client.get(path)
    assert page.status_code == 200
    for channel in ("per post", "per e-mail", "via social media", "per telefoon"):
        assert channel in page.text
    saved = app.client.post(
        path,
        data={"direct-marketing": ["email", "social-media"], "csrf_token": _csrf(page.text)},
    )
    assert "Uw keuze is opgeslagen" in saved.text
    assert re.search(r'value="email" checked', saved.text)
    assert not re.search(r'value="post" checked', saved.text)

    none = app.client.post(path, data={"csrf_token": _csrf(page.text)})
    assert none.status_code == 200
    assert not re.search(r"checked", none.text)
    codes = [r["code"] for r in _decide_weservit(app)["reasons"]]
    assert "objection-direct-marketing" in codes  # Art. 21(3): honoured at once

    assert app.client.get(path[:-3] + "xyz").status_code == 403  # a changed link


def _decide_weservit(app: App) -> dict[str, list[dict[str, str]]]:
    with app.store.transaction() as session:
        _, key = create_api_key(session, app.weservit.organisation_id, "shop")
    body = {"subject": {"email": ADDRESS}, "activity": "direct-marketing", "categories": []}
    headers = {"Authorization": f"Bearer {key}", "Waarborg-Organisation": app.weservit.slug}
    answer = app.client.post("/api/decide", json=body, headers=headers)
    assert answer.status_code == 200, answer.text
    result: dict[str, list[dict[str, str]]] = answer.json()
    return result
