"""The register as the Art. 30 table a privacy officer hands to the Autoriteit
Persoonsgegevens: one row per processing activity, Dutch column headers for
Art. 30(1)(a)–(g) plus the legal basis, as an Excel workbook or CSV.

The columns follow the Dutch text of Art. 30(1) AVG; the AP's own register adds
the grondslag (legal basis) as its only extra field (see
``../shared/reference/standards.md`` §4). Retention and basis are worded as in
the Dutch statement, so the table and the privacyverklaring never disagree.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from waarborg.register import Activity, Register
from waarborg.statement.render import phrases
from waarborg.statement.view import StatementView

SHEET_TITLE = "Verwerkingsregister"
# The spreadsheet is for the Dutch supervisory authority: its headers are Dutch.
HEADERS = (
    "Nr.",
    "Verwerking",
    "Verwerkingsverantwoordelijke en contactgegevens (art. 30 lid 1 onder a)",
    "Doeleinden (b)",
    "Categorieën betrokkenen (c)",
    "Categorieën persoonsgegevens (c)",
    "Grondslag",
    "Categorieën ontvangers (d)",
    "Doorgifte naar derde landen en waarborgen (e)",
    "Bewaartermijn (f)",
    "Beveiligingsmaatregelen (g)",
    "Bron van de gegevens",
    "Profilering en geautomatiseerde besluiten",
)
_SOURCES = {
    "data-subject": "de betrokkene zelf",
    "observed": "waargenomen bij gebruik van website of diensten",
    "third-party": "een derde",
    "public": "openbare bronnen",
}
_ROLES = {
    "processor": "verwerker",
    "sub-processor": "subverwerker",
    "third-party": "derde",
    "joint-controller": "gezamenlijk verwerkingsverantwoordelijke",
    "authority": "overheidsinstantie",
}


def register_rows(register: Register) -> list[list[str]]:
    """One row of texts per activity, in the order of :data:`HEADERS`."""
    view = StatementView(register, "nl")
    words: Any = phrases(register, "nl")
    controller = _controller(view)
    measures = "; ".join(
        view.text(m.description) or view.label("security_measures", m.measure)
        for m in register.security_measures
    )
    return [
        [
            str(number),
            view.text(activity.title),
            controller,
            "; ".join(view.labels("purposes", activity.purposes)),
            "; ".join(view.labels("data_subjects", activity.data_subjects)),
            "; ".join(view.categories(activity) or view.global_categories()) or "niet vastgelegd",
            str(words.basis_term(activity.legal_basis)),
            _recipients(view, activity),
            _transfers(view, words, activity),
            str(words.retention_term(activity.retention)),
            measures or "niet vastgelegd",
            _SOURCES[activity.source.kind],
            _profiling(activity),
        ]
        for number, activity in enumerate(register.activities, start=1)
    ]


def _controller(view: StatementView) -> str:
    org = view.org
    parts = [org.name, *view.address_lines(), org.email or "", org.phone or ""]
    for label, person in (
        ("FG", org.dpo),
        ("vertegenwoordiger", org.representative),
        ("privacycontact", org.privacy_contact),
    ):
        if person is not None:
            details = ", ".join(x for x in (person.name, person.email, person.phone) if x)
            parts.append(f"{label}: {details}")
    return "; ".join(part for part in parts if part)


def _recipients(view: StatementView, activity: Activity) -> str:
    return (
        "; ".join(
            f"{view.name(p)} ({_ROLES[p.role]}, {view.label('recipient_kinds', p.kind)})"
            for p in view.recipients(activity)
        )
        or "geen"
    )


def _transfers(view: StatementView, words: Any, activity: Activity) -> str:
    transfers = view.transfers(activity)
    if transfers:
        return "; ".join(str(words.transfer(party)) for party in transfers)
    if all(p.country is not None for p in view.recipients(activity)):
        return "geen"
    return "niet vastgelegd"


def _profiling(activity: Activity) -> str:
    profiling = activity.profiling
    if profiling is None:
        return "geen"
    parts = ["profilering" if profiling.combines_data else ""]
    parts.append("geautomatiseerde besluiten" if profiling.automated_decisions else "")
    return ", ".join(part for part in parts if part) or "geen"


def register_csv(register: Register) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows(register_rows(register))
    return buffer.getvalue()


def register_xlsx(register: Register) -> bytes:
    """A workbook with one sheet: bold, frozen header row, filters, wrapped text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(list(HEADERS))
    for row in register_rows(register):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.columns:
        letter = column[0].column_letter
        sheet.column_dimensions[letter].width = 12 if letter == "A" else 40
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    workbook.properties.title = f"Verwerkingsregister {register.organisation.name}"
    workbook.properties.creator = "waarborg"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
