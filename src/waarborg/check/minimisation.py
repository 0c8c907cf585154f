"""Data an activity plausibly does not need (Art. 5(1)(c), data minimisation).

The table below names, per purpose, categories that purpose does not need. A category
is reported only when no purpose of the activity could need it: an activity that also
profiles may well use age or gender. Advice, not an error: the company may have a
reason the register does not show.
"""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.check._core import Hit, check
from waarborg.check._words import labels, text
from waarborg.i18n import N_
from waarborg.register import Activity, Register

_ID_DOCUMENTS = frozenset({"bsn", "id-document"})
_PAYMENT = frozenset({"payment-details", "bank-account", "payment-card", "paypal-details"})

# purpose → categories that purpose does not need.
IMPLAUSIBLE: dict[str, frozenset[str]] = {
    "account-management": frozenset({"gender"}) | _ID_DOCUMENTS,
    "portal-access": frozenset({"gender"}) | _ID_DOCUMENTS,
    "order-handling": frozenset({"gender"}) | _ID_DOCUMENTS,
    "subscription-management": frozenset({"gender"}) | _ID_DOCUMENTS,
    "customer-contact": frozenset({"gender", "date-of-birth"}) | _PAYMENT | _ID_DOCUMENTS,
    "newsletter": frozenset({"gender", "date-of-birth", "phone", "address", "naw"})
    | _PAYMENT
    | _ID_DOCUMENTS,
    "analytics": frozenset({"naw", "name", "email", "phone", "address", "billing-address"})
    | _PAYMENT
    | _ID_DOCUMENTS,
}


def implausible_categories(activity: Activity) -> list[str]:
    """Categories no purpose of ``activity`` needs, by the table above."""
    if not all(p in IMPLAUSIBLE for p in activity.purposes):
        return []
    return [
        c for c in activity.data_categories if all(c in IMPLAUSIBLE[p] for p in activity.purposes)
    ]


@check(
    "minimisation.implausible-category",
    severity="advice",
    reference=N_("GDPR Art. 5(1)(c)"),
    source="GDPR Art. 5(1)(c): adequate, relevant and limited to what is necessary for the "
    "purposes",
)
def implausible_category(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        extra = implausible_categories(activity)
        if extra:
            yield Hit(
                ("activities", index, "data_categories"),
                N_('"{activity}" collects {categories}, which {purposes} does not need.'),
                N_("Stop asking for {categories} here, or write down why this purpose needs them."),
                {
                    "activity": text(activity.title),
                    "categories": labels(register, "data_categories", extra),
                    "purposes": labels(register, "purposes", activity.purposes),
                },
            )
