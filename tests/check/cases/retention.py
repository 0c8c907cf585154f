"""Cases for the retention checks (Art. 5(1)(e), 13(2)(a); AWR art. 52)."""

from tests.check.registers import Case, add, both, drop, put

FISCAL = {"keep": "7 years", "count_from": "end-of-book-year", "obligation": "fiscal"}
CONTACT = {
    "id": "contact",
    "title": "Contactformulier",
    "purposes": ["customer-contact"],
    "data_categories": ["email"],
    "legal_basis": {"basis": "legitimate-interest", "interest": "uw vraag beantwoorden"},
    "retention": "question-answered + 2 years",
}

CASES = [
    Case(
        "retention.unstated",
        "activities[orders].retention",
        trigger=put("activities", "orders", "retention", value="unstated"),
        near_miss=put("activities", "orders", "retention", value="until order-completed"),
    ),
    Case(
        "retention.vague",
        "activities[orders].retention",
        trigger=put("activities", "orders", "retention", value="until customer-satisfied"),
        near_miss=put("activities", "orders", "retention", value="request-resolved + 3 months"),
    ),
    Case(
        "retention.statutory-too-short",
        "activities[invoicing].retention",
        trigger=put("activities", "invoicing", "retention", "keep", value="5 years"),
        near_miss=put("activities", "invoicing", "retention", "keep", value="10 years"),
    ),
    Case(
        "retention.fiscal-not-from-book-year",
        "activities[invoicing].retention",
        trigger=drop("activities", "invoicing", "retention", "count_from"),
        near_miss=both(
            drop("activities", "invoicing", "retention", "count_from"),
            put("activities", "invoicing", "retention", "keep", value="8 years"),
        ),
    ),
    Case(
        "retention.fiscal-not-from-book-year",
        "activities[invoicing].retention.then",
        trigger=put(
            "activities",
            "invoicing",
            "retention",
            value={"after": "invoice-date", "then": {"keep": "7 years", "obligation": "fiscal"}},
        ),
        near_miss=put(
            "activities", "invoicing", "retention", value={"after": "invoice-date", "then": FISCAL}
        ),
    ),
    Case(
        "retention.stacked-periods",
        "activities[invoicing].retention",
        trigger=put(
            "activities",
            "invoicing",
            "retention",
            value={"after": "order-completed", "keep": "6 months", "then": FISCAL},
        ),
        near_miss=put(
            "activities",
            "invoicing",
            "retention",
            value={"after": "order-completed", "then": FISCAL},
        ),
    ),
    Case(
        "retention.fiscal-scope",
        "activities[invoicing].data_categories",
        trigger=add("activities", "invoicing", "data_categories", item="ip-address"),
        near_miss=add("activities", "invoicing", "data_categories", item="vat-number"),
    ),
    Case(
        "retention.longer-than-purpose",
        "activities[contact].retention",
        trigger=add("activities", item=CONTACT),
        near_miss=add("activities", item={**CONTACT, "retention": "question-answered + 6 months"}),
    ),
]
