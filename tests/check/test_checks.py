"""Every check fires on a register that breaks its rule and stays quiet on a near miss."""

from __future__ import annotations

import pytest

from tests.check.cases import (
    basis,
    cookies,
    identity,
    leftovers,
    marketing,
    people,
    recipients,
    retention,
    rights,
)
from tests.check.registers import Case, changed, clean, findings, found
from waarborg.check import SEVERITIES, all_checks

CASES: list[Case] = [
    *identity.CASES,
    *basis.CASES,
    *recipients.CASES,
    *retention.CASES,
    *rights.CASES,
    *marketing.CASES,
    *cookies.CASES,
    *people.CASES,
    *leftovers.CASES,
]


def test_a_lawful_register_has_no_findings() -> None:
    assert findings(clean()) == []


@pytest.mark.parametrize("case", CASES, ids=str)
def test_check_reports_what_breaks_its_rule(case: Case) -> None:
    assert (case.check, case.path) in found(changed(case.trigger))


@pytest.mark.parametrize("case", CASES, ids=str)
def test_check_stays_quiet_on_a_near_miss(case: Case) -> None:
    assert case.check not in {check for check, _ in found(changed(case.near_miss))}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_finding_reads_in_dutch_and_english(case: Case) -> None:
    finding = next(f for f in findings(changed(case.trigger)) if f.check == case.check)
    for lang in ("nl", "en"):
        assert "{" not in finding.message(lang) + finding.fix(lang)
        assert finding.reference_text(lang)
    assert finding.message("nl") != finding.message("en")
    assert finding.fix("nl") != finding.fix("en")


def test_every_check_has_a_case() -> None:
    untested = {c.id for c in all_checks()} - {case.check for case in CASES}
    assert not untested, f"add trigger and near-miss cases for {sorted(untested)}"


@pytest.mark.parametrize("check", all_checks(), ids=lambda c: c.id)
def test_check_metadata_names_its_law(check: object) -> None:
    from waarborg.check import Check

    assert isinstance(check, Check)
    assert check.severity in SEVERITIES
    assert check.reference.strip() and check.source.strip()
    module = check.function.__module__.rsplit(".", 1)[-1]
    assert check.area == module, f"{check.id} lives in check/{module}.py"
