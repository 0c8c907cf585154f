"""Forms are protected against cross-site posts, and repeated attempts are slowed down."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from starlette.requests import Request

from waarborg import RateLimitedError
from waarborg.store import Store
from waarborg.store.ratelimits import hit, prune
from waarborg.web.protect import CSRF_COOKIE, CsrfError, CsrfGuard


def browser(cookie: str | None = None) -> Request:
    headers = [(b"cookie", f"{CSRF_COOKIE}={cookie}".encode())] if cookie else []
    return Request({"type": "http", "method": "POST", "path": "/", "headers": headers})


def test_token_belongs_to_the_browser_that_got_it() -> None:
    guard = CsrfGuard(b"secret", secure_cookies=True)
    token, nonce = guard.issue(browser())
    assert nonce is not None
    guard.check(browser(nonce), token)
    assert guard.issue(browser(nonce)) == (token, None), "same browser, same token"
    other_token, other_nonce = guard.issue(browser())
    for request, submitted in [
        (browser(nonce), other_token),  # a token from another browser
        (browser(other_nonce), token),
        (browser(), token),  # cookie gone
        (browser(nonce), None),  # no token in the form
        (browser(nonce), token[:-1] + "0"),  # tampered
    ]:
        with pytest.raises(CsrfError):
            guard.check(request, submitted)


def test_tokens_depend_on_the_installation_secret() -> None:
    token, nonce = CsrfGuard(b"one", secure_cookies=False).issue(browser())
    assert nonce is not None
    with pytest.raises(CsrfError):
        CsrfGuard(b"two", secure_cookies=False).check(browser(nonce), token)


def test_rate_limit_counts_per_key_and_window(store: Store) -> None:
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    window = timedelta(minutes=10)
    for expected in (1, 2, 3):
        assert hit(store, b"k", "form:ip:192.0.2.1", limit=3, window=window, now=now) == expected
    with pytest.raises(RateLimitedError, match="try again in"):
        hit(store, b"k", "form:ip:192.0.2.1", limit=3, window=window, now=now)
    assert hit(store, b"k", "form:ip:192.0.2.2", limit=3, window=window, now=now) == 1
    assert hit(store, b"k", "form:ip:192.0.2.1", limit=3, window=window, now=now + window) == 1, (
        "a new window starts afresh"
    )


def test_concurrent_hits_are_all_counted(store: Store) -> None:
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    errors: list[Exception] = []

    def hammer() -> None:
        for _ in range(10):
            try:
                hit(store, b"k", "burst", limit=1000, window=timedelta(hours=1), now=now)
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert hit(store, b"k", "burst", limit=1000, window=timedelta(hours=1), now=now) == 41


def test_old_windows_are_pruned(store: Store) -> None:
    hit(
        store,
        b"k",
        "old",
        limit=5,
        window=timedelta(minutes=1),
        now=datetime.now(UTC) - timedelta(days=3),
    )
    hit(store, b"k", "new", limit=5, window=timedelta(minutes=1))
    assert prune(store) == 1
