"""`waarborg apikey`, `audit`, `serve` and `demo` as a user runs them."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from tests.smtp import free_port
from waarborg import audit
from waarborg.cli import app
from waarborg.store import Store

ROOT = Path(__file__).resolve().parents[2]
WESERVIT = str(ROOT / "examples" / "weservit" / "register.yaml")


def run(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--lang", "en", "--data-dir", str(tmp_path), *args])
    return result.exit_code, result.output


def test_apikey_create_list_revoke(tmp_path: Path) -> None:
    code, out = run(tmp_path, "apikey", "create", "--system", "webshop", "--register", WESERVIT)
    assert code == 0, out
    key = re.search(r"wbk_([0-9a-f]{16})_\S+", out)
    assert key is not None and "not shown again" in out
    code, out = run(tmp_path, "apikey", "list")
    assert code == 0 and key.group(1) in out and "weservit-b-v" in out and "active" in out
    assert key.group(0) not in out
    code, out = run(tmp_path, "apikey", "revoke", key.group(1))
    assert code == 0 and "revoked" in out
    assert "revoked" in run(tmp_path, "apikey", "list")[1]
    code, out = run(tmp_path, "apikey", "revoke", key.group(1))
    assert code == 2 and "already revoked" in out
    code, out = run(tmp_path, "apikey", "create", "--system", "Web Shop!", "--register", WESERVIT)
    assert code == 2 and "system" in out


def test_apikey_asks_which_organisation_when_there_are_several(tmp_path: Path) -> None:
    webence = str(ROOT / "examples" / "webence" / "register.yaml")
    for register in (WESERVIT, webence):
        assert (
            run(tmp_path, "apikey", "create", "--system", "portal", "--register", register)[0] == 0
        )
    code, out = run(tmp_path, "audit", "verify")
    assert code == 2 and "--organisation" in out and "webence" in out
    assert run(tmp_path, "audit", "verify", "--organisation", "webence")[0] == 0
    code, out = run(tmp_path, "apikey", "create", "--system", "x", "--organisation", "nobody")
    assert code == 2


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[Store]:
    run(tmp_path, "apikey", "create", "--system", "webshop", "--register", WESERVIT)
    store = Store(f"sqlite:///{tmp_path / 'waarborg.db'}")
    with store.transaction() as session:
        for i in range(5):
            audit.append(session, 1, actor="cli", action="access", details={"i": i})
    yield store
    store.dispose()


def test_audit_verify_reports_an_intact_chain_and_the_first_bad_entry(
    tmp_path: Path, logged: Store
) -> None:
    code, out = run(tmp_path, "audit", "verify")
    assert code == 0 and "weservit-b-v: 5 entries, chain intact" in out
    with logged.engine.begin() as connection:
        connection.execute(sa.text("UPDATE audit_entries SET actor = 'cIi' WHERE seq = 4"))
    code, out = run(tmp_path, "audit", "verify")
    assert code == 1 and "entry 4 was changed after it was written" in out
    code, out = run(tmp_path, "--lang", "nl", "audit", "verify")
    assert code == 1 and "regel 4 is gewijzigd" in out


def test_audit_export_writes_json_lines(tmp_path: Path, logged: Store) -> None:
    code, out = run(tmp_path, "audit", "export", "--since", "2020-01-01")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["seq"] for line in lines] == [1, 2, 3, 4, 5]
    assert lines[1]["prev_hash"] == lines[0]["hash"]
    target = tmp_path / "log.jsonl"
    code, out = run(
        tmp_path, "audit", "export", "--since", "2999-01-01T00:00:00", "-o", str(target)
    )
    assert code == 0 and "0 entries" in out and target.read_text() == ""
    code, out = run(tmp_path, "audit", "export", "--since", "last week")
    assert code == 2 and "YYYY-MM-DD" in out


def _waarborg(*args: str, data_dir: Path) -> subprocess.Popen[str]:
    script = Path(sys.executable).parent / "waarborg"
    env = {**os.environ, "WAARBORG_LANG": "en", "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [str(script), "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait(process: subprocess.Popen[str], url: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"the server stopped: {process.stdout.read() if process.stdout else ''}"
            )
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return ""
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("the server did not come up")


def _stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGINT)
    try:
        out, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
    return out


@pytest.mark.slow
def test_serve_migrates_and_serves_on_loopback(tmp_path: Path) -> None:
    port = free_port()
    process = _waarborg("serve", "--register", WESERVIT, "--port", str(port), data_dir=tmp_path)
    try:
        _wait(process, f"http://127.0.0.1:{port}/healthz")
        page = httpx.get(f"http://127.0.0.1:{port}/en/privacy")
        assert page.status_code == 200 and "Handling your order" in page.text
        assert httpx.post(f"http://127.0.0.1:{port}/api/decide", json={}).status_code == 401
    finally:
        out = _stop(process)
    assert f"http://127.0.0.1:{port}/privacy" in out
    with Store(f"sqlite:///{tmp_path / 'waarborg.db'}").engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM organisations")).scalar() == 1


@pytest.mark.slow
def test_demo_prints_its_urls_and_a_working_key(tmp_path: Path) -> None:
    port = free_port()
    process = _waarborg("demo", "--port", str(port), data_dir=tmp_path)
    try:
        _wait(process, f"http://127.0.0.1:{port}/healthz")
        base = f"http://127.0.0.1:{port}"
        assert "Afhandelen bestelling" in httpx.get(f"{base}/privacy").text
        assert httpx.get(f"{base}/privacy-centre").status_code == 200
        assert httpx.get(f"{base}/admin").status_code == 303  # to the console's sign-in
        assert httpx.get(f"{base}/admin/login").status_code == 200
    finally:
        out = _stop(process)
    assert re.search(r"username demo, password \S+", out), out
    assert re.search(r"TOTP secret [A-Z2-7]{32} ", out), out
    for path in ("/privacy", "/en/privacy", "/privacy-centre", "/admin", "/api/openapi.json"):
        assert f"http://127.0.0.1:{port}{path}" in out, out
    assert (tmp_path / "demo" / "weservit-business.db").exists()
    key = re.search(r"wbk_\S+", out)
    assert key is not None
    # The key works once the server runs again with the same data (the next start revokes it).
    from fastapi.testclient import TestClient

    from waarborg.register import load_register
    from waarborg.settings import Settings
    from waarborg.web import create_app, open_site

    settings = Settings(data_dir=tmp_path)
    store = Store(settings.store_url)
    site = open_site(store, load_register(WESERVIT))
    with TestClient(create_app(settings, store=store, sites=[site])) as client:
        answer = client.post(
            "/api/decide",
            json={"subject": {"customer_id": "WS-10002"}, "activity": "order-handling",
                  "categories": ["email"]},
            headers={"Authorization": f"Bearer {key.group(0)}"},
        )  # fmt: skip
        assert answer.status_code == 200 and answer.json()["subject"].startswith("sub_")
    store.dispose()
