"""Cases for the recipient and transfer checks (Art. 13(1)(e)/(f), 28, 44-49)."""

from tests.check.registers import Case, both, drop, put

OWN_PURPOSES = "Mollie gebruikt uw gegevens ook om haar eigen diensten te verbeteren."

CASES = [
    Case(
        "recipients.missing",
        "activities[orders].recipients",
        trigger=put("activities", "orders", "recipients", value=["postnl"]),
        near_miss=both(
            put("activities", "orders", "recipients", value=["postnl"]),
            put("activities", "orders", "purposes", value=["order-handling", "delivery"]),
        ),
    ),
    Case(
        "recipients.no-processor-agreement",
        "parties[mollie].processor_agreement",
        trigger=put("parties", "mollie", "processor_agreement", value=False),
        # A statement that is silent about the agreement proves nothing either way.
        near_miss=drop("parties", "mollie", "processor_agreement"),
    ),
    Case(
        "recipients.transfer-without-safeguard",
        "parties[google].transfer_safeguard",
        trigger=drop("parties", "google", "transfer_safeguard"),
        near_miss=both(
            drop("parties", "google", "transfer_safeguard"),
            put("parties", "google", "country", value="IE"),
        ),
    ),
    Case(
        "recipients.processor-own-purposes",
        "parties[mollie].own_purposes",
        trigger=put("parties", "mollie", "own_purposes", value=OWN_PURPOSES),
        near_miss=put("parties", "postnl", "own_purposes", value=OWN_PURPOSES),
    ),
    Case(
        "recipients.cookie-provider-unlisted",
        "cookies[ga].provider",
        trigger=put("activities", "statistics", "recipients", value=[]),
        near_miss=both(
            put("activities", "statistics", "recipients", value=[]),
            put("cookies", "ga", "provider", value="first-party"),
        ),
    ),
]
