"""fideslang manifests validate with fideslang's own models; the Art. 30 spreadsheet
and CSV read back with one row per activity and Dutch headers."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
import yaml
from fideslang.default_taxonomy import DEFAULT_TAXONOMY
from fideslang.models import Taxonomy

from tests.conftest import SEED_COMPANIES
from tests.statement.helpers import example
from waarborg.export import HEADERS, fideslang_manifest, fideslang_yaml, register_csv, register_xlsx


@pytest.mark.parametrize("company", SEED_COMPANIES)
def test_fideslang_manifest_validates_and_uses_default_keys(company: str) -> None:
    register = example(company)
    taxonomy = Taxonomy.model_validate(yaml.safe_load(fideslang_yaml(register)))
    known_uses = {use.fides_key for use in DEFAULT_TAXONOMY.data_use}
    known_categories = {category.fides_key for category in DEFAULT_TAXONOMY.data_category}
    own, *recipients = taxonomy.system
    assert len(recipients) == len(register.parties)
    assert own.privacy_declarations
    for declaration in own.privacy_declarations:
        assert declaration.data_use in known_uses
        assert set(declaration.data_categories) <= known_categories


def test_fideslang_declarations_carry_basis_and_retention() -> None:
    manifest = fideslang_manifest(example("twentenet"))
    declarations = manifest["system"][0]["privacy_declarations"]
    order = [d for d in declarations if d["name"] == "Handling your order"]
    assert {d["data_use"] for d in order} == {
        "essential.service",
        "essential.service.payment_processing",
    }
    assert order[0]["legal_basis_for_processing"] == "Legal obligations"
    assert order[0]["retention_period"].startswith("until seven years after your order")
    marketing = next(d for d in declarations if d["name"] == "Advertising to you")
    assert "legal_basis_for_processing" not in marketing  # unstated: not guessed


def test_xlsx_reads_back_as_the_art_30_register() -> None:
    register = example("ibpix")
    workbook = openpyxl.load_workbook(io.BytesIO(register_xlsx(register)))
    sheet = workbook["Verwerkingsregister"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert tuple(rows[0]) == HEADERS
    assert "Categorieën persoonsgegevens (c)" in rows[0] and "Grondslag" in rows[0]
    assert len(rows) == 1 + len(register.activities)
    order = dict(zip(HEADERS, rows[1], strict=True))
    assert order["Verwerking"] == "Afhandelen bestelling"
    assert order["Grondslag"] == "uitvoering van een overeenkomst (artikel 6 lid 1 onder b AVG)"
    assert order["Bewaartermijn (f)"] == (
        "tot zes maanden nadat uw bestelling is afgerond, en daarna nog zeven jaar "
        "(fiscale bewaarplicht, AWR art. 52 lid 4)"
    )
    assert "naw-gegevens" in order["Categorieën persoonsgegevens (c)"]
    assert (
        "internetbureau Pix"
        in order["Verwerkingsverantwoordelijke en contactgegevens (art. 30 lid 1 onder a)"]
    )
    assert "beveiligde verbindingen" in order["Beveiligingsmaatregelen (g)"]


def test_csv_is_the_same_table() -> None:
    register = example("itsb")
    rows = list(csv.reader(io.StringIO(register_csv(register))))
    workbook = openpyxl.load_workbook(io.BytesIO(register_xlsx(register)))
    sheet_rows = [
        [cell.value or "" for cell in row] for row in workbook["Verwerkingsregister"].iter_rows()
    ]
    assert rows == sheet_rows
    web_shop = dict(zip(HEADERS, rows[1], strict=True))
    assert web_shop["Grondslag"] == "niet vastgelegd"
    assert web_shop["Categorieën persoonsgegevens (c)"] == "niet vastgelegd"
