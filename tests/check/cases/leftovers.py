"""Cases for template leftovers: placeholders, sample data, empty sections, duplicates."""

from tests.check.registers import Case, add, put

SECTION = {"id": "reviews", "title": "Beoordelingen"}
SECOND_POSTNL = {
    "id": "postnl-parcels",
    "name": "PostNL",
    "role": "third-party",
    "kind": "delivery-service",
    "receives": ["naw", "phone"],
}

CASES = [
    Case(
        "leftovers.placeholder",
        "parties[mollie].description",
        trigger=put(
            "parties",
            "mollie",
            "description",
            value="VOORBEELD: Wij nemen diensten af van [AANBIEDER].",
        ),
        near_miss=put("parties", "mollie", "description", value="Voorbeeld: u betaalt met iDEAL."),
    ),
    Case(
        "leftovers.placeholder",
        "activities[orders].title",
        trigger=put("activities", "orders", "title", value="Bestellingen bij Winkelnaam"),
        near_miss=put("activities", "orders", "title", value="Bestellingen in de winkel"),
    ),
    Case(
        "leftovers.placeholder",
        "parties[mollie].description",
        trigger=put("parties", "mollie", "description", value="Gehost door AndersSiteground."),
        near_miss=put(
            "parties", "mollie", "description", value="Anders dan PostNL bezorgt Mollie niets."
        ),
    ),
    Case(
        "leftovers.sample-contact",
        "organisation.address.postcode",
        trigger=put("organisation", "address", "postcode", value="1234 AB"),
        near_miss=put("organisation", "address", "postcode", value="1235 AB"),
    ),
    Case(
        "leftovers.sample-contact",
        "organisation.phone",
        trigger=put("organisation", "phone", value="012-3456789"),
        near_miss=put("organisation", "phone", value="073 203 2100"),
    ),
    Case(
        "leftovers.sample-contact",
        "rights.channels[0].address",
        trigger=put("rights", "channels", 0, "address", value="privacy@voorbeeld.nl"),
        near_miss=put("rights", "channels", 0, "address", value="privacy@voorbeeldig.nl"),
    ),
    Case(
        "leftovers.empty-section",
        "statement.sections[reviews]",
        trigger=add("statement", "sections", item=SECTION),
        near_miss=add("statement", "sections", item={**SECTION, "text": "Wij tonen geen reviews."}),
    ),
    Case(
        "leftovers.duplicate-party",
        "parties[postnl-parcels].name",
        trigger=add("parties", item=SECOND_POSTNL),
        # The same facts twice is redundant, not contradictory.
        near_miss=add("parties", item={**SECOND_POSTNL, "receives": ["naw"]}),
    ),
]
