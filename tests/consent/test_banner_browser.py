"""The cookie banner in real Chromium, on a test shop served by the test (another origin):
it appears, blocks the analytics script until consent, records choices with waarborg (read
back through the API), "reject all" leaves no analytics cookie, and withdrawing through the
banner's settings is recorded."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from tests.live import serve
from tests.web.conftest import Served
from tests.web.conftest import serve as serve_waarborg

pytestmark = pytest.mark.browser

SHOP = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Weservit shop</title>
<script src="{banner}" defer></script></head>
<body><h1>Weservit shop</h1>
<button type="button" id="settings" data-cc="show-preferencesModal">Cookie settings</button>
<script type="text/plain" data-category="analytics">
document.cookie = "_ga=GA1.1.42; path=/"; window.analyticsRan = true;
</script>
</body></html>
"""


@dataclass
class Sites:
    waarborg: str
    shop: str
    served: Served

    def state(self, consent_id: str) -> dict[str, str]:
        answer = httpx.post(
            f"{self.waarborg}/api/consents/state",
            json={"anonymous_id": consent_id},
            headers=self.served.auth(),
        )
        assert answer.status_code == 200, answer.text
        return {c["activity"]: c["state"] for c in answer.json()["consents"]}


@pytest.fixture
def sites(tmp_path: Path) -> Iterator[Sites]:
    served = serve_waarborg(f"sqlite:///{tmp_path / 'w.db'}", tmp_path)
    with serve(served.app) as waarborg_url:
        banner = f"{waarborg_url}/o/{served.weservit.slug}/consent/banner.js"

        async def shop(_request: Any) -> HTMLResponse:
            return HTMLResponse(SHOP.format(banner=banner))

        with serve(Starlette(routes=[Route("/", shop)])) as shop_url:
            yield Sites(waarborg_url, shop_url, served)
    served.store.dispose()


def _open(browser: Any, sites: Sites) -> tuple[Any, Any]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(sites.shop)
    page.get_by_role("button", name="Reject all").wait_for()
    return context, page


def _recorded(page: Any) -> None:
    page.wait_for_selector("html[data-waarborg-recorded]", state="attached")
    assert page.get_attribute("html", "data-waarborg-recorded") == "200"
    page.evaluate("document.documentElement.removeAttribute('data-waarborg-recorded')")


def _consent_id(page: Any) -> str:
    found: str = page.evaluate("CookieConsent.getCookie('consentId')")
    return found


def _cookies(context: Any) -> set[str]:
    return {cookie["name"] for cookie in context.cookies()}


def test_accepting_runs_the_blocked_script_and_withdrawal_is_recorded(
    browser: Any, sites: Sites
) -> None:
    context, page = _open(browser, sites)
    try:
        assert page.get_by_text("We use cookies").is_visible()
        assert page.get_by_role("button", name="Accept all").is_visible()
        assert page.evaluate("window.analyticsRan") is None  # blocked until consent
        assert "_ga" not in _cookies(context)
        page.get_by_role("button", name="Accept all").click()
        _recorded(page)
        assert page.evaluate("window.analyticsRan") is True
        assert "_ga" in _cookies(context)
        consent_id = _consent_id(page)
        assert sites.state(consent_id) == {
            "cookies:analytics": "given",
            "cookies:functional": "given",
        }

        page.click("#settings")  # the banner's settings, from a link on the site
        page.get_by_role("button", name="Save my choice").wait_for()
        page.locator("input[value='analytics']").uncheck(force=True)
        page.get_by_role("button", name="Save my choice").click()
        _recorded(page)
        assert sites.state(consent_id) == {
            "cookies:analytics": "refused",
            "cookies:functional": "given",
        }
        history = _history(sites, consent_id)
        assert ("withdrawn", "banner") in history
    finally:
        context.close()


def test_reject_all_is_recorded_and_leaves_no_analytics_cookie(browser: Any, sites: Sites) -> None:
    context, page = _open(browser, sites)
    try:
        page.get_by_role("button", name="Reject all").click()
        _recorded(page)
        consent_id = _consent_id(page)
        page.reload()
        page.wait_for_load_state("load")
        assert page.evaluate("window.analyticsRan") is None
        assert "_ga" not in _cookies(context)
        assert not page.get_by_role("button", name="Reject all").is_visible()  # asked once
        assert sites.state(consent_id) == {
            "cookies:analytics": "refused",
            "cookies:functional": "refused",
        }
    finally:
        context.close()


def _history(sites: Sites, consent_id: str) -> list[tuple[str, str | None]]:
    from sqlalchemy import select

    from waarborg.store.consent_tables import ConsentRecord

    with sites.served.store.reading() as session:
        rows = session.scalars(
            select(ConsentRecord).where(ConsentRecord.anonymous_id == consent_id)
        ).all()
        return [(r.state, r.withdrawal_method) for r in rows]
