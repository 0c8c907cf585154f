"""`waarborg render`, `export`, `diff` and `publish` as a privacy contact uses them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from tests.statement.helpers import ROOT, soup
from waarborg.cli import app

WESERVIT = str(ROOT / "examples" / "weservit" / "register.yaml")
NEXT = str(ROOT / "docs" / "examples" / "weservit-next.yaml")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_render_writes_the_page_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "privacy.html"
    code, output = run("render", WESERVIT, "--lang", "en", "-o", str(target))
    assert code == 0
    assert output.strip() == f"{target} geschreven"  # messages in Dutch by default
    page = soup(target.read_text(encoding="utf-8"))
    assert page.find("html").get("lang") == "en"  # type: ignore[union-attr]


def test_render_follows_the_message_language_unless_told() -> None:
    code, output = run("--lang", "en", "render", WESERVIT, "--format", "md")
    assert code == 0 and output.startswith("# Privacy statement of Weservit B.V.")
    code, output = run("--lang", "en", "render", WESERVIT, "--format", "md", "--lang", "nl")
    assert output.startswith("# Privacyverklaring Weservit B.V.")


def test_wrong_input_is_explained_without_a_traceback(tmp_path: Path) -> None:
    code, output = run("render", WESERVIT, "--format", "pdf")
    assert code == 2 and "onbekend formaat voor de verklaring 'pdf'" in output
    code, output = run("--lang", "en", "export", WESERVIT, "--format", "xlsx")
    assert code == 2 and "this format is binary: give an output file with -o" in output
    code, output = run("export", WESERVIT, "--format", "rdf")
    assert code == 2 and "onbekend exportformaat 'rdf'" in output
    code, output = run("render", WESERVIT, "-o", str(tmp_path / "missing" / "x.html"))
    assert code == 2 and "kan" in output and "niet schrijven" in output
    assert "Traceback" not in output


def test_export_xlsx_and_json(tmp_path: Path) -> None:
    target = tmp_path / "register.xlsx"
    code, _ = run("export", WESERVIT, "--format", "xlsx", "-o", str(target))
    assert code == 0
    sheet = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))["Verwerkingsregister"]
    assert sheet.max_row == 1 + 11
    code, output = run("export", WESERVIT)
    assert code == 0 and json.loads(output)["organisation"]["name"] == "Weservit B.V."


def test_diff_two_files_as_json() -> None:
    code, output = run("diff", WESERVIT, NEXT, "--format", "json")
    assert code == 0
    data = json.loads(output)
    assert data["old_version"] == "2018-05-25" and data["affects_existing_data"]


def test_publish_then_diff_by_version_label(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code, output = run("--db", db, "publish", WESERVIT, "--by", "Piet")
    assert code == 0 and "Versie 2018-05-25 van weservit-b-v gepubliceerd" in output
    code, output = run("--db", db, "--lang", "en", "publish", WESERVIT)
    assert code == 0 and "already published with exactly this content" in output
    code, _ = run("--db", db, "publish", NEXT)
    assert code == 0
    code, output = run("--db", db, "--lang", "en", "diff", "2018-05-25", "2019-01-01")
    assert code == 0
    assert output.splitlines()[0] == "Changes from version 2018-05-25 to version 2019-01-01:"
    code, output = run("--db", db, "diff", "2019-01-01", WESERVIT)
    assert code == 0 and "Wijzigingen van versie 2019-01-01 naar versie 2018-05-25:" in output


def test_diff_against_nothing_published_yet(tmp_path: Path) -> None:
    code, output = run("--db", f"sqlite:///{tmp_path / 'none.db'}", "diff", "v1", WESERVIT)
    assert code == 2
    assert "dat registerbestand bestaat niet, en er is nog geen verklaring gepubliceerd" in output
    assert not (tmp_path / "none.db").exists()
