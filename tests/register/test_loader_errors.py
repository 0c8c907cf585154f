"""A malformed register gives one clear message per problem, with file:line:column."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from waarborg import RegisterError, load_register, parse_register
from waarborg.cli import app

VALID = """\
organisation:
  name: Voorbeeld B.V.
statement:
  version: "1"
  effective_date: 2024-01-01
  languages: [nl]
activities:
  - id: orders
    title: Bestellingen
    purposes: [order-handling]
    data_categories: [naw, email]
    legal_basis: contract
    retention: {after: order-completed, keep: 7 years, count_from: end-of-book-year}
  - id: newsletter
    title: Nieuwsbrief
    purposes: [newsletter]
    data_categories: [email]
    legal_basis: consent
    retention: until unsubscribed
rights:
  offered: [access, rectification, erasure, restriction, portability, objection]
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(RegisterError) as caught:
        parse_register(text, "reg.yaml")
    return [p.render("en") for p in caught.value.problems]


def test_valid_register_loads_and_knows_positions() -> None:
    register = parse_register(VALID, "reg.yaml")
    assert [a.id for a in register.activities] == ["orders", "newsletter"]
    assert str(register.position("activities", 1, "legal_basis")) == "reg.yaml:18:18"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "data_categories: [naw, email]",
            "data_categories: naw",
            "reg.yaml:11:22: activities.0.data_categories must be a list",
            id="wrong-type",
        ),
        pytest.param(
            "data_categories: [naw, email]",
            "data_categories: [naw, e-mail]",
            "reg.yaml:11:28: unknown data category 'e-mail'",
            id="unknown-category",
        ),
        pytest.param(
            "    legal_basis: contract\n",
            "",
            "reg.yaml:8:5: missing field activities.0.legal_basis: add it, or write 'unstated'",
            id="missing-basis",
        ),
        pytest.param(
            "keep: 7 years",
            "keep: seven years",
            "reg.yaml:13:47: activities.0.retention.keep: not a duration: 'seven years'",
            id="bad-duration",
        ),
        pytest.param(
            "title: Nieuwsbrief",
            "title: [Nieuwsbrief",
            "reg.yaml:16:13: YAML syntax error",
            id="yaml-syntax",
        ),
        pytest.param(
            "id: newsletter",
            "id: orders",
            "reg.yaml:14:9: duplicate id 'orders' in activities (first at line 8)",
            id="duplicate-activity-id",
        ),
        pytest.param(
            "legal_basis: consent",
            "legal_basis: toestemming",
            "reg.yaml:18:18: unknown legal basis 'toestemming'",
            id="unknown-basis",
        ),
        pytest.param(
            "retention: until unsubscribed",
            "retention: until afgemeld",
            "reg.yaml:19:16: unknown retention anchor 'afgemeld'",
            id="unknown-anchor",
        ),
        pytest.param(
            "    title: Nieuwsbrief\n",
            "    title: Nieuwsbrief\n    titel: x\n",
            "reg.yaml:16:5: unknown field activities.1.titel",
            id="unknown-field",
        ),
        pytest.param(
            "languages: [nl]",
            "languages: [nl, en]",
            "reg.yaml:9:12: text missing in en",
            id="missing-translation",
        ),
        pytest.param(
            "effective_date: 2024-01-01",
            "effective_date: 2024-13-01",
            "reg.yaml:5:19: cannot read value: month must be in 1..12",
            id="impossible-date",
        ),
    ],
)
def test_each_problem_is_reported_once_at_its_place(old: str, new: str, expected: str) -> None:
    assert old in VALID
    messages = problems_of(VALID.replace(old, new, 1))
    matching = [m for m in messages if m.startswith(expected)]
    assert len(matching) == 1, messages
    if "missing-translation" not in expected and "text missing" not in expected:
        assert len(messages) == 1, messages


def test_messages_show_value_and_allowed_ids() -> None:
    (message,) = problems_of(VALID.replace("[naw, email]", "[naw, e-mail]"))
    assert "got" not in message  # the id itself is named in the sentence
    assert "allowed: " in message and "email" in message.split("allowed: ")[1]


def test_several_problems_all_reported_in_file_order() -> None:
    broken = (
        VALID.replace("[naw, email]", "[naw, e-mail]")
        .replace("keep: 7 years", "keep: zeven jaar")
        .replace("legal_basis: consent", "legal_basis: toestemming")
    )
    messages = problems_of(broken)
    assert [m.split(":")[1] for m in messages] == ["11", "13", "18"]


def test_duplicate_yaml_key_is_reported() -> None:
    messages = problems_of(
        VALID.replace(
            "    legal_basis: contract\n", "    legal_basis: contract\n    legal_basis: consent\n"
        )
    )
    assert any(
        "reg.yaml:13:5: duplicate key 'legal_basis' (first at line 12)" in m for m in messages
    )


def test_dutch_messages_by_default() -> None:
    with pytest.raises(RegisterError) as caught:
        parse_register(VALID.replace("[naw, email]", "[naw, e-mail]"), "reg.yaml")
    assert "gegevenscategorie 'e-mail' bestaat niet" in caught.value.render("nl")


def test_unreadable_file_is_a_register_error(tmp_path: Path) -> None:
    with pytest.raises(RegisterError, match="cannot read the register"):
        load_register(tmp_path / "missing.yaml")


def test_cli_prints_problems_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(VALID.replace("keep: 7 years", "keep: 7 jaartjes"))
    result = CliRunner().invoke(app, ["--lang", "en", "validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}:13:47: activities.0.retention.keep: not a duration" in result.output
    assert "Traceback" not in result.output


def test_cli_accepts_valid_register(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(VALID)
    result = CliRunner().invoke(app, ["--lang", "en", "validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "valid register with 2 activities" in result.output


def test_global_categories_are_checked_like_activity_categories() -> None:
    text = VALID + "global_data_categories: [naw, e-mail]\n"
    (message,) = problems_of(text)
    assert message.startswith("reg.yaml:22:31: unknown data category 'e-mail'")
    register = parse_register(VALID + "global_data_categories: [gender]\n", "reg.yaml")
    assert "gender" in register.category_ids()
