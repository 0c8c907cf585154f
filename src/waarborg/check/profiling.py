"""Profiling and automated decisions (Art. 4(4), 13(2)(f), 22; recital 60).

People must be told that they are profiled and what it means for them (recital 60);
where decisions are taken automatically with legal or similarly significant effect,
Art. 13(2)(f) requires the logic involved, its significance and its consequences.
"""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.check._core import Hit, check
from waarborg.check._facts import PROFILING_PURPOSES
from waarborg.check._words import labels, text
from waarborg.i18n import N_
from waarborg.register import Register


@check(
    "profiling.undeclared",
    severity="warning",
    reference=N_("GDPR Art. 4(4), 13(2)(f); recital 60"),
    source="GDPR Art. 4(4) (profiling), recital 60 (inform of the existence of profiling "
    "and its consequences); Article 29 WP Guidelines on automated decision-making and "
    "profiling (WP251rev.01)",
)
def undeclared(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        profiling_purposes = [p for p in activity.purposes if p in PROFILING_PURPOSES]
        if profiling_purposes and activity.profiling is None:
            yield Hit(
                ("activities", index, "purposes"),
                N_(
                    '"{activity}" serves {purposes}, which means building a picture of '
                    "people from their behaviour, but the statement does not say so."
                ),
                N_(
                    "Describe the profiling under profiling: what is combined, why, and what "
                    "it means for the person; ask consent where it relies on tracking."
                ),
                {
                    "activity": text(activity.title),
                    "purposes": labels(register, "purposes", profiling_purposes),
                },
            )


@check(
    "profiling.no-explanation",
    severity="warning",
    reference=N_("GDPR Art. 5(1)(a), 13(2)(f); recital 60"),
    source="GDPR recital 60 (inform of the existence of profiling and its consequences) "
    "and Art. 5(1)(a) (transparency); WP251rev.01",
)
def no_explanation(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        profiling = activity.profiling
        if profiling is None or profiling.automated_decisions:
            continue
        if profiling.logic is None or profiling.consequences is None:
            yield Hit(
                ("activities", index, "profiling"),
                N_(
                    '"{activity}" combines data to learn about people, but the statement '
                    "does not explain how (the logic) and what it means for them (the "
                    "consequences)."
                ),
                N_(
                    "Write profiling.logic (which data, combined how) and "
                    "profiling.consequences (what people see or get because of it)."
                ),
                {"activity": text(activity.title)},
            )


@check(
    "profiling.automated-decision-info",
    severity="error",
    reference=N_("GDPR Art. 13(2)(f), 22"),
    source="GDPR Art. 13(2)(f): for automated decision-making under Art. 22(1) and (4), "
    "meaningful information about the logic involved, its significance and the envisaged "
    "consequences",
)
def automated_decision_info(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        profiling = activity.profiling
        if profiling is None or not profiling.automated_decisions:
            continue
        if (
            profiling.logic is None
            or profiling.significance is None
            or (profiling.consequences is None)
        ):
            yield Hit(
                ("activities", index, "profiling"),
                N_(
                    '"{activity}" takes automated decisions about people without explaining '
                    "the logic, its significance and the consequences."
                ),
                N_(
                    "Fill in profiling.logic, profiling.significance and "
                    "profiling.consequences, and say how to get a human to look at a decision."
                ),
                {"activity": text(activity.title)},
            )
