"""Who is signed in to the admin console, and whether their role allows a page.

Every console route depends on :func:`require` with a permission from
:data:`waarborg.store.admins.PERMISSIONS`; a route without one is a bug that
``tests/web/admin/test_roles.py`` catches. Without a live session the error
handler sends the browser to the login page; with a session whose role lacks the
permission the answer is 403.

The session cookie is HttpOnly, SameSite=Strict and limited to ``/admin``; it
lives as long as the session in the store (``Settings.admin_session_minutes``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Form, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from waarborg import audit
from waarborg._exceptions import AuthenticationError, PermissionDeniedError
from waarborg.i18n import LANGUAGES, N_
from waarborg.identity import keyed_hash
from waarborg.store.admins import Account, check_login, close_session, open_session
from waarborg.store.admins import session_account as lookup_session
from waarborg.web.admin_labels import label
from waarborg.web.api.deps import app_state
from waarborg.web.protect import client_address, rate_limit
from waarborg.web.site import Site

SESSION_COOKIE = "wb_admin"
LANGUAGE_COOKIE = "wb_lang"
# OWASP Authentication Cheat Sheet: throttle guesses per account and per address.
LOGIN_LIMIT_PER_ACCOUNT = 5
LOGIN_LIMIT_PER_ADDRESS = 20
LOGIN_WINDOW = timedelta(minutes=15)


class LoginRequiredError(AuthenticationError):
    """No live session: the console sends the browser to the login page."""


def admin_language(request: Request) -> str:
    """The language the person chose with the switch in the console (Dutch by default)."""
    chosen = request.cookies.get(LANGUAGE_COOKIE, "nl")
    return chosen if chosen in LANGUAGES else "nl"


def current_account(request: Request) -> Account:
    token = request.cookies.get(SESSION_COOKIE)
    account = None
    if token:
        with app_state(request).store.reading() as session:
            account = lookup_session(session, token)
    if account is None:
        raise LoginRequiredError.translatable(N_("sign in to use the admin console"))
    return account


def require(permission: str) -> Callable[[Request], Account]:
    """A dependency: the signed-in account, if its role has ``permission``; else 403."""

    def dependency(account: Annotated[Account, Depends(current_account)]) -> Account:
        if not account.may(permission):
            raise PermissionDeniedError.translatable(N_("your role does not allow this page"))
        return account

    return dependency  # type: ignore[return-value]


def site_of(request: Request, account: Account) -> Site:
    site = app_state(request).sites.by_organisation(account.organisation_id)
    if site is None:  # the account's organisation is not served by this process
        raise PermissionDeniedError.translatable(N_("your role does not allow this page"))
    return site


NAVIGATION = (
    ("/admin", N_("Dashboard"), "dashboard"),
    ("/admin/requests", N_("Requests"), "requests.view"),
    ("/admin/register", N_("Register"), "register.view"),
    ("/admin/statement", N_("Statement"), "statement.publish"),
    ("/admin/audit", N_("Audit log"), "audit.view"),
)


def console_page(
    request: Request, account: Account, name: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """A console page: the layout gets the account, its menu and the site."""
    menu = [(href, label) for href, label, permission in NAVIGATION if account.may(permission)]
    return app_state(request).csrf.page(
        request, name, admin_language(request), status_code, account=account, menu=menu,
        label=label,
        site=site_of(request, account), **context,
    )  # fmt: skip


def login_page(request: Request, status_code: int = 200, error: str | None = None) -> HTMLResponse:
    state = app_state(request)
    return state.csrf.page(
        request, "admin/login.html", admin_language(request), status_code,
        sites=list(state.sites), account=None, site=None, menu=[], error=error,
    )  # fmt: skip


def login_form(request: Request) -> HTMLResponse:
    return login_page(request)


def log_in(
    request: Request,
    username: Annotated[str, Form(max_length=80)],
    password: Annotated[str, Form(max_length=256)],
    code: Annotated[str, Form(max_length=12)],
    csrf_token: Annotated[str, Form()] = "",
    organisation: Annotated[str | None, Form(max_length=80)] = None,
) -> Response:
    """Check password and code; rate limited per account and per address, failures audited."""
    state = app_state(request)
    state.csrf.check(request, csrf_token)
    site = state.sites.get(organisation or None)
    name = username.strip().lower()
    rate_limit(state.store, state.secret, "admin-login", f"ip:{client_address(request)}",
               limit=LOGIN_LIMIT_PER_ADDRESS, window=LOGIN_WINDOW)  # fmt: skip
    rate_limit(state.store, state.secret, "admin-login", f"user:{site.slug}:{name}",
               limit=LOGIN_LIMIT_PER_ACCOUNT, window=LOGIN_WINDOW)  # fmt: skip
    try:
        with state.store.transaction() as session:
            account = check_login(session, site.organisation_id, name, password, code)
            token = open_session(session, account, state.settings.admin_session_minutes)
            audit.append(session, site.organisation_id, actor=account.actor,
                         action="admin.login")  # fmt: skip
    except AuthenticationError as failure:
        # The name may be an e-mail address: the log gets a keyed hash of it, not the name.
        with state.store.transaction() as session:
            audit.append(
                session, site.organisation_id, actor="admin-login", action="admin.login",
                outcome="denied",
                details={"account": keyed_hash(state.secret, "admin-user", name)[:16]},
            )  # fmt: skip
        return login_page(request, 401, error=failure.render(admin_language(request)))
    response = RedirectResponse("/admin", status_code=303)
    response.set_cookie(
        SESSION_COOKIE, token, max_age=state.settings.admin_session_minutes * 60,
        httponly=True, samesite="strict", secure=state.settings.secure_cookies, path="/admin",
    )  # fmt: skip
    return response


def log_out(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    state = app_state(request)
    state.csrf.check(request, csrf_token)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        with state.store.transaction() as session:
            close_session(session, token)
    response = RedirectResponse("/admin/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/admin")
    return response


def switch_language(request: Request, to: str, back: str = "/admin") -> Response:
    """Remember the chosen language; ``back`` must be a console path (no open redirect)."""
    target = back if back.startswith("/admin") and "//" not in back else "/admin"
    response = RedirectResponse(target, status_code=303)
    if to in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, to, max_age=365 * 86400, samesite="lax",
                            secure=app_state(request).settings.secure_cookies)  # fmt: skip
    return response
