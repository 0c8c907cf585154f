"""Acceptance for the five reference customers.

The expectations below were written from reading each seed statement
(``../shared/seeds/<company>.txt``), activity by activity, independently of the
example registers: which data categories, which legal basis, how long. The tests
check that the register encodes exactly that, and that the Dutch statement rendered
from it says it again. Seeds that are legally wrong (consent for an order, no basis
at all, "until we are sure you are satisfied") are expected as they are: the checker
reports them, the register must not hide them.
"""

from __future__ import annotations

import pytest

from tests.statement.helpers import example, fact, section_text
from waarborg.register import Activity, Duration, Register
from waarborg.statement import render_statement

# Retention: (anchor or "*" when the seed names none, [periods]); "unstated" when absent.
Retention = tuple[str, list[str]] | str
# activity id → (data categories, legal basis, retention)
Expected = dict[str, tuple[set[str], str, Retention]]

SEEDS: dict[str, Expected] = {
    "weservit": {
        "order-handling": (
            {"payment-details", "naw", "ip-address", "email", "phone", "billing-address"},
            "consent",
            ("order-completed", ["7 years"]),
        ),
        "portal-access": (
            {"naw", "billing-address", "ip-address", "phone", "email"},
            "consent",
            ("service-ended", []),
        ),
        "statistics-and-profiling": (
            {
                "ip-address",
                "location",
                "device",
                "behaviour",
                "age",
                "interests",
                "visit-frequency",
                "browser",
                "channel",
                "conversion",
                "gender",
            },
            "consent",
            ("collected", ["1 year"]),
        ),
        "subscription": (
            {"billing-address", "phone", "payment-details", "email", "naw", "ip-address"},
            "consent",
            ("subscription-ended", ["7 years"]),
        ),
        "contact-form": (
            {"email", "ip-address", "phone", "naw"},
            "consent",
            ("customer-satisfied", []),
        ),
        "newsletter": ({"email"}, "unstated", ("unsubscribed", [])),
        "account": (
            {"naw", "phone", "email", "ip-address", "billing-address"},
            "consent",
            ("account-closed", []),
        ),
        "direct-marketing": (set(), "unstated", "unstated"),
        "location": ({"location"}, "consent", "unstated"),
        "advertisements": (set(), "unstated", "unstated"),
        "social-media-buttons": (set(), "unstated", "unstated"),
    },
    # Webence lists its data once for all purposes; "niet langer dan 7 jaar" for
    # customers and "maximaal 1 jaar" for the rest, without saying from when.
    "webence": {
        "customer-administration": (set(), "unstated", ("*", ["7 years"])),
        "payments": (set(), "unstated", ("*", ["7 years"])),
        "invoicing": (set(), "unstated", ("*", ["7 years"])),
        "service-contact": (set(), "unstated", ("*", ["7 years"])),
        "service-notifications": (set(), "unstated", ("*", ["7 years"])),
        "newsletter": (set(), "unstated", ("*", ["1 year"])),
        "questions-and-quotes": (set(), "unstated", ("*", ["1 year"])),
        "website-visits": (
            {"ip-address", "website-activity", "browser-and-device"},
            "unstated",
            ("*", ["1 year"]),
        ),
    },
    # IT Services Best names no legal basis except consent for later contact; it keeps
    # data "zolang u cliënt van ons bent", invoices for the statutory term.
    "itsb": {
        "web-shop": (set(), "unstated", ("client-relationship-ended", [])),
        "payments": (
            {"naw", "payment-details", "bank-account", "payment-card"},
            "unstated",
            ("client-relationship-ended", []),
        ),
        "delivery": ({"naw"}, "unstated", ("client-relationship-ended", [])),
        "bookkeeping": ({"naw", "order-details"}, "unstated", ("invoice-date", ["7 years"])),
        "email": ({"email", "correspondence"}, "unstated", ("client-relationship-ended", [])),
        "hosting": (set(), "unstated", "unstated"),
        "later-contact": (set(), "consent", ("client-relationship-ended", [])),
        "automatically-collected": (
            {"ip-address", "browser", "operating-system"},
            "unstated",
            "unstated",
        ),
    },
    "twentenet": {
        "order-handling": (
            {"naw", "ip-address", "email", "billing-address"},
            "legal-obligation",
            ("order-completed", ["7 years"]),
        ),
        "portal-access": ({"ip-address", "email"}, "contract", ("service-ended", [])),
        "subscription": (
            {"billing-address", "phone", "email", "naw", "ip-address"},
            "legal-obligation",
            ("subscription-ended", ["7 years"]),
        ),
        "account": (
            {"naw", "phone", "email", "ip-address", "billing-address", "payment-details", "gender"},
            "contract",
            ("account-closed", []),
        ),
        "direct-marketing": (set(), "unstated", "unstated"),
    },
    "ibpix": {
        "order-handling": (
            {"payment-details", "naw", "email", "phone", "billing-address"},
            "contract",
            ("order-completed", ["6 months", "7 years"]),
        ),
        "portal-access": ({"naw", "email"}, "contract", ("service-ended", [])),
        "subscription": (
            {"billing-address", "phone", "payment-details", "email", "naw"},
            "contract",
            ("subscription-ended", ["7 years"]),
        ),
        "contact-form": (
            {"email", "phone", "naw"},
            "contract",
            ("customer-satisfied", ["3 months"]),
        ),
        "newsletter": ({"email"}, "consent", ("unsubscribed", [])),
        "account": (
            {"naw", "phone", "email", "billing-address", "payment-details"},
            "contract",
            ("account-closed", ["3 months"]),
        ),
        "direct-marketing": (set(), "unstated", "unstated"),
        "location": ({"location"}, "consent", "unstated"),
        "social-media-buttons": (set(), "unstated", "unstated"),
        "website-statistics": ({"ip-address", "website-activity"}, "consent", "unstated"),
    },
}
# Webence's one list of data for every purpose.
WEBENCE_DATA = {
    "name",
    "gender",
    "address",
    "phone",
    "email",
    "ip-address",
    "correspondence",
    "website-activity",
    "browser-and-device",
    "bank-account",
    "paypal-details",
}

# How the Dutch statement words each basis (the seeds' own words, or "not recorded").
BASIS_WORDS = {
    "consent": "Wij doen dit met uw toestemming",
    "contract": "om de overeenkomst met u te sluiten of uit te voeren",
    "legal-obligation": "Wij zijn wettelijk verplicht deze gegevens te verwerken",
    "unstated": "is niet vastgelegd",
}
DUTCH_NUMBERS = {1: "één", 3: "drie", 6: "zes", 7: "zeven"}
DUTCH_UNITS = {"years": "jaar", "months": "maanden"}

CASES = [(company, activity) for company, expected in SEEDS.items() for activity in expected]


def _activity(register: Register, activity_id: str) -> Activity:
    return register.activity(activity_id)


@pytest.mark.parametrize("company", SEEDS)
def test_register_has_the_seeds_activities(company: str) -> None:
    assert [a.id for a in example(company).activities] == list(SEEDS[company])


@pytest.mark.parametrize(("company", "activity_id"), CASES)
def test_register_encodes_what_the_seed_says(company: str, activity_id: str) -> None:
    categories, basis, retention = SEEDS[company][activity_id]
    activity = _activity(example(company), activity_id)
    assert set(activity.data_categories) == categories
    assert activity.basis == basis
    rule = activity.retention
    if retention == "unstated":
        assert not rule.stated
        return
    anchor, periods = retention
    assert rule.stated
    if anchor != "*":
        assert rule.after == anchor
    kept = [stage.keep for stage in rule.stages() if not stage.keep.is_zero]
    assert kept == [Duration.model_validate(period) for period in periods]


def test_webence_lists_its_data_once() -> None:
    assert set(example("webence").global_data_categories) == WEBENCE_DATA


@pytest.mark.parametrize(("company", "activity_id"), CASES)
def test_dutch_statement_states_data_basis_and_retention(company: str, activity_id: str) -> None:
    register = example(company)
    html = render_statement(register, "nl", "html").body
    section = f"activity-{activity_id}"
    categories, basis, retention = SEEDS[company][activity_id]
    shown = fact(html, section, "Gegevens")
    for category in categories:
        assert register.vocabulary.label("data_categories", category, "nl") in shown
    if company == "webence":
        overview = section_text(html, "processing")
        for category in WEBENCE_DATA:
            assert register.vocabulary.label("data_categories", category, "nl") in overview
    assert BASIS_WORDS[basis] in fact(html, section, "Grondslag")
    said = fact(html, section, "Bewaartermijn")
    if retention == "unstated":
        assert said == "Hoe lang wij deze gegevens bewaren, is niet vastgelegd."
        return
    anchor, periods = retention
    for period in periods:
        duration = Duration.model_validate(period)
        amount, unit = next(
            (n, u) for n, u in ((duration.years, "years"), (duration.months, "months")) if n
        )
        assert f"{DUTCH_NUMBERS[amount]} {DUTCH_UNITS[unit]}" in said
    rule_anchor = anchor if anchor != "*" else _activity(register, activity_id).retention.after
    phrase = register.vocabulary.term("retention_anchors", str(rule_anchor)).phrase
    assert phrase is not None and phrase.get("nl") in said
