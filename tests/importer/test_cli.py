"""`waarborg import` as a user runs it: files written, summary printed, errors without traces."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.importer.files import BAD_FILES
from waarborg.cli import app
from waarborg.register import load_register

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "privacyverklaring.txt"


def test_writes_a_loadable_register_and_a_dutch_report(tmp_path: Path) -> None:
    register, report = tmp_path / "register.yaml", tmp_path / "rapport.md"
    result = CliRunner().invoke(
        app, ["import", str(EXAMPLE), "-o", str(register), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "Conceptregister: 2 verwerkingen" in result.output
    assert load_register(register).activities[0].id == "order-handling"
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Importrapport:")
    assert "## Herkomst van elke waarde" in text
    assert "| `activities[0].legal_basis` | consent | 0.95 | 13 |" in text


def test_english_report_on_standard_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["--lang", "en", "import", str(EXAMPLE), "-o", str(tmp_path / "r.yaml"), "--report", "-"],
    )
    assert result.exit_code == 0, result.output
    assert "## Sentences that could not be placed (0)" in result.output


def test_does_not_overwrite_without_force(tmp_path: Path) -> None:
    register = tmp_path / "register.yaml"
    register.write_text("mijn eigen register\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--lang", "en", "import", str(EXAMPLE), "-o", str(register)])
    assert result.exit_code == 2
    assert "already exists; use --force" in result.output
    assert register.read_text(encoding="utf-8") == "mijn eigen register\n"
    forced = CliRunner().invoke(app, ["import", str(EXAMPLE), "-o", str(register), "--force"])
    assert forced.exit_code == 0
    assert "waarborg: 1" in register.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "content", "_", "message"), BAD_FILES)
def test_bad_input_exits_2_with_a_dutch_message_and_no_traceback(
    tmp_path: Path, name: str, content: bytes, _: str, message: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    result = CliRunner().invoke(app, ["import", str(source), "-o", str(tmp_path / "r.yaml")])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "r.yaml").exists()
