"""`waarborg request …` end to end: a WooCommerce shop, the register, the map, the store."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.rights.helpers import SECRET
from tests.rights.ledger import RecordingLedger
from tests.shops import ROOT, Business, business_url, woocommerce
from waarborg.cli import app, request_cmds
from waarborg.store import Store
from waarborg.systems.presets import preset_map, render_preset


@pytest.fixture
def shop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Business, list[str], list[str]]]:
    with business_url("sqlite", tmp_path) as url:
        business = woocommerce(url, customers=8)
        data, notes = preset_map("woocommerce", register=business.register)
        (tmp_path / "systems.yaml").write_text(render_preset(data, notes, "woocommerce"))
        monkeypatch.setenv("SHOP_DATABASE_URL", url)
        monkeypatch.setenv("WAARBORG_SECRET_KEY", SECRET.decode())
        ledgers: list[RecordingLedger] = []

        def ledger_for(store: Store, organisation: int, secret: bytes) -> RecordingLedger:
            ledgers.append(RecordingLedger(organisation, secret))
            return ledgers[-1]

        monkeypatch.setattr(request_cmds, "ledger_for", ledger_for)
        options = [
            "--register", str(ROOT / "examples" / "itsb" / "register.yaml"),
            "--systems", str(tmp_path / "systems.yaml"),
        ]  # fmt: skip
        yield business, ["--lang", "en", "--data-dir", str(tmp_path / "var")], options


def invoke(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_plan_access_erase(shop: tuple[Business, list[str], list[str]], tmp_path: Path) -> None:
    business, head, options = shop
    index = next(i for i in range(8) if business.data.truth.of(i).get("wp_wc_orders"))
    email = business.data.person(index).email
    plan = invoke(*head, "request", "plan", "erasure", "--email", email, *options)
    assert "shop:" in plan and "wp_wc_orders:" in plan and "found" in plan
    assert email not in plan
    target = tmp_path / "access.zip"
    access = invoke(*head, "request", "access", "--email", email, "-o", str(target), *options)
    assert str(target) in access and "sub_" in access
    assert "index.html" in zipfile.ZipFile(io.BytesIO(target.read_bytes())).namelist()
    erased = invoke(*head, "request", "erase", "--email", email, *options)
    assert "shop: " in erased and "row(s) deleted" in erased
    again = invoke(*head, "request", "erase", "--email", email, *options)
    assert "shop: 0 row(s) deleted, 0 row(s) changed" in again


def test_rectify_validates_before_touching_anything(
    shop: tuple[Business, list[str], list[str]],
) -> None:
    business, head, options = shop
    email = business.data.person(0).email
    result = CliRunner().invoke(
        app, [*head, "request", "rectify", "--email", email, "--set", "postcode=1234 SA", *options]
    )
    assert result.exit_code == 2
    done = invoke(*head, "request", "rectify", "--email", email, "--set", "city=Nuland", *options)
    assert "done" in done


def test_restrict_and_object_are_recorded(shop: tuple[Business, list[str], list[str]]) -> None:
    business, head, options = shop
    email = business.data.person(1).email
    assert "done" in invoke(*head, "request", "restrict", "--email", email, *options)
    assert "done" in invoke(
        *head, "request", "object", "--email", email, "--activity", "web-shop", *options
    )
