"""Cases for the legal-basis checks (Art. 6, 7, 9, 13(1)(c)/(d))."""

from tests.check.registers import Case, add, both, put

CONTACT_FORM = {
    "id": "contact",
    "title": "Contactformulier",
    "purposes": ["customer-contact"],
    "data_categories": ["email", "naw"],
    "legal_basis": "consent",
    "retention": "question-answered + 3 months",
}
LOCATION = {
    "id": "location",
    "title": "Locatie",
    "purposes": ["location-services"],
    "data_categories": ["location"],
    "legal_basis": "consent",
    "retention": "collected + 1 day",
    "consent": {"method": "pre-ticked", "withdraw": ["account"]},
}

CASES = [
    Case(
        "basis.unstated",
        "activities[orders].legal_basis",
        trigger=put("activities", "orders", "legal_basis", value="unstated"),
        near_miss=put("activities", "orders", "legal_basis", value={"basis": "contract"}),
    ),
    Case(
        "basis.global-list",
        "global_legal_bases",
        trigger=put("global_legal_bases", value=["contract", "legal-obligation"]),
        near_miss=put("global_legal_bases", value=[]),
    ),
    Case(
        "basis.consent-for-contract",
        "activities[orders].legal_basis",
        trigger=put("activities", "orders", "legal_basis", value="consent"),
        near_miss=add("activities", item=CONTACT_FORM),
    ),
    Case(
        "basis.consent-for-contract",
        "activities[invoicing].legal_basis",
        trigger=put("activities", "invoicing", "legal_basis", value="consent"),
        near_miss=put("activities", "statistics", "legal_basis", value="consent"),
    ),
    Case(
        "basis.obligation-for-contract",
        "activities[orders].legal_basis",
        trigger=put("activities", "orders", "legal_basis", value="legal-obligation"),
        near_miss=both(
            put("activities", "orders", "legal_basis", value="legal-obligation"),
            add("activities", "orders", "purposes", item="invoicing"),
        ),
    ),
    Case(
        "basis.interest-unstated",
        "activities[statistics].legal_basis",
        trigger=put("activities", "statistics", "legal_basis", value="legitimate-interest"),
        near_miss=put(
            "activities",
            "statistics",
            "legal_basis",
            value={"basis": "legitimate-interest", "interest": "bezoek tellen"},
        ),
    ),
    Case(
        "basis.special-category-ground",
        "activities[orders].legal_basis",
        trigger=add("activities", "orders", "data_categories", item="health"),
        near_miss=both(
            add("activities", "orders", "data_categories", item="health"),
            put(
                "activities",
                "orders",
                "legal_basis",
                value={"basis": "contract", "special_category_ground": "explicit-consent"},
            ),
        ),
    ),
    Case(
        "basis.invalid-consent",
        "activities[location].consent.method",
        trigger=add("activities", item=LOCATION),
        # In e-mail marketing the same flaw is reported as marketing.no-opt-in.
        near_miss=put("activities", "newsletter", "consent", "method", value="pre-ticked"),
    ),
]
