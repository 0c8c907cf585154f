"""The draft renders and checks, and what the checker says is the statement's fault, not
the importer's: on every scored statement, the checks that fire on the draft also fire
on the hand-written register."""

from __future__ import annotations

from pathlib import Path

import pytest
from tools.import_scores import cases, statement_file

from waarborg.check import run_checks
from waarborg.importer import import_statement, render_report
from waarborg.register import load_register
from waarborg.statement import render_statement

CASES = cases()

# The same defect, seen from the other side: Webence says analytics cookies are used and
# that people can opt out in their browser. The hand-written register records the cookies
# as exempt from consent (the checker asks why); the draft records that they need consent
# (the checker says browser settings are no valid consent). Both point at one gap.
SAME_DEFECT = {"webence": {"cookies.invalid-consent-mechanism"}}


@pytest.mark.parametrize(
    ("name", "statement", "expected"),
    [(n, s, e) for _, n, s, e in CASES],
    ids=[n for _, n, _, _ in CASES],
)
def test_draft_renders_and_its_findings_are_the_statements_own(
    name: str, statement: Path, expected: Path, shared_dir: Path, tmp_path: Path
) -> None:
    result = import_statement(statement_file(statement, tmp_path))
    for fmt in ("html", "md"):
        assert render_statement(result.register, "nl", fmt)
    assert result.findings is not None
    draft_checks = {f.check for f in result.findings}
    example_checks = {f.check for f in run_checks(load_register(expected))}
    assert draft_checks - example_checks <= SAME_DEFECT.get(name, set())


def test_findings_point_at_the_written_draft_and_appear_in_the_report(
    shared_dir: Path,
) -> None:
    result = import_statement(shared_dir / "seeds" / "ibpix.txt", register_file="concept.yaml")
    assert result.findings
    masked = next(f for f in result.findings if f.check == "cookies.analytics-ip-not-masked")
    assert masked.location is not None and masked.location.startswith("concept.yaml:")
    line = int(masked.location.split(":")[1])
    assert "ip_masking: false" in result.yaml.splitlines()[line - 1]
    report = render_report(result, "en")
    assert "`cookies.analytics-ip-not-masked` (concept.yaml:" in report


def test_empty_headings_become_sections_the_checker_flags(shared_dir: Path) -> None:
    result = import_statement(shared_dir / "seeds" / "itsb.txt")
    titles = [s.title.nl for s in result.register.statement.sections]
    assert titles == ["Beoordelingen", "Externe verkoopkanalen"]
    assert "leftovers.empty-section" in {f.check for f in (result.findings or [])}
    assert result.register.organisation.privacy_contact is not None
    assert result.register.organisation.privacy_contact.name == "Mylène Mooijman"


def test_a_processor_using_data_for_itself_is_recorded(shared_dir: Path) -> None:
    register = import_statement(shared_dir / "seeds" / "itsb.txt", run_checker=False).register
    mollie = next(p for p in register.parties if p.name.nl == "Mollie")
    assert mollie.own_purposes is not None
    assert (mollie.own_purposes.nl or "").startswith("Mollie behoudt zich het recht voor")


def test_a_purpose_the_lexicon_does_not_know_is_added_under_taxonomy_and_marked() -> None:
    result = import_statement(
        "Privacyverklaring Test\n\nFoto's op de website\n\nTijdens toernooien maken we foto's. "
        "Dit doen we alleen met jouw toestemming. Foto's bewaren we tot je je toestemming "
        "intrekt.\n",
        run_checker=False,
    )
    activity = result.register.activities[0]
    assert activity.purposes == ["foto-s-op-de-website-purpose"]
    assert activity.data_categories == ["photo"]
    assert activity.retention.short() == "until consent-withdrawn"
    assert result.register.vocabulary.label("purposes", activity.purposes[0], "nl") == (
        "foto's op de website"
    )
    assert "- foto-s-op-de-website-purpose  # ⚠ CHECK 0.30" in result.yaml
