"""Console accounts of each role on the two-organisation app of ``tests/web/conftest.py``."""

from __future__ import annotations

import re
import time

import pyotp
from fastapi.testclient import TestClient

from waarborg.store import Store
from waarborg.store.admins import create_user

PASSWORD = "correct horse battery staple"
CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def add_user(store: Store, organisation_id: int, username: str, role: str) -> str:
    """Make an account; returns its TOTP secret."""
    with store.transaction() as session:
        return create_user(session, organisation_id, username, role, PASSWORD)[1]


def code(secret: str, steps_ahead: int = 0) -> str:
    """The code an authenticator app would show (``steps_ahead`` × 30 s from now)."""
    return pyotp.TOTP(secret).at(int(time.time()) + 30 * steps_ahead)


def csrf_token(client: TestClient, path: str = "/admin/login") -> str:
    found = CSRF.search(client.get(path).text)
    assert found, f"no form on {path}"
    return found.group(1)


def log_in(
    client: TestClient, username: str, secret: str, password: str = PASSWORD, steps_ahead: int = 0
) -> int:
    """Sign in through the login form; returns the status of the post (303 on success)."""
    response = client.post(
        "/admin/login",
        data={
            "username": username,
            "password": password,
            "code": code(secret, steps_ahead),
            "csrf_token": csrf_token(client),
        },
        follow_redirects=False,
    )
    return response.status_code
