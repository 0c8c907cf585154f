"""The cookie scanner: what a site really stores and calls, before and after consent.

It opens the site in headless Chromium (Playwright driving Debian's chromium, never
a downloaded browser) twice in fresh profiles: once without touching the banner,
once after pressing its "accept all" button. Each time it visits up to ``pages``
pages of the site (following its own links) and notes every cookie, every
localStorage key and every request to another host. :mod:`waarborg.consent.findings`
then holds that against the register's declared cookies.

Telecommunicatiewet art. 11.7a: cookies that are not strictly necessary (and not
analytics with little privacy impact) need consent *before* they are placed, so
what a visitor who has not answered the banner gets is what matters most.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

CHROMIUM = Path("/usr/bin/chromium")  # Debian's; never a downloaded browser
# Without these, Chromium keeps trying to reach Google's hosts, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Buttons that accept all cookies: vanilla-cookieconsent's own, then common wordings.
ACCEPT_SELECTORS = ('[data-role="all"]', '[data-cc="accept-all"]', "#accept-all")
ACCEPT_TEXT = re.compile(
    r"^\s*(accept( all| alle)?( cookies)?|alles? accepteren|accepteren|akkoord|allow all|"
    r"alle cookies toestaan|agree|i agree)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, order=True)
class Seen:
    """One thing the site stored or called: a cookie, a localStorage key, a request."""

    kind: str  # cookie, local-storage, request
    name: str  # cookie name, storage key, or the host called
    host: str  # the cookie's domain, the page's host, or the host called
    page: str  # the first page it was seen on


@dataclass
class Visit:
    """What one profile saw."""

    pages: list[str] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    accepted: bool = False


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def same_site(host: str, site_host: str) -> bool:
    host, site_host = host.lstrip("."), site_host.lstrip(".")
    return host == site_host or host.endswith("." + site_host) or site_host.endswith("." + host)


def _links(page: Any, start: str) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    origin = urlsplit(start)[:2]
    found = []
    for href in hrefs:
        url = urldefrag(urljoin(start, href))[0]
        if urlsplit(url)[:2] == origin:
            found.append(url)
    return found


def _accept(page: Any) -> bool:
    """Press the banner's accept-all button; False when there is none to press."""
    for selector in ACCEPT_SELECTORS:
        button = page.locator(selector)
        if button.count() and button.first.is_visible():
            button.first.click()
            return True
    button = page.get_by_role("button", name=ACCEPT_TEXT)
    if button.count() and button.first.is_visible():
        button.first.click()
        return True
    return False


def _collect(context: Any, page: Any, url: str, seen: dict[tuple[str, str, str], Seen]) -> None:
    for cookie in context.cookies():
        key = ("cookie", cookie["name"], cookie["domain"])
        seen.setdefault(key, Seen("cookie", cookie["name"], cookie["domain"].lstrip("."), url))
    try:
        keys: list[str] = page.evaluate("Object.keys(window.localStorage)")
    except Exception:
        keys = []
    for name in keys:
        seen.setdefault(
            ("local-storage", name, host_of(url)), Seen("local-storage", name, host_of(url), url)
        )


def _visit(browser: Any, start: str, pages: int, *, accept: bool, wait_ms: int) -> Visit:
    context = browser.new_context(ignore_https_errors=True)
    visit = Visit()
    seen: dict[tuple[str, str, str], Seen] = {}
    site_host = host_of(start)
    current = {"url": start}

    def on_request(request: Any) -> None:
        called = host_of(request.url)
        if called and not same_site(called, site_host):
            seen.setdefault(
                ("request", called, called), Seen("request", called, called, current["url"])
            )

    context.on("request", on_request)
    page = context.new_page()
    queue, done = [start], set[str]()
    try:
        while queue and len(visit.pages) < pages:
            url = queue.pop(0)
            if url in done:
                continue
            done.add(url)
            current["url"] = url
            page.goto(url, wait_until="load")
            page.wait_for_timeout(wait_ms)
            if accept and not visit.accepted:
                visit.accepted = _accept(page)
                page.wait_for_timeout(wait_ms)
            visit.pages.append(url)
            _collect(context, page, url, seen)
            queue.extend(link for link in _links(page, start) if link not in done)
    finally:
        context.close()
    visit.seen = sorted(seen.values())
    return visit


def scan_site(
    url: str, *, pages: int = 1, chromium: Path = CHROMIUM, wait_ms: int = 500
) -> tuple[Visit, Visit]:
    """Visit ``url`` without consent, then after accepting all: (before, after).

    Playwright's sync API refuses to run where an event loop (or another Playwright)
    is already running in the thread, so the scan runs in a thread of its own.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="scan") as pool:
        return pool.submit(_scan, url, pages, chromium, wait_ms).result()


def _scan(url: str, pages: int, chromium: Path, wait_ms: int) -> tuple[Visit, Visit]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS
        )
        try:
            before = _visit(browser, url, pages, accept=False, wait_ms=wait_ms)
            after = _visit(browser, url, pages, accept=True, wait_ms=wait_ms)
        finally:
            browser.close()
    return before, after


def names(seen: Iterable[Seen], kind: str) -> set[str]:
    return {s.name for s in seen if s.kind == kind}
