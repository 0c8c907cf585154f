"""`waarborg check` as users meet it: text and JSON output, languages, exit status."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
import yaml
from typer.testing import CliRunner

from tests.check.registers import Data, changed, clean, put
from tests.conftest import SEED_COMPANIES
from waarborg import Finding, run_checks
from waarborg.cli import app

ROOT = Path(__file__).resolve().parents[2]
CONSENT_FOR_ORDERS = put("activities", "orders", "legal_basis", value="consent")


def _schema() -> Any:
    source = resources.files("waarborg.check") / "report.schema.json"
    return json.loads(source.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: Data) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _check(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_the_schema_is_a_valid_json_schema() -> None:
    assert jsonschema_rs.meta.is_valid(_schema())


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("company", SEED_COMPANIES)
def test_json_output_follows_the_schema(company: str, lang: str) -> None:
    path = f"examples/{company}/register.yaml"
    report = json.loads(_check("check", path, "--format", "json", "--lang", lang).output)
    jsonschema_rs.validate(_schema(), report)
    assert report["language"] == lang
    assert report["counts"]["error"] == sum(f["severity"] == "error" for f in report["findings"])


def test_exit_status_is_one_when_there_are_errors(tmp_path: Path) -> None:
    result = _check("check", str(_write(tmp_path, changed(CONSENT_FOR_ORDERS))))
    assert result.exit_code == 1


def test_exit_status_is_zero_for_warnings_and_advice_only(tmp_path: Path) -> None:
    vague = put("activities", "orders", "retention", value="until customer-satisfied")
    warning_only = changed(vague)
    result = _check("--lang", "en", "check", str(_write(tmp_path, warning_only)))
    assert result.exit_code == 0
    assert "warning retention.vague (orders)" in result.output
    assert "0 errors, 1 warnings, 0 advice" in result.output


def test_exit_status_is_two_when_the_register_does_not_load(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text("organisation: {name: X}\n", encoding="utf-8")
    assert _check("check", str(path)).exit_code == 2


def test_text_output_says_where_what_why_and_how_to_fix(tmp_path: Path) -> None:
    path = _write(tmp_path, changed(CONSENT_FOR_ORDERS))
    lines = _check("--lang", "en", "check", str(path)).output.splitlines()
    head = next(i for i, line in enumerate(lines) if "basis.consent-for-contract" in line)
    line_number = yaml.safe_dump(changed(CONSENT_FOR_ORDERS), sort_keys=False).splitlines()
    expected = 1 + next(i for i, text in enumerate(line_number) if "legal_basis: consent" in text)
    assert lines[head] == f"{path}:{expected}: error basis.consent-for-contract (orders)"
    assert '"Bestellingen" rests on consent' in lines[head + 1]
    assert lines[head + 2].startswith("  Fix: Use 'contract'")
    assert "GDPR Art. 6(1)(b)" in lines[head + 3]
    assert "activities[orders].legal_basis" in lines[head + 3]


def test_findings_read_in_dutch_by_default(tmp_path: Path) -> None:
    output = _check("check", str(_write(tmp_path, changed(CONSENT_FOR_ORDERS)))).output
    assert "fout basis.consent-for-contract (orders)" in output
    assert "Oplossing:" in output
    assert "AVG art. 6 lid 1 onder b" in output


def test_the_command_option_overrides_the_global_language(tmp_path: Path) -> None:
    path = str(_write(tmp_path, changed(CONSENT_FOR_ORDERS)))
    assert "Fix:" in _check("--lang", "nl", "check", path, "--lang", "en").output
    assert "Oplossing:" in _check("--lang", "en", "check", path, "--lang", "nl").output


def test_a_lawful_register_reports_no_findings(tmp_path: Path) -> None:
    result = _check("--lang", "en", "check", str(_write(tmp_path, clean())))
    assert result.exit_code == 0
    assert result.output.strip() == f"{tmp_path / 'register.yaml'}: 0 errors, 0 warnings, 0 advice"


def test_library_call_returns_findings_in_file_order() -> None:
    from waarborg import load_register

    found = run_checks(load_register(ROOT / "examples" / "weservit" / "register.yaml"))
    assert all(isinstance(f, Finding) for f in found)
    lines = [f.position.line for f in found if f.position]
    assert lines == sorted(lines)
    first = next(f for f in found if f.check == "basis.consent-for-contract")
    assert first.activity == "order-handling"
    assert first.severity == "error"
    assert "Handling your order" in first.message("en")
    assert "Afhandelen bestelling" in first.message("nl")
