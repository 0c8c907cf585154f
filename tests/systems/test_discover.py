"""Discovery: personal data the map does not mention, found without showing it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.shops import ROOT, bikes, business_url
from waarborg.cli import app
from waarborg.systems.discover import discover, judge
from waarborg.testdata.custom import custom_map


@pytest.mark.parametrize(
    ("name", "values", "kind"),
    [
        ("x", ["jan@example.nl", "piet@example.com"], "email"),
        ("x", ["06-12345678", "+31 20 123 4567"], "phone"),
        ("x", ["1234 AB", "5391LJ"], "postcode"),
        ("x", ["NL91ABNA0417164300"], "iban"),
        ("x", ["111222333", 123456782], "bsn"),
        ("x", ["192.168.1.20", "2001:db8::1"], "ip-address"),
        ("birthday", ["1980-02-29", "1955-07-01"], "date-of-birth"),
        ("geboortedatum", [], "date-of-birth"),
    ],
)
def test_detectors(name: str, values: list[object], kind: str) -> None:
    found = judge(name, values, 0.5)
    assert found is not None and found[0] == kind


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("total", ["12.50", "99.00"]),
        ("order_number", ["123456789", "123456790", "123456791"]),  # 9 digits, not a BSN
        ("address_type", ["billing", "shipping"] * 10),
        ("created", ["2024-01-02", "2025-05-06"]),  # recent dates are no birthdays
    ],
)
def test_ordinary_columns_are_not_flagged(name: str, values: list[object]) -> None:
    assert judge(name, values, 0.5) is None


def test_discovery_finds_the_unmapped_bsn_and_leads_table(postgres_url: str) -> None:
    shop = bikes(postgres_url, customers=20)
    findings = discover("bikes", shop.systems.systems["bikes"], postgres_url)
    places = {(f.table, f.column): f.kind for f in findings}
    assert places[("customers", "bsn")] == "bsn"
    assert places[("leads", "contact_email")] == "email"
    assert places[("leads", "contact_phone")] == "phone"
    assert ("customers", "email") not in places  # mapped already


def test_cli_reports_counts_never_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with business_url("sqlite", tmp_path) as url:
        shop = bikes(url, customers=20)
        systems = tmp_path / "systems.yaml"
        systems.write_text(custom_map("account", "order-handling", "contact-form", "newsletter"))
        monkeypatch.setenv("BIKES_DATABASE_URL", url)
        result = CliRunner().invoke(
            app,
            [
                "--lang", "en", "systems", "discover",
                "--register", str(ROOT / "examples" / "weservit" / "register.yaml"),
                "--systems", str(systems),
            ],
        )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "bikes.customers.bsn: bsn in 20 of 20 sampled values; suggested category bsn" in (
        result.output
    )
    assert "bikes.leads.contact_email: email" in result.output
    people = [shop.data.person(i) for i in range(20)]
    for who in people:
        assert who.bsn not in result.output and who.email not in result.output
