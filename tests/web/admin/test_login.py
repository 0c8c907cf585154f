"""Signing in to the console: password and code, rate limits, audited failures, expiry."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select, update

from tests.web.admin.conftest import add_user, code, csrf_token, log_in
from tests.web.conftest import Served
from waarborg.store import utcnow
from waarborg.store.admin_tables import AdminSession
from waarborg.store.audit_tables import AuditEntry


def test_without_a_session_the_console_sends_you_to_sign_in(served: Served) -> None:
    for path in ("/admin", "/admin/audit", "/admin/register"):
        response = served.client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/admin/login"
    page = served.client.get("/admin/login")
    assert "Gebruikersnaam" in page.text and 'autocomplete="one-time-code"' in page.text
    assert "Sign in" in served.client.get("/admin/language?to=en&back=/admin/login").text


def test_password_and_code_open_the_console_and_logout_closes_it(served: Served) -> None:
    secret = add_user(served.store, served.weservit.organisation_id, "anna", "privacy-officer")
    assert log_in(served.client, "anna", secret) == 303
    cookie = served.client.cookies.get("wb_admin")
    assert cookie
    dashboard = served.client.get("/admin")
    assert dashboard.status_code == 200 and "anna" in dashboard.text
    assert served.weservit.name in dashboard.text
    token = csrf_token(served.client, "/admin")
    served.client.post("/admin/logout", data={"csrf_token": token}, follow_redirects=False)
    served.client.cookies.set("wb_admin", cookie, path="/admin")  # a copy kept elsewhere
    assert served.client.get("/admin", follow_redirects=False).status_code == 303


def test_failed_logins_are_audited_without_the_name_and_rate_limited(served: Served) -> None:
    secret = add_user(served.store, served.weservit.organisation_id, "anna", "auditor")
    statuses = [
        log_in(served.client, "anna", secret, password="not the password") for _ in range(5)
    ]
    assert statuses == [401] * 5
    page = served.client.post(
        "/admin/login",
        data={
            "username": "anna",
            "password": "x" * 12,
            "code": code(secret),
            "csrf_token": csrf_token(served.client),
        },
    )
    assert page.status_code == 429
    # Even the right password and code wait for the window to pass.
    assert log_in(served.client, "anna", secret) == 429
    with served.store.reading() as session:
        denied = list(
            session.scalars(
                select(AuditEntry).where(
                    AuditEntry.action == "admin.login", AuditEntry.outcome == "denied"
                )
            )
        )
    assert len(denied) == 5
    assert all("anna" not in json.dumps([e.actor, e.details]) for e in denied)
    assert len({json.loads(e.details)["account"] for e in denied}) == 1


def test_the_error_says_nothing_about_which_part_was_wrong(served: Served) -> None:
    secret = add_user(served.store, served.weservit.organisation_id, "anna", "support")
    wrong_code = served.client.post(
        "/admin/login",
        data={
            "username": "anna",
            "password": "correct horse battery staple",
            "code": "123456",
            "csrf_token": csrf_token(served.client),
        },
    )
    unknown = served.client.post(
        "/admin/login",
        data={
            "username": "bert",
            "password": "correct horse battery staple",
            "code": code(secret),
            "csrf_token": csrf_token(served.client),
        },
    )
    assert wrong_code.status_code == unknown.status_code == 401
    assert "gebruikersnaam, het wachtwoord of de code klopt niet" in wrong_code.text
    assert "gebruikersnaam, het wachtwoord of de code klopt niet" in unknown.text


def test_sessions_expire(served: Served) -> None:
    secret = add_user(served.store, served.weservit.organisation_id, "anna", "privacy-officer")
    assert log_in(served.client, "anna", secret) == 303
    assert served.client.get("/admin").status_code == 200
    with served.store.transaction() as session:
        session.execute(update(AdminSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert served.client.get("/admin", follow_redirects=False).status_code == 303


def test_login_form_needs_its_csrf_token(served: Served) -> None:
    secret = add_user(served.store, served.weservit.organisation_id, "anna", "privacy-officer")
    response = served.client.post(
        "/admin/login",
        data={"username": "anna", "password": "correct horse battery staple", "code": code(secret)},
    )
    assert response.status_code == 403
    assert "wb_admin" not in served.client.cookies


def test_the_console_speaks_english_when_asked(served: Served) -> None:
    secret = add_user(served.store, served.weservit.organisation_id, "anna", "privacy-officer")
    assert log_in(served.client, "anna", secret) == 303
    assert "Wat er moet gebeuren" in served.client.get("/admin").text
    page = served.client.get("/admin/language?to=en&back=/admin/audit")
    assert page.url.path == "/admin/audit" and 'lang="en"' in page.text
    assert "Verify now" in page.text and "Sign out" in page.text
    elsewhere = served.client.get(
        "/admin/language?to=nl&back=https://evil.example/", follow_redirects=False
    )
    assert elsewhere.headers["location"] == "/admin"
