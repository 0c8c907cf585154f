"""The canonical JSON export is the register itself: it loads again, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEED_COMPANIES
from tests.statement.helpers import ROOT
from waarborg.export import canonical_json
from waarborg.register import load_register


@pytest.mark.parametrize("company", SEED_COMPANIES)
def test_json_export_round_trips_byte_for_byte(company: str, tmp_path: Path) -> None:
    exported = canonical_json(load_register(ROOT / "examples" / company / "register.yaml"))
    path = tmp_path / "register.json"
    path.write_text(exported, encoding="utf-8")
    assert canonical_json(load_register(path)) == exported


def test_short_forms_are_expanded_and_defaults_filled_in() -> None:
    data = json.loads(canonical_json(load_register(ROOT / "examples/weservit/register.yaml")))
    assert list(data)[:4] == ["waarborg", "organisation", "statement", "activities"]
    order = data["activities"][0]
    assert order["legal_basis"] == {"basis": "consent"}
    assert order["retention"] == {
        "after": "order-completed",
        "keep": "7 years",
        "count_from": "anchor",
        "obligation": "fiscal",
    }
    portal = data["activities"][1]
    assert portal["source"] == {"kind": "data-subject", "publicly_accessible": False}
    assert order["source"]["publicly_accessible"] is False
    assert data["organisation"]["supervisory_authority"] == "autoriteit-persoonsgegevens"
    party = next(p for p in data["parties"] if p["id"] == "google")
    assert party["name"] == {"nl": "Google (Google Analytics)", "en": "Google (Google Analytics)"}
    unstated = next(a for a in data["activities"] if a["id"] == "direct-marketing")
    assert unstated["retention"] == {"keep": "0 days", "count_from": "anchor"}
