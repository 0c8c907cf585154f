"""Data called "not personal" or "anonymous" that is personal (CJEU C-582/14 Breyer).

A dynamic IP address is personal data for a website operator that has legal means to
identify the person behind it (Breyer, 19 October 2016); browser and device data that
travel with it are too. A statement that says otherwise leaves them outside every
promise it makes. When the data is also combined or profiled, identification is the
very point.
"""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.check._core import Hit, Param, PathKey, check
from waarborg.check._facts import is_profiling
from waarborg.check._words import labels, text
from waarborg.i18n import N_
from waarborg.register import Register

_BREYER = (
    "CJEU 19 October 2016, C-582/14 Breyer (a dynamic IP address is personal data for a "
    "website operator with legal means to identify the person); GDPR Art. 4(1) and "
    "recital 30 (online identifiers)"
)


def _claims(register: Register, *, profiled: bool) -> Iterator[tuple[PathKey, dict[str, Param]]]:
    """Where an activity calls data not personal, split by whether it also profiles."""
    for index, activity in enumerate(register.activities):
        if activity.claimed_not_personal and is_profiling(activity) == profiled:
            claimed = labels(register, "data_categories", activity.claimed_not_personal)
            path = ("activities", index, "claimed_not_personal")
            yield path, {"activity": text(activity.title), "categories": claimed}


@check(
    "breyer.not-personal",
    severity="warning",
    reference=N_("GDPR Art. 4(1); CJEU C-582/14 Breyer"),
    source=_BREYER,
)
def not_personal(register: Register) -> Iterator[Hit]:
    for path, params in _claims(register, profiled=False):
        yield Hit(
            path,
            N_(
                '"{activity}" calls {categories} not personal data, but IP addresses and the '
                "browser and device data sent with them identify people, so the AVG applies "
                "to them."
            ),
            N_(
                "Remove the claim (claimed_not_personal) and give these data a legal basis and "
                "a retention period like any other."
            ),
            params,
        )


@check(
    "breyer.not-personal-combined",
    severity="error",
    reference=N_("GDPR Art. 4(1), 4(4); CJEU C-582/14 Breyer"),
    source=f"{_BREYER}; GDPR Art. 4(4) (profiling is processing of personal data)",
)
def not_personal_combined(register: Register) -> Iterator[Hit]:
    for path, params in _claims(register, profiled=True):
        yield Hit(
            path,
            N_(
                '"{activity}" calls {categories} anonymous or not personal, yet combines them '
                "to learn about people, which is processing of personal data by definition."
            ),
            N_(
                "Remove the claim, describe the profiling, and rest it on consent where it "
                "relies on cookies or similar tracking."
            ),
            params,
        )
