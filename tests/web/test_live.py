"""The statement page, served for real and read by Debian's Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.live import serve
from waarborg import load_register
from waarborg.settings import Settings
from waarborg.store import Store
from waarborg.web import create_app, open_site

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.browser
def test_statement_page_in_a_real_browser(browser: Any, tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    store.upgrade()
    site = open_site(store, load_register(ROOT / "examples/weservit/register.yaml"))
    app = create_app(Settings(data_dir=tmp_path, secret_key="s" * 32), store=store, sites=[site])
    with serve(app) as base:
        page = browser.new_page()
        response = page.goto(f"{base}/privacy")
        assert response is not None and response.status == 200
        assert page.locator("h1").first.inner_text().startswith("Privacyverklaring")
        assert page.evaluate("document.documentElement.lang") == "nl"
        page.goto(f"{base}/en/privacy")
        assert page.evaluate("document.documentElement.lang") == "en"
        page.close()
    store.dispose()
