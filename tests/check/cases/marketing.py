"""Cases for the marketing checks (Telecommunicatiewet art. 11.7; Art. 7, 21)."""

from typing import Any

from tests.check.registers import Case, add, both, put

ALL_FIVE = {
    "obtained_with_sale": True,
    "same_legal_entity": True,
    "informed_at_collection": True,
    "opt_out_at_collection": True,
    "similar_products": True,
}


def offers(**extra: Any) -> dict[str, Any]:
    """A direct-marketing activity by e-mail, changed by ``extra``."""
    return {
        "id": "offers",
        "title": "Aanbiedingen",
        "purposes": ["direct-marketing"],
        "data_categories": ["email"],
        "legal_basis": {"basis": "legitimate-interest", "interest": "klanten informeren"},
        "retention": "until unsubscribed",
        "channels": [{"channel": "email", "opt_out": ["unsubscribe-link"]}],
        **extra,
    }


POST_ONLY = [{"channel": "post", "opt_out": []}]

CASES = [
    Case(
        "marketing.no-opt-in",
        "activities[newsletter].consent.method",
        trigger=put("activities", "newsletter", "consent", "method", value="automatic-enrolment"),
        near_miss=put(
            "activities",
            "newsletter",
            "consent",
            value={
                "method": "automatic-enrolment",
                "withdraw": ["unsubscribe-link"],
                "existing_customer_exception": ALL_FIVE,
            },
        ),
    ),
    Case(
        "marketing.opt-in-unstated",
        "activities[offers].consent",
        trigger=add("activities", item=offers()),
        near_miss=add("activities", item=offers(consent={"method": "opt-in"})),
    ),
    Case(
        "marketing.existing-customer-conditions",
        "activities[offers].consent.existing_customer_exception",
        trigger=add(
            "activities",
            item=offers(consent={"existing_customer_exception": {"obtained_with_sale": True}}),
        ),
        near_miss=add("activities", item=offers(consent={"existing_customer_exception": ALL_FIVE})),
    ),
    Case(
        "marketing.no-unsubscribe",
        "activities[newsletter]",
        trigger=put("activities", "newsletter", "consent", "withdraw", value=["account"]),
        near_miss=put(
            "activities", "newsletter", "consent", "withdraw", value=["account", "unsubscribe-link"]
        ),
    ),
    Case(
        "marketing.no-objection-route",
        "activities[offers].channels[0]",
        trigger=both(
            add("activities", item=offers(channels=POST_ONLY)),
            put("rights", "offered", value=["access", "complaint"]),
        ),
        near_miss=add("activities", item=offers(channels=POST_ONLY)),
    ),
]
