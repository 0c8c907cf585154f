"""Roles are enforced on every console route: what each role may open, and 403 otherwise."""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute

from tests.web.admin.conftest import add_user, code, csrf_token, log_in
from tests.web.conftest import Served
from waarborg.web.app import ROUTERS

OPEN = {"/admin/login", "/admin/logout", "/admin/language"}
# role → (page, expected status)
EXPECTED = {
    "privacy-officer": {"/admin": 200, "/admin/register": 200, "/admin/audit": 200},
    "support": {"/admin": 200, "/admin/register": 403, "/admin/audit": 403},
    "auditor": {"/admin": 200, "/admin/register": 200, "/admin/audit": 200},
}


def test_every_console_route_but_login_requires_a_permission() -> None:
    routes = [r for router in ROUTERS for r in router.routes if isinstance(r, APIRoute)]
    console = [r for r in routes if r.path.startswith("/admin")]
    assert len(console) >= 8
    for route in console:
        if route.path in OPEN:
            continue
        names = {d.call.__qualname__ for d in route.dependant.dependencies if d.call}
        assert any("require" in n for n in names), f"{route.path} checks no role"


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_opens_what_it_may_and_gets_403_elsewhere(
    sqlite_served: Served, role: str
) -> None:
    secret = add_user(sqlite_served.store, sqlite_served.weservit.organisation_id, "user", role)
    assert log_in(sqlite_served.client, "user", secret) == 303
    for path, status in EXPECTED[role].items():
        assert sqlite_served.client.get(path).status_code == status, (role, path)


def test_support_cannot_verify_the_audit_log(sqlite_served: Served) -> None:
    secret = add_user(sqlite_served.store, sqlite_served.weservit.organisation_id, "sam", "support")
    assert log_in(sqlite_served.client, "sam", secret) == 303
    token = csrf_token(sqlite_served.client, "/admin")
    response = sqlite_served.client.post("/admin/audit/verify", data={"csrf_token": token})
    assert response.status_code == 403
    assert 'href="/admin/audit"' not in sqlite_served.client.get("/admin").text


def test_an_account_sees_only_its_own_organisation(sqlite_served: Served) -> None:
    secret = add_user(
        sqlite_served.store, sqlite_served.webence.organisation_id, "wendy", "auditor"
    )
    page = sqlite_served.client.post(
        "/admin/login",
        data={
            "username": "wendy",
            "password": "correct horse battery staple",
            "code": code(secret),
            "csrf_token": csrf_token(sqlite_served.client),
            "organisation": sqlite_served.webence.slug,
        },
    )
    assert page.status_code == 200
    assert sqlite_served.webence.name in page.text
    assert sqlite_served.weservit.name not in page.text
