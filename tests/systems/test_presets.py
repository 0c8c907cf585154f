"""The WooCommerce and WHMCS presets: valid maps for the example registers, written by
`waarborg systems init`, and checked against the real schemas."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.shops import ROOT, business_url, whmcs, woocommerce
from waarborg import SystemsMapError
from waarborg.cli import app
from waarborg.register import load_register
from waarborg.systems import parse_systems
from waarborg.systems.connect import Connector
from waarborg.systems.presets import preset_map, render_preset

EXAMPLES = sorted((ROOT / "examples").glob("*/register.yaml"))


@pytest.mark.parametrize("preset", ["woocommerce", "whmcs"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_preset_uses_the_registers_activities(preset: str, path: Path) -> None:
    register = load_register(path)
    data, notes = preset_map(preset, register=register)
    text = render_preset(data, notes, preset)
    used = {
        a
        for system in data["systems"].values()
        for table in system["tables"].values()
        for a in table["activities"]
    }
    unknown = used - {a.id for a in register.activities}
    if unknown:  # assumed ids the register lacks: noted in the file, named by the loader
        assert notes
        with pytest.raises(SystemsMapError) as caught:
            parse_systems(text, register, "systems.yaml")
        assert all(f"unknown activity {a!r}" in caught.value.render("en") for a in unknown)
    else:
        assert parse_systems(text, register, "systems.yaml").systems


def test_without_a_register_the_assumed_ids_are_noted() -> None:
    data, notes = preset_map("whmcs")
    text = render_preset(data, notes, "whmcs")
    assert "# NOTE role 'account': no activity found, assumed 'account'" in text
    assert yaml.safe_load(text)["systems"]["portal"]["url_env"] == "WHMCS_DATABASE_URL"


def test_prefix_renames_every_table() -> None:
    data, _ = preset_map("woocommerce", prefix="shop_")
    tables = data["systems"]["shop"]["tables"]
    assert all(name.startswith("shop_") for name in tables)
    refs = [r["to"] for t in tables.values() for r in t.get("references", [])]
    assert all(ref.startswith("shop_") for ref in refs)


@pytest.mark.parametrize("kind", ["sqlite", "mysql"])
def test_presets_match_the_real_schemas(kind: str, tmp_path: Path) -> None:
    for build, name in ((woocommerce, "woocommerce"), (whmcs, "whmcs")):
        (tmp_path / name).mkdir()
        with business_url(kind, tmp_path / name) as url:
            business = build(url)
            Connector.open(business.systems, business.system_id, business.env).dispose()


def test_cli_writes_a_map_that_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    register = ROOT / "examples" / "itsb" / "register.yaml"
    target = tmp_path / "systems.yaml"
    runner = CliRunner()
    args = ["--lang", "en", "systems", "init", "--preset", "woocommerce", "--prefix", "wp_"]
    result = runner.invoke(app, [*args, "--register", str(register), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"{target}: systems map for woocommerce written" in result.output
    again = runner.invoke(app, [*args, "-o", str(target)])
    assert again.exit_code == 2 and "--force" in again.output
    with business_url("sqlite", tmp_path) as url:
        woocommerce(url, customers=2)
        monkeypatch.setenv("SHOP_DATABASE_URL", url)
        checked = runner.invoke(
            app,
            ["--lang", "en", "systems", "validate", "--register", str(register),
             "--systems", str(target), "--connect"],
        )  # fmt: skip
    assert checked.exit_code == 0, checked.output
    assert "valid systems map with 1 system(s) and 12 table(s)" in checked.output
