"""Cases for the cookie checks (Telecommunicatiewet art. 11.7a; AP guidance)."""

from tests.check.registers import Case, add, both, put

PIXEL = {
    "id": "pixel",
    "name": "_fbp",
    "category": "marketing",
    "purpose": "advertenties meten",
    "duration": "3 months",
    "consent_required": False,
}
COUNTER = {
    "id": "counter",
    "name": "_pk_id.*",
    "category": "analytics",
    "purpose": "bezoek tellen",
    "duration": "13 months",
    "consent_required": False,
}

CASES = [
    Case(
        "cookies.tracking-without-consent",
        "cookies[pixel].consent_required",
        trigger=add("cookies", item=PIXEL),
        near_miss=add("cookies", item={**PIXEL, "consent_required": True}),
    ),
    Case(
        "cookies.invalid-consent-mechanism",
        "cookie_policy.consent_mechanism",
        trigger=both(
            put("cookies", "ga", "consent_required", value=True),
            put("cookie_policy", "consent_mechanism", value="continued-use"),
        ),
        # Only cookies that need consent make the mechanism matter.
        near_miss=put("cookie_policy", "consent_mechanism", value="continued-use"),
    ),
    Case(
        "cookies.invalid-consent-mechanism",
        "cookie_policy.consent_mechanism",
        trigger=both(
            add("cookies", item={**PIXEL, "consent_required": True}),
            put("cookie_policy", "consent_mechanism", value="browser-settings"),
        ),
        near_miss=add("cookies", item={**PIXEL, "consent_required": True}),
    ),
    Case(
        "cookies.analytics-not-privacy-friendly",
        "cookies[ga].analytics",
        trigger=put("cookies", "ga", "analytics", "ip_masking", value=False),
        near_miss=both(
            put("cookies", "ga", "analytics", "ip_masking", value=False),
            put("cookies", "ga", "consent_required", value=True),
        ),
    ),
    Case(
        "cookies.analytics-not-privacy-friendly",
        "cookies[ga].analytics",
        trigger=put("cookies", "ga", "analytics", value={"ip_masking": True}),
        near_miss=put("cookies", "ga", "service", value="Google Analytics 4"),
    ),
    Case(
        "cookies.analytics-ip-not-masked",
        "cookies[ga].analytics.ip_masking",
        trigger=both(
            put("cookies", "ga", "analytics", "ip_masking", value=False),
            put("cookies", "ga", "consent_required", value=True),
        ),
        near_miss=both(
            put("cookies", "ga", "analytics", "ip_masking", value=None),
            put("cookies", "ga", "consent_required", value=True),
        ),
    ),
    Case(
        "cookies.analytics-exemption-unexplained",
        "cookies[counter].consent_required",
        trigger=add("cookies", item=COUNTER),
        near_miss=add(
            "cookies", item={**COUNTER, "no_consent_reason": "eigen server, alleen tellen"}
        ),
    ),
]
