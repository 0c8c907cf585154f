"""Cases for the identity checks (Art. 13(1)(a)/(b), 37)."""

from tests.check.registers import Case, add, both, drop, put

CONTACT = {"kind": "email", "address": "hostwerk@gmail.com"}

CASES = [
    Case(
        "identity.no-address",
        "organisation.address",
        trigger=drop("organisation", "address"),
        near_miss=drop("organisation", "address", "postcode"),
    ),
    Case(
        "identity.no-coc-number",
        "organisation.coc_number",
        trigger=drop("organisation", "coc_number"),
        near_miss=put("organisation", "coc_number", value="69599084"),
    ),
    Case(
        "identity.webmail-only",
        "organisation.email",
        trigger=both(
            put("organisation", "email", value="hostwerk@gmail.com"),
            put("rights", "channels", value=[CONTACT]),
        ),
        near_miss=put("organisation", "email", value="hostwerk@gmail.com"),
    ),
    Case(
        "identity.dpo-missing",
        "activities[statistics].large_scale",
        trigger=put("activities", "statistics", "large_scale", value=True),
        near_miss=put("activities", "orders", "large_scale", value=True),
    ),
    Case(
        "identity.dpo-no-contact",
        "organisation.dpo",
        trigger=put("organisation", "dpo", value={"name": "A. de Vries"}),
        near_miss=put(
            "organisation", "dpo", value={"name": "A. de Vries", "email": "fg@hostwerk.nl"}
        ),
    ),
]

# Large-scale special categories also need a DPO; with one named, no finding.
DPO_CASES = [
    Case(
        "identity.dpo-missing",
        "activities[orders].large_scale",
        trigger=both(
            put("activities", "orders", "large_scale", value=True),
            add("activities", "orders", "data_categories", item="health"),
        ),
        near_miss=both(
            put("activities", "statistics", "large_scale", value=True),
            put("organisation", "dpo", value={"name": "A. de Vries", "email": "fg@hostwerk.nl"}),
        ),
    ),
]
CASES += DPO_CASES
