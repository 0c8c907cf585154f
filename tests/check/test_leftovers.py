"""Template leftovers are found in every text a person may read, wherever it sits."""

from __future__ import annotations

import pytest

from tests.check.registers import Change, changed, findings, found, put

PLACEHOLDER = "Neem contact op met [BEDRIJFSNAAM]."

PLACES: list[tuple[str, Change]] = [
    ("statement.intro", put("statement", "intro", value=PLACEHOLDER)),
    ("organisation.name", put("organisation", "name", value="[BEDRIJFSNAAM] B.V.")),
    ("cookies[ga].purpose", put("cookies", "ga", "purpose", value=PLACEHOLDER)),
    (
        "activities[orders].retention.note",
        put(
            "activities",
            "orders",
            "retention",
            value={"after": "order-completed", "keep": "3 months", "note": PLACEHOLDER},
        ),
    ),
    (
        "rights.verification.description",
        put("rights", "verification", "description", value=PLACEHOLDER),
    ),
    (
        "activities[statistics].legal_basis.interest",
        put("activities", "statistics", "legal_basis", "interest", value=PLACEHOLDER),
    ),
]


@pytest.mark.parametrize(("path", "change"), PLACES, ids=[p for p, _ in PLACES])
def test_placeholder_is_found_wherever_it_is(path: str, change: Change) -> None:
    assert ("leftovers.placeholder", path) in found(changed(change))


def test_a_text_is_reported_once_for_both_languages() -> None:
    both = {"nl": "VOORBEELD: [AANBIEDER] host onze site.", "en": "EXAMPLE: [PROVIDER] hosts it."}
    data = changed(put("parties", "mollie", "description", value=both))
    hits = [f for f in findings(data) if f.check == "leftovers.placeholder"]
    assert [f.path for f in hits] == ["parties[mollie].description"]
    assert hits[0].message("en") == (
        "This text still contains template placeholders: "
        "[AANBIEDER], [PROVIDER], VOORBEELD:, EXAMPLE:."
    )
