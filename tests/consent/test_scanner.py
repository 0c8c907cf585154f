"""`waarborg scan` against two sites served by the test: a dirty one that sets a tracking
cookie before consent, an undeclared cookie and calls another host; a clean one."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from typer.testing import CliRunner

from tests.browser import CHROMIUM
from tests.live import serve
from tests.web.conftest import ROOT
from waarborg.cli import app

pytestmark = pytest.mark.browser

COOKIES = """cookies:
  - id: session
    name: session_id
    category: necessary
    purpose: {nl: uw winkelmand onthouden, en: remembering your basket}
    duration: session
    consent_required: false
  - id: cookie-choice
    name: consent
    category: necessary
    purpose: {nl: uw cookiekeuze onthouden, en: remembering your cookie choice}
    duration: 1 year
    consent_required: false
  - id: google-analytics
    name: _ga*
    provider: google
    service: Google Analytics
    category: analytics
    purpose: {nl: websitebezoek meten, en: measuring visits}
    duration: 2 years
    consent_required: true

"""

ACCEPT = """<button type="button" id="accept-all" onclick="document.cookie='consent=all; path=/';
document.cookie='_ga=GA1.1.7; path=/'; this.remove()">Accept all</button>"""

CLEAN = f"""<!doctype html><html lang="en"><head><title>Clean shop</title></head><body>
<h1>Clean shop</h1><a href="/about">About us</a>{ACCEPT}</body></html>"""

DIRTY = """<!doctype html><html lang="en"><head><title>Dirty shop</title>
<script>document.cookie = "_ga=GA1.1.99; path=/";</script></head><body>
<h1>Dirty shop</h1><img src="{tracker}/pixel.gif" alt="">{accept}</body></html>"""


def register_file(tmp_path: Path) -> Path:
    text = (ROOT / "examples" / "weservit" / "register.yaml").read_text()
    text = re.sub(r"(?ms)^cookies:\n.*?(?=^cookie_policy:)", COOKIES, text)
    path = tmp_path / "register.yaml"
    path.write_text(text)
    return path


@pytest.fixture
def shops() -> Iterator[tuple[str, str]]:
    async def pixel(_request: Any) -> Response:
        return Response(b"GIF89a", media_type="image/gif")

    async def clean(_request: Any) -> HTMLResponse:
        answer = HTMLResponse(CLEAN)
        answer.set_cookie("session_id", "abc", httponly=True)
        return answer

    async def about(_request: Any) -> HTMLResponse:
        return HTMLResponse("<!doctype html><title>About</title><p>About us</p>")

    with serve(Starlette(routes=[Route("/pixel.gif", pixel)])) as tracker:
        # The tracker is another host for the browser: "localhost" rather than 127.0.0.1.
        tracker = tracker.replace("127.0.0.1", "localhost")

        async def dirty(_request: Any) -> HTMLResponse:
            answer = HTMLResponse(DIRTY.format(tracker=tracker, accept=ACCEPT))
            answer.set_cookie("mystery_id", "42")
            return answer

        routes = [Route("/", clean), Route("/about", about), Route("/dirty", dirty)]
        with serve(Starlette(routes=routes)) as shop:
            yield f"{shop}/", f"{shop}/dirty"


def _scan(url: str, tmp_path: Path, *options: str) -> tuple[int, str]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing")
    args = ["--lang", "en", "scan", url, "--register", str(register_file(tmp_path)), *options]
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.output


def test_the_dirty_site_is_caught(shops: tuple[str, str], tmp_path: Path) -> None:
    _, dirty = shops
    status, output = _scan(dirty, tmp_path, "-o", str(tmp_path / "report.json"))
    assert status == 1, output
    report = json.loads((tmp_path / "report.json").read_text())
    found = {(f["code"], f["name"]) for f in report["findings"]}
    assert ("before-consent", "_ga") in found  # the tracking cookie, before consent
    assert ("undeclared", "mystery_id") in found
    assert ("third-party-before-consent", "localhost") in found
    assert ("never-seen", "session_id") in found
    assert "mystery_id" in output and "set before consent" in output
    before = {s["name"] for s in report["before_consent"]["seen"]}
    assert {"_ga", "mystery_id", "localhost"} <= before
    assert report["accepted"] is True and report["ok"] is False


def test_the_clean_site_passes_and_gets_an_html_report(
    shops: tuple[str, str], tmp_path: Path
) -> None:
    clean, _ = shops
    target = tmp_path / "report.html"
    status, output = _scan(clean, tmp_path, "--pages", "2", "-o", str(target))
    assert status == 0, output
    assert "Nothing wrong found." in output
    assert "2 page(s)" in output
    html = target.read_text()
    assert "Nothing wrong found." in html
    before, after = html.split("After accepting all")
    assert "session_id" in before and "_ga" not in before.split("Before consent")[1]
    assert "_ga" in after and "consent" in after
