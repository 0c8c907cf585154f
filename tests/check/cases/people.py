"""Cases for Breyer, profiling and minimisation: what a statement says about people."""

from tests.check.registers import Case, add, both, put

EXPLAINED = {
    "combines_data": True,
    "logic": "we combineren de bezochte pagina's per bezoeker",
    "consequences": "u ziet vaker pagina's over diensten die u eerder bekeek",
}

CASES = [
    Case(
        "breyer.not-personal",
        "activities[statistics].claimed_not_personal",
        trigger=put("activities", "statistics", "claimed_not_personal", value=["ip-address"]),
        near_miss=put("activities", "statistics", "claimed_not_personal", value=[]),
    ),
    Case(
        "breyer.not-personal-combined",
        "activities[statistics].claimed_not_personal",
        trigger=both(
            put("activities", "statistics", "claimed_not_personal", value=["ip-address"]),
            put("activities", "statistics", "profiling", value=EXPLAINED),
        ),
        near_miss=put("activities", "statistics", "claimed_not_personal", value=["ip-address"]),
    ),
    Case(
        "profiling.undeclared",
        "activities[statistics].purposes",
        trigger=add("activities", "statistics", "purposes", item="personalised-advertising"),
        near_miss=both(
            add("activities", "statistics", "purposes", item="personalised-advertising"),
            put("activities", "statistics", "profiling", value=EXPLAINED),
        ),
    ),
    Case(
        "profiling.no-explanation",
        "activities[statistics].profiling",
        trigger=put("activities", "statistics", "profiling", value={"combines_data": True}),
        near_miss=put("activities", "statistics", "profiling", value=EXPLAINED),
    ),
    Case(
        "profiling.automated-decision-info",
        "activities[statistics].profiling",
        trigger=put(
            "activities",
            "statistics",
            "profiling",
            value={**EXPLAINED, "automated_decisions": True},
        ),
        near_miss=put(
            "activities",
            "statistics",
            "profiling",
            value={
                **EXPLAINED,
                "automated_decisions": True,
                "significance": "u krijgt geen krediet",
            },
        ),
    ),
    Case(
        "minimisation.implausible-category",
        "activities[newsletter].data_categories",
        trigger=add("activities", "newsletter", "data_categories", item="gender"),
        # Profiling may use gender, so an activity that profiles is not reported.
        near_miss=both(
            add("activities", "statistics", "data_categories", item="gender"),
            add("activities", "statistics", "purposes", item="profiling"),
            put("activities", "statistics", "profiling", value=EXPLAINED),
        ),
    ),
]
