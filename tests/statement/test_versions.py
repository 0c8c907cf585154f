"""Statement versions are immutable and identified by their content; diffs say what
changed and which changes touch data already collected."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from tests.statement.helpers import ROOT, example
from waarborg.export import canonical_json
from waarborg.register import LocalText, load_register
from waarborg.statement import build_version, describe_diff, diff_registers


def test_same_register_gives_the_same_version() -> None:
    first = build_version(example("ibpix"))
    second = build_version(load_register(ROOT / "examples" / "ibpix" / "register.yaml"))
    assert first.content_hash == second.content_hash
    assert len(first.content_hash) == 64
    assert (first.version, first.effective_date) == ("2018-05-25", date(2018, 5, 25))


def test_version_holds_every_rendering_and_its_register() -> None:
    register = example("twentenet")
    version = build_version(register)
    assert set(version.rendered) == {
        "nl.html",
        "nl.html.body",
        "nl.md",
        "en.html",
        "en.html.body",
        "en.md",
    }
    assert version.text("nl", "md").startswith("# Privacyverklaring TwenteNET")
    assert version.text("en", "html", body=True).startswith("<article")
    assert version.languages == ["en", "nl"]
    assert version.register_json == canonical_json(register)
    assert canonical_json(version.register()) == version.register_json


def test_any_change_to_the_content_changes_the_hash() -> None:
    register = example("twentenet")
    later = register.model_copy(
        update={
            "statement": register.statement.model_copy(update={"effective_date": date(2019, 9, 1)})
        }
    )
    assert build_version(later).content_hash != build_version(register).content_hash


def test_a_version_cannot_be_changed() -> None:
    version = build_version(example("twentenet"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        version.content_hash = "0" * 64  # type: ignore[misc]
    with pytest.raises(TypeError):
        version.rendered["nl.md"] = "tampered"  # type: ignore[index]


def test_identical_registers_have_no_differences() -> None:
    register = example("weservit")
    changes = diff_registers(register, register)
    assert changes.is_empty and not changes.affects_existing_data
    assert describe_diff(changes, register, register, "nl") == [
        "Geen wijzigingen tussen versie 2018-05-25 en versie 2018-05-25."
    ]


def test_diff_per_activity_and_what_it_does_to_data_already_collected() -> None:
    old = example("weservit")
    new = load_register(ROOT / "docs" / "examples" / "weservit-next.yaml")
    changes = diff_registers(old, new)
    order = {c.field: c for c in changes.for_activity("order-handling")}
    assert (order["legal_basis"].before, order["legal_basis"].after) == ("consent", "contract")
    assert order["legal_basis"].affects_existing_data
    assert order["data_categories"].removed == ("ip-address",)
    assert not order["data_categories"].affects_existing_data  # using less is no news
    assert order["retention"].affects_existing_data
    newsletter = {c.field: c for c in changes.for_activity("newsletter")}
    assert newsletter["recipients"].added == ("mailing-service",)
    assert newsletter["transfers"].added == ("mailing-service → US (data-privacy-framework)",)
    assert newsletter["transfers"].affects_existing_data
    assert not newsletter["description"].affects_existing_data
    removed = [c for c in changes.changes if c.kind == "removed"]
    assert [(c.section, c.item) for c in removed] == [("activities", "advertisements")]
    assert changes.affects_existing_data
    data = json.loads(json.dumps(changes.to_dict()))
    assert data["new_version"] == "2019-01-01" and data["affects_existing_data"] is True


def test_only_a_text_change_does_not_need_announcing() -> None:
    old = example("twentenet")
    activity = old.activities[0].model_copy(
        update={"description": LocalText(nl="Nieuwe uitleg.", en="New explanation.")}
    )
    new = old.model_copy(update={"activities": [activity, *old.activities[1:]]})
    changes = diff_registers(old, new)
    assert [(c.item, c.field) for c in changes.changes] == [("order-handling", "description")]
    assert not changes.affects_existing_data


def test_diff_report_reads_in_the_statement_language() -> None:
    old = example("weservit")
    new = load_register(ROOT / "docs" / "examples" / "weservit-next.yaml")
    lines = describe_diff(diff_registers(old, new), old, new, "nl")
    assert lines[0] == "Wijzigingen van versie 2018-05-25 naar versie 2019-01-01:"
    assert (
        "~ activities order-handling · legal_basis: toestemming (artikel 6 lid 1 onder a AVG) "
        "→ uitvoering van een overeenkomst (artikel 6 lid 1 onder b AVG)  "
        "[verandert wat er gebeurt met al verzamelde gegevens]"
    ) in lines
    assert "~ activities order-handling · data_categories: − ip-adres" in lines
    assert "− activities advertisements (Advertenties)" in lines
    assert lines[-1].startswith("13 wijziging(en); 6 daarvan veranderen")
