"""The privacy centre over HTTP: forms, verification, status, download, and abuse
resistance (CSRF, rate limits, size limits, no account enumeration)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.smtp import SmtpSink
from tests.web.centre_app import Centre, centre_app, mailed_link, text
from waarborg.rights.workflow_links import Desk, sign_login
from waarborg.store.request_tables import SubjectRequest

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
WITH_INVOICES = (
    "SELECT c.email FROM customers c JOIN invoices i ON i.customer_id = c.id "
    "WHERE i.issued_on >= '2024-01-01' ORDER BY c.id LIMIT 1"
)


@pytest.fixture
def centre(tmp_path: Path, template_db: Path, smtp_server: SmtpSink) -> Iterator[Centre]:
    running = centre_app(tmp_path, template_db, smtp_server)
    yield running
    running.store.dispose()


@pytest.fixture
def client(centre: Centre) -> Iterator[TestClient]:
    with TestClient(centre.app, follow_redirects=False) as running:
        yield running


def csrf(client: TestClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200
    found = TOKEN.search(page.text)
    assert found is not None
    return found.group(1)


def send(
    client: TestClient, email: str, kind: str = "access", prefix: str = "/privacy", **more: str
):  # type: ignore[no-untyped-def]
    token = csrf(client, f"{prefix}/request")
    return client.post(
        f"{prefix}/request", data={"csrf_token": token, "kind": kind, "email": email, **more}
    )


def requests_made(centre: Centre) -> int:
    with centre.store.reading() as session:
        return int(session.scalar(select(func.count()).select_from(SubjectRequest)) or 0)


def test_form_in_both_languages_with_security_headers(client: TestClient) -> None:
    nl = client.get("/privacy/request")
    assert nl.status_code == 200 and "Een privacyverzoek doen" in nl.text
    assert 'name="csrf_token"' in nl.text and "<script" not in nl.text
    assert "frame-ancestors 'none'" in nl.headers["content-security-policy"]
    assert nl.headers["referrer-policy"] == "no-referrer"
    assert "httponly" in nl.headers["set-cookie"].lower()
    assert "samesite=strict" in nl.headers["set-cookie"].lower()
    en = client.get("/en/privacy/request")
    assert "Make a privacy request" in en.text and 'lang="en"' in en.text


def test_access_request_through_the_pages(centre: Centre, client: TestClient) -> None:
    email = centre.customer(WITH_INVOICES)
    sent = send(client, email)
    assert sent.status_code == 303 and sent.headers["location"] == "/privacy/sent"
    assert "Controleer uw e-mail" in client.get("/privacy/sent").text
    (verification,) = centre.smtp.wait_for(1)
    link = mailed_link(verification, "verify").removeprefix("http://testserver")
    confirm = client.get(link)
    assert confirm.status_code == 200 and "Bevestig uw verzoek" in confirm.text
    assert requests_made(centre) == 1
    token = TOKEN.search(confirm.text).group(1)  # type: ignore[union-attr]
    verified = client.post(link, data={"csrf_token": token})
    assert verified.status_code == 303
    status = client.get(verified.headers["location"])
    assert "Beantwoord" in status.text and "Uitgevoerd" in status.text
    answer = centre.smtp.wait_for(3)[-1]
    package = mailed_link(answer, "package").removeprefix("http://testserver")
    page = client.get(package)
    download = client.post(package, data={"csrf_token": TOKEN.search(page.text).group(1)})  # type: ignore[union-attr]
    assert download.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        assert email in archive.read("business.json").decode()
    again = client.post(link, data={"csrf_token": token})
    assert again.status_code == 404 and "verlopen of al gebruikt" in again.text


def test_unknown_address_looks_exactly_like_a_known_one(centre: Centre, client: TestClient) -> None:
    known = centre.customer("SELECT email FROM customers ORDER BY id LIMIT 1")
    first = send(client, known)
    second = send(client, "nooit-klant-geweest@example.org")
    assert (first.status_code, first.headers["location"], first.text) == (
        second.status_code,
        second.headers["location"],
        second.text,
    )
    one, two = centre.smtp.wait_for(2)
    assert one["Subject"] == two["Subject"]
    assert LINKLESS(text(one)) == LINKLESS(text(two))


def LINKLESS(body: str) -> str:  # noqa: N802
    return re.sub(r"https?://\S+", "LINK", body)


def test_post_without_csrf_token_is_refused(centre: Centre, client: TestClient) -> None:
    client.get("/privacy/request")
    refused = client.post("/privacy/request", data={"kind": "access", "email": "a@example.com"})
    assert refused.status_code == 403
    assert "niet vanaf deze site verstuurd" in refused.text
    forged = client.post(
        "/privacy/request",
        data={"kind": "access", "email": "a@example.com", "csrf_token": "0" * 64},
    )
    assert forged.status_code == 403
    assert requests_made(centre) == 0 and centre.smtp.messages == []


def test_rate_limit_per_email_address(centre: Centre, client: TestClient) -> None:
    for _ in range(3):
        assert send(client, "veel@example.com").status_code == 303
    limited = send(client, "VEEL@example.com")
    assert limited.status_code == 429 and "te veel pogingen" in limited.text
    assert send(client, "ander@example.com").status_code == 303
    assert requests_made(centre) == 4


def test_rate_limit_per_client_address(client: TestClient) -> None:
    for n in range(10):
        assert send(client, f"klant{n}@example.com").status_code == 303
    assert send(client, "nog-een@example.com").status_code == 429


def test_size_limits(centre: Centre, client: TestClient) -> None:
    token = csrf(client, "/privacy/request")
    huge = client.post(
        "/privacy/request",
        data={
            "csrf_token": token,
            "kind": "objection",
            "email": "a@example.com",
            "message": "x" * 20_000,
        },
    )
    assert huge.status_code == 413
    long = send(client, "a@example.com", kind="objection", message="y" * 2001)
    assert long.status_code == 422 and "Controleer" in long.text
    bad = send(client, "geen-adres", kind="access")
    assert bad.status_code == 422
    assert requests_made(centre) == 0


def test_rectification_values_are_checked(centre: Centre, client: TestClient) -> None:
    wrong = send(client, "a@example.com", kind="rectification", **{"field-postcode": "12"})
    assert wrong.status_code == 422
    empty = send(client, "a@example.com", kind="rectification")
    assert empty.status_code == 422 and "Wat te corrigeren" in empty.text
    right = send(client, "a@example.com", kind="rectification", **{"field-postcode": "1234ab"})
    assert right.status_code == 303
    with centre.store.reading() as session:
        row = session.scalars(select(SubjectRequest)).one()
    assert row.details["fields"] == {"postcode": "1234 AB"}


def test_status_link_must_be_signed(client: TestClient) -> None:
    page = client.get("/privacy/request/req_made_up")
    assert page.status_code == 404


def test_login_assertion_verifies_at_once(centre: Centre, client: TestClient) -> None:
    email = centre.customer(WITH_INVOICES)
    desk = Desk.from_settings(centre.settings, centre.store)
    assertion = sign_login(desk.login_key(), email)
    form = client.get("/privacy/request", params={"assertion": assertion})
    assert email in form.text and "geen bevestiging per e-mail" in form.text
    token = TOKEN.search(form.text).group(1)  # type: ignore[union-attr]
    sent = client.post(
        "/privacy/request",
        data={"csrf_token": token, "kind": "access", "email": email, "assertion": assertion},
    )
    assert sent.status_code == 303 and "/privacy/request/" in sent.headers["location"]
    confirmed, answer = centre.smtp.wait_for(2)
    assert "/verify/" not in text(confirmed) and "/package/" in text(answer)


def test_assertion_for_someone_else_falls_back_to_the_mail(
    centre: Centre, client: TestClient
) -> None:
    desk = Desk.from_settings(centre.settings, centre.store)
    other = sign_login(desk.login_key(), "iemand-anders@example.com")
    forged = sign_login("not-the-key", "ik@example.com")
    for assertion in (other, forged):
        token = csrf(client, "/privacy/request")
        sent = client.post(
            "/privacy/request",
            data={
                "csrf_token": token,
                "kind": "access",
                "email": "ik@example.com",
                "assertion": assertion,
            },
        )
        assert sent.headers["location"] == "/privacy/sent"
    assert all("/verify/" in text(m) for m in centre.smtp.wait_for(2))
    assert "ik@example.com" not in client.get("/privacy/request", params={"assertion": forged}).text
