"""The standalone statement page in a real browser: no scripts needed, nothing fetched
from elsewhere, a skip link for keyboard users, and a clean printout."""

from __future__ import annotations

from typing import Any

import pytest

from tests.statement.helpers import example
from waarborg.statement import render_statement

pytestmark = pytest.mark.browser


def test_page_works_offline_without_javascript_and_by_keyboard(browser: Any) -> None:
    page_html = render_statement(example("ibpix"), "nl", "html").document
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_content(page_html)
    try:
        assert requests == []  # no fonts, styles or scripts from elsewhere
        assert page.locator("h1").inner_text() == "Privacyverklaring internetbureau Pix"
        skip = page.locator("a.skip-link")
        assert skip.bounding_box()["x"] < 0  # out of sight until needed
        page.keyboard.press("Tab")
        assert skip.evaluate("el => el === document.activeElement")
        assert skip.bounding_box()["x"] >= 0
        assert page.locator("nav.toc").is_visible()
        page.emulate_media(media="print")
        assert not page.locator("nav.toc").is_visible()
        assert not skip.is_visible()
    finally:
        context.close()
