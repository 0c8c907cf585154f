"""Cases for the rights and verification checks (Art. 12, 13(2)(b)-(d), 15-21; AP)."""

from tests.check.registers import Case, both, drop, put, remove

SHIELDED = {"required": True, "shielded": True, "shielded_fields": ["photo", "bsn"]}

CASES = [
    Case(
        "rights.incomplete",
        "rights.offered",
        trigger=both(
            remove("rights", "offered", item="restriction"),
            remove("rights", "offered", item="portability"),
        ),
        near_miss=remove("rights", "offered", item="complaint"),
    ),
    Case(
        "rights.no-withdraw-consent",
        "rights.offered",
        trigger=remove("rights", "offered", item="withdraw-consent"),
        near_miss=both(
            remove("rights", "offered", item="withdraw-consent"),
            drop("activities", 2),  # the newsletter, the only activity resting on consent
        ),
    ),
    Case(
        "rights.no-complaint",
        "rights.offered",
        trigger=remove("rights", "offered", item="complaint"),
        near_miss=remove("rights", "offered", item="restriction"),
    ),
    Case(
        "rights.response-term-too-long",
        "rights.response_term",
        trigger=put("rights", "response_term", value="6 weeks"),
        near_miss=put("rights", "response_term", value="4 weeks"),
    ),
    Case(
        "rights.response-term-too-long",
        "rights.response_term",
        trigger=put("rights", "response_term", value="1 month 2 weeks"),
        near_miss=drop("rights", "response_term"),
    ),
    Case(
        "rights.response-term-in-days",
        "rights.response_term",
        trigger=put("rights", "response_term", value="30 days"),
        near_miss=put("rights", "response_term", value="28 days"),
    ),
    Case(
        "rights.erasure-outdated-only",
        "rights.erasure_scope",
        trigger=put("rights", "erasure_scope", value="outdated"),
        near_miss=put("rights", "erasure_scope", value="all"),
    ),
    Case(
        "verification.id-copy-required",
        "rights.verification.id_copy.required",
        trigger=put("rights", "verification", "id_copy", value=SHIELDED),
        near_miss=both(
            put("rights", "verification", "methods", value=["known-email", "id-copy"]),
            put("rights", "verification", "id_copy", value={**SHIELDED, "required": False}),
        ),
    ),
    Case(
        "verification.id-copy-unshielded",
        "rights.verification.id_copy.shielded",
        trigger=both(
            put("rights", "verification", "methods", value=["known-email", "id-copy"]),
            put("rights", "verification", "id_copy", value={"shielded": False}),
        ),
        near_miss=put("rights", "verification", "id_copy", value={"shielded": False}),
    ),
]
