"""The decision, case by case: one table per legal basis, then the cross-cutting rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from waarborg.decide import (
    REASON_CODES,
    ConsentState,
    ObjectionState,
    RestrictionState,
    SubjectState,
    compile_register,
    decide,
)
from waarborg.register import Register, load_register, parse_register

REGISTER = """
waarborg: 1
organisation: {name: Voorbeeld B.V., book_year: {month: 12, day: 31}}
statement: {version: "1", effective_date: 2026-01-01, languages: [nl]}
global_data_categories: [ip-address]
activities:
  - {id: newsletter, title: Nieuwsbrief, purposes: [newsletter], data_categories: [email],
     legal_basis: consent, retention: until unsubscribed}
  - {id: statistics, title: Statistieken, purposes: [analytics], data_categories: [behaviour],
     legal_basis: consent, retention: collected + 1 year}
  - {id: orders, title: Bestellingen, purposes: [order-handling],
     data_categories: [name, email, billing-address, order-details], legal_basis: contract,
     retention: {after: order-completed, keep: 7 years, count_from: end-of-book-year,
                 obligation: fiscal}}
  - {id: bookkeeping, title: Boekhouding, purposes: [invoicing],
     data_categories: [name, billing-address],
     legal_basis: {basis: legal-obligation, obligation: AWR art. 52},
     retention: {after: invoice-date, keep: 7 years, obligation: fiscal}}
  - {id: emergency, title: Nood, purposes: [customer-contact], data_categories: [phone],
     legal_basis: vital-interests, retention: question-answered + 1 month}
  - {id: registry, title: Register, purposes: [legal-compliance], data_categories: [name],
     legal_basis: public-task, retention: unstated}
  - {id: fraud, title: Fraude, purposes: [fraud-prevention], data_categories: [ip-address, name],
     legal_basis: {basis: legitimate-interest, interest: fraude voorkomen},
     retention: collected + 6 months}
  - {id: mailing, title: Reclame, purposes: [direct-marketing], data_categories: [email, name],
     legal_basis: {basis: legitimate-interest, interest: klanten informeren},
     retention: until unsubscribed}
  - {id: promotions, title: Acties, purposes: [advertising], data_categories: [email],
     legal_basis: consent, retention: unstated,
     channels: [{channel: email, opt_out: [unsubscribe-link]}]}
  - {id: mystery, title: Onbekend, purposes: [analytics], data_categories: [email],
     legal_basis: unstated, retention: unstated}
  - {id: care, title: Zorg, purposes: [customer-support], data_categories: [health, name],
     legal_basis: {basis: contract, special_category_ground: explicit-consent},
     retention: unstated}
  - {id: care-careless, title: Zorg2, purposes: [customer-support], data_categories: [health],
     legal_basis: contract, retention: unstated}
rights: {offered: [access]}
"""

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
BEFORE = NOW - timedelta(days=30)
LATER = NOW + timedelta(days=30)


@pytest.fixture(scope="module")
def register() -> Register:
    return parse_register(REGISTER, "test.yaml")


def given(at: datetime = BEFORE, expires: datetime | None = None) -> ConsentState:
    return ConsentState("given", at, None, expires)


def state(**kwargs: object) -> SubjectState:
    return SubjectState(ref="sub_" + "0" * 32, **kwargs)  # type: ignore[arg-type]


def objection(activity: str | None, status: str = "upheld", **kw: datetime) -> ObjectionState:
    return ObjectionState(activity, status, kw.get("start", BEFORE), kw.get("end"))


STRANGER = SubjectState()

# (activity, subject state, categories, expected reason codes); empty = allowed.
CONSENT_CASES = [
    ("newsletter", state(consents={"newsletter": given()}), ["email"], []),
    ("newsletter", STRANGER, ["email"], ["consent-missing"]),
    ("newsletter", state(consents={"orders": given()}), ["email"], ["consent-missing"]),
    ("newsletter", state(consents={"newsletter": given(LATER)}), ["email"], ["consent-missing"]),
    (
        "newsletter",
        state(consents={"newsletter": ConsentState("refused", None, BEFORE)}),
        ["email"],
        ["consent-refused"],
    ),
    (
        "newsletter",
        state(consents={"newsletter": ConsentState("withdrawn", BEFORE, BEFORE + timedelta(1))}),
        ["email"],
        ["consent-withdrawn"],
    ),
    (
        "newsletter",
        state(consents={"newsletter": ConsentState("withdrawn", BEFORE, LATER)}),
        ["email"],
        [],
    ),
    (
        "newsletter",
        state(consents={"newsletter": given(expires=NOW - timedelta(seconds=1))}),
        ["email"],
        ["consent-expired"],
    ),
    ("newsletter", state(consents={"newsletter": given(expires=LATER)}), ["email"], []),
    (
        "newsletter",
        state(consents={"newsletter": ConsentState("expired", BEFORE, BEFORE + timedelta(1))}),
        ["email"],
        ["consent-expired"],
    ),
    # An objection to a consent-based activity counts as withdrawing that consent.
    (
        "statistics",
        state(consents={"statistics": given()}, objections=(objection("statistics"),)),
        ["behaviour"],
        ["objection"],
    ),
    # Direct marketing by channel is absolute even when consent was given.
    (
        "promotions",
        state(consents={"promotions": given()}, objections=(objection(None, "pending"),)),
        ["email"],
        ["objection-direct-marketing"],
    ),
]

CONTRACT_CASES = [
    ("orders", STRANGER, ["name", "email"], []),
    ("orders", state(objections=(objection("orders"),)), ["name"], []),  # Art. 21 n/a
    ("orders", state(objections=(objection(None),)), ["name"], []),
    ("orders", STRANGER, ["name", "bank-account"], ["category-not-declared"]),
    ("orders", STRANGER, ["ip-address"], []),  # declared for every activity
    ("care", STRANGER, ["health"], []),  # Art. 9(2) ground stated
    ("care-careless", STRANGER, ["health"], ["special-category-without-ground"]),
]

LEGAL_OBLIGATION_CASES = [
    ("bookkeeping", STRANGER, ["name", "billing-address"], []),
    ("bookkeeping", state(objections=(objection("bookkeeping"),)), ["name"], []),
    ("bookkeeping", state(consents={"bookkeeping": ConsentState("refused")}), ["name"], []),
]

VITAL_INTERESTS_CASES = [
    ("emergency", STRANGER, ["phone"], []),
    ("emergency", state(objections=(objection(None),)), ["phone"], []),
]

PUBLIC_TASK_CASES = [
    ("registry", STRANGER, ["name"], []),
    ("registry", state(objections=(objection("registry", "pending"),)), ["name"], ["objection"]),
    ("registry", state(objections=(objection("registry", "overridden"),)), ["name"], []),
]

LEGITIMATE_INTEREST_CASES = [
    ("fraud", STRANGER, ["ip-address", "name"], []),
    ("fraud", state(objections=(objection("fraud", "pending"),)), ["name"], ["objection"]),
    ("fraud", state(objections=(objection("fraud", "upheld"),)), ["name"], ["objection"]),
    ("fraud", state(objections=(objection(None, "upheld"),)), ["name"], ["objection"]),
    # Compelling legitimate grounds demonstrated (Art. 21(1)): processing may go on.
    ("fraud", state(objections=(objection("fraud", "overridden"),)), ["name"], []),
    ("fraud", state(objections=(objection("orders", "upheld"),)), ["name"], []),
    ("fraud", state(objections=(objection("fraud", start=LATER),)), ["name"], []),
    ("fraud", state(objections=(objection("fraud", end=BEFORE + timedelta(1)),)), ["name"], []),
    ("mailing", STRANGER, ["email"], []),
    (
        "mailing",
        state(objections=(objection("mailing", "overridden"),)),
        ["email"],
        ["objection-direct-marketing"],
    ),
    (
        "mailing",
        state(objections=(objection(None, "pending"),)),
        ["email"],
        ["objection-direct-marketing"],
    ),
]

UNSTATED_CASES = [
    ("mystery", STRANGER, ["email"], ["basis-unstated"]),
    ("mystery", state(consents={"mystery": given()}), ["email"], ["basis-unstated"]),
    ("mystery", STRANGER, ["email", "phone"], ["basis-unstated", "category-not-declared"]),
    ("no-such-activity", STRANGER, ["email"], ["unknown-activity"]),
]

ALL_CASES = [
    pytest.param(*case, id=f"{group}-{i}-{case[0]}")
    for group, cases in (
        ("consent", CONSENT_CASES),
        ("contract", CONTRACT_CASES),
        ("legal-obligation", LEGAL_OBLIGATION_CASES),
        ("vital-interests", VITAL_INTERESTS_CASES),
        ("public-task", PUBLIC_TASK_CASES),
        ("legitimate-interest", LEGITIMATE_INTEREST_CASES),
        ("unstated", UNSTATED_CASES),
    )
    for i, case in enumerate(cases)
]


@pytest.mark.parametrize(("activity", "subject", "categories", "expected"), ALL_CASES)
def test_decision_table(
    register: Register,
    activity: str,
    subject: SubjectState,
    categories: list[str],
    expected: list[str],
) -> None:
    decision = decide(register, subject, activity, categories, NOW)
    assert list(decision.codes) == expected
    assert decision.allowed is (not expected)
    assert decision.categories == tuple(categories)


@pytest.mark.parametrize(
    ("restriction", "activity", "denied"),
    [
        (RestrictionState(None, "accuracy-contested", BEFORE), "orders", True),
        (RestrictionState("orders", "legal-claims", BEFORE), "orders", True),
        (RestrictionState("orders", "legal-claims", BEFORE), "fraud", False),
        (RestrictionState(None, "unlawful-processing", LATER), "orders", False),
        (
            RestrictionState(None, "objection-pending", BEFORE, BEFORE + timedelta(1)),
            "orders",
            False,
        ),
    ],
)
def test_restriction_stops_every_basis_while_it_lasts(
    register: Register, restriction: RestrictionState, activity: str, denied: bool
) -> None:
    decision = decide(register, state(restrictions=(restriction,)), activity, ["name"], NOW)
    assert ("restricted" in decision.codes) is denied
    if denied:
        reason = decision.reasons[decision.codes.index("restricted")]
        assert reason.article == "Art. 18(2)" and reason.params["ground"] == restriction.ground


def test_fiscal_retention_counts_from_the_end_of_the_book_year(register: Register) -> None:
    completed = state(anchors={"order-completed": date(2019, 3, 1)})
    # End of book year 2019, plus seven years: kept up to and including 31 December 2026.
    last_day = datetime(2026, 12, 31, 22, 59, tzinfo=UTC)  # 23:59 in Amsterdam
    decision = decide(register, completed, "orders", ["name"], last_day)
    assert decision.allowed and decision.keep_until == date(2026, 12, 31)
    next_day = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # already 1 January in Amsterdam
    decision = decide(register, completed, "orders", ["name"], next_day)
    assert decision.codes == ("retention-expired",)
    assert decision.reasons[0].params["keep_until"] == date(2026, 12, 31)


def test_open_ended_retention_expires_the_day_after_the_event(register: Register) -> None:
    unsubscribed = state(consents={"mailing": given()}, anchors={"unsubscribed": date(2026, 5, 31)})
    assert decide(register, unsubscribed, "mailing", ["email"], NOW).codes == ("retention-expired",)
    on_the_day = datetime(2026, 5, 31, 12, tzinfo=UTC)
    assert decide(register, unsubscribed, "mailing", ["email"], on_the_day).allowed


def test_without_the_anchor_event_retention_keeps_running(register: Register) -> None:
    other = state(anchors={"account-closed": date(2000, 1, 1)})
    assert decide(register, other, "orders", ["name"], NOW).allowed


def test_every_reason_is_reported_at_once(register: Register) -> None:
    subject = state(
        restrictions=(RestrictionState(None, "legal-claims", BEFORE),),
        objections=(objection("mailing"),),
        anchors={"unsubscribed": date(2020, 1, 1)},
    )
    decision = decide(register, subject, "mailing", ["email", "health"], NOW)
    assert set(decision.codes) == {
        "objection-direct-marketing",
        "restricted",
        "category-not-declared",
        "special-category-without-ground",
        "retention-expired",
    }


def test_reasons_read_in_dutch_and_english(register: Register) -> None:
    decision = decide(register, STRANGER, "orders", ["bank-account", "bsn"], NOW)
    (reason,) = decision.reasons
    assert reason.message("en") == "not declared for this activity: bank-account, bsn"
    assert reason.message("nl") == "niet opgegeven voor deze verwerking: bank-account, bsn"
    assert set(REASON_CODES) >= set(decision.codes)


def test_the_weservit_register_denies_what_its_statement_never_grounded(
    examples_dir: object,
) -> None:
    weservit = load_register(f"{examples_dir}/weservit/register.yaml")
    compiled = compile_register(weservit)
    assert compile_register(weservit) is compiled
    assert decide(compiled, STRANGER, "newsletter", ["email"], NOW).codes == ("basis-unstated",)
    assert decide(compiled, STRANGER, "order-handling", ["email"], NOW).codes == (
        "consent-missing",
    )


def test_default_time_is_now(register: Register) -> None:
    expired = state(consents={"newsletter": given(expires=datetime.now(UTC) - timedelta(1))})
    assert decide(register, expired, "newsletter", ["email"]).codes == ("consent-expired",)
