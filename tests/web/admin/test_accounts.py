"""Accounts: argon2 passwords, TOTP codes used once, sessions that end."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest

from waarborg._exceptions import AuthenticationError, ConflictError, InputError
from waarborg.store import Store, utcnow
from waarborg.store.admin_tables import AdminUser
from waarborg.store.admins import (
    check_login,
    close_session,
    create_user,
    open_session,
    provisioning_uri,
    session_account,
)

PASSWORD = "correct horse battery staple"


def test_password_is_stored_as_argon2id_and_login_needs_password_and_code(store: Store) -> None:
    org = store.ensure_organisation("Weservit")
    with store.transaction() as session:
        account, secret = create_user(session, org, "anna", "privacy-officer", PASSWORD)
    with store.reading() as session:
        row = session.get(AdminUser, account.id)
        assert row is not None and row.password_hash.startswith("$argon2id$")
        assert PASSWORD not in row.password_hash
    now = utcnow()
    right = pyotp.TOTP(secret).at(now)
    for password, code in [(PASSWORD, "000000"), ("wrong password!!", right), (PASSWORD, "")]:
        with pytest.raises(AuthenticationError) as failure, store.transaction() as session:
            check_login(session, org, "anna", password, code, now)
        assert failure.value.render("en") == "the username, password or code is not right"
    with store.transaction() as session:
        assert check_login(session, org, "anna", PASSWORD, right, now).role == "privacy-officer"
    with pytest.raises(AuthenticationError), store.transaction() as session:
        check_login(session, org, "nobody", PASSWORD, right, now)


def test_a_code_works_once_and_only_near_its_time(store: Store) -> None:
    org = store.ensure_organisation("Weservit")
    with store.transaction() as session:
        _, secret = create_user(session, org, "anna", "support", PASSWORD)
    now = utcnow()
    totp = pyotp.TOTP(secret)
    with pytest.raises(AuthenticationError), store.transaction() as session:
        check_login(session, org, "anna", PASSWORD, totp.at(now - timedelta(minutes=2)), now)
    with store.transaction() as session:
        check_login(session, org, "anna", PASSWORD, totp.at(now), now)
    with pytest.raises(AuthenticationError), store.transaction() as session:
        check_login(session, org, "anna", PASSWORD, totp.at(now), now)  # replayed
    with store.transaction() as session:  # the next step's code is still fresh
        check_login(session, org, "anna", PASSWORD, totp.at(now + timedelta(seconds=30)), now)


def test_accounts_are_checked_when_made(store: Store) -> None:
    org = store.ensure_organisation("Weservit")
    with store.transaction() as session:
        create_user(session, org, "anna", "auditor", PASSWORD)
    for username, role, password, field in [
        ("Anna Jansen", "auditor", PASSWORD, "username"),
        ("bert", "admin", PASSWORD, "role"),
        ("bert", "auditor", "short", "password"),
    ]:
        with pytest.raises(InputError) as bad, store.transaction() as session:
            create_user(session, org, username, role, password)
        assert bad.value.field == field
    with pytest.raises(ConflictError), store.transaction() as session:
        create_user(session, org, "anna", "support", PASSWORD)


def test_sessions_expire_and_end_at_logout(store: Store) -> None:
    org = store.ensure_organisation("Weservit")
    with store.transaction() as session:
        account, _ = create_user(session, org, "anna", "privacy-officer", PASSWORD)
        token = open_session(session, account, minutes=30)
        other = open_session(session, account, minutes=30)
    with store.reading() as session:
        assert session_account(session, token) == account
        assert session_account(session, token, utcnow() + timedelta(minutes=31)) is None
        assert session_account(session, "made-up") is None
    with store.transaction() as session:
        close_session(session, token)
    with store.reading() as session:
        assert session_account(session, token) is None
        assert session_account(session, other) == account


def test_provisioning_uri_names_the_issuer_and_account() -> None:
    uri = provisioning_uri("anna", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "waarborg weservit")
    assert uri.startswith(
        "otpauth://totp/waarborg%20weservit:anna?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    )
