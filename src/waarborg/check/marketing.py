"""Newsletters and other direct marketing (Telecommunicatiewet art. 11.7; Art. 7, 21).

E-mail marketing is opt-in, for consumers and businesses alike. The only exception is
for existing customers, and only when all five conditions hold (the ACM: a mention in
the terms or the statement alone is not an opt-out at collection). Every message needs
an opt-out, and people can object to direct marketing at any time (Art. 21(2)–(4)).
"""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.check._core import Hit, check, joined, msg
from waarborg.check._facts import (
    ELECTRONIC_CHANNELS,
    INVALID_CONSENT_METHODS,
    MARKETING_PURPOSES,
    OPT_IN_METHODS,
    consent_method_words,
    electronic_channels,
    is_electronic_marketing,
)
from waarborg.check._words import label, text
from waarborg.i18n import N_
from waarborg.register import Activity, Register

_TW_SOURCE = (
    "Telecommunicatiewet art. 11.7 (ddma.nl 'E-mail'; dmcc.nl; btu-advocaten.nl): "
    "commercial e-mail needs prior consent, except for existing customers when all five "
    "conditions hold"
)
_CONDITIONS = {
    "obtained_with_sale": N_("the address was obtained with a sale"),
    "same_legal_entity": N_("the mail comes from the same legal entity"),
    "informed_at_collection": N_("the person was told at collection"),
    "opt_out_at_collection": N_("an opt-out was offered at collection"),
    "similar_products": N_("the mail is about own, similar products"),
}


def _method(activity: Activity) -> str | None:
    return activity.consent.method if activity.consent else None


def _exception_holds(activity: Activity) -> bool:
    exception = activity.consent.existing_customer_exception if activity.consent else None
    return exception is not None and exception.holds()


@check(
    "marketing.no-opt-in",
    severity="error",
    reference=N_("Telecommunicatiewet art. 11.7; GDPR Art. 4(11), 7"),
    source=f"{_TW_SOURCE}; CJEU C-673/17 Planet49 (no consent by a pre-ticked box)",
)
def no_opt_in(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        method = _method(activity) or ""
        if (
            is_electronic_marketing(activity)
            and method in INVALID_CONSENT_METHODS
            and not _exception_holds(activity)
        ):
            yield Hit(
                ("activities", index, "consent", "method"),
                N_(
                    '"{activity}" sends marketing e-mail to people added by {method}; '
                    "commercial e-mail needs their prior, active consent."
                ),
                N_(
                    "Only add people who tick an empty box or confirm by e-mail "
                    "(consent.method: double-opt-in), and keep proof of it."
                ),
                {"activity": text(activity.title), "method": consent_method_words(method)},
            )


@check(
    "marketing.opt-in-unstated",
    severity="warning",
    reference=N_("Telecommunicatiewet art. 11.7"),
    source=_TW_SOURCE,
)
def opt_in_unstated(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        method = _method(activity)
        has_exception = activity.consent is not None and (
            activity.consent.existing_customer_exception is not None
        )
        if (
            is_electronic_marketing(activity)
            and activity.basis != "consent"
            and method not in OPT_IN_METHODS
            and method not in INVALID_CONSENT_METHODS
            and not has_exception
        ):
            yield Hit(
                ("activities", index, "consent"),
                N_(
                    '"{activity}" sends marketing e-mail, but the statement neither says '
                    "people opted in nor that the existing-customer exception applies."
                ),
                N_(
                    "Send it only to people who opted in (consent.method: double-opt-in), or "
                    "record all five conditions of the existing-customer exception."
                ),
                {"activity": text(activity.title)},
            )


@check(
    "marketing.existing-customer-conditions",
    severity="error",
    reference=N_("Telecommunicatiewet art. 11.7(3)"),
    source=f"{_TW_SOURCE}; the ACM: a mention in the terms or the statement alone is not "
    "an opt-out at collection",
)
def existing_customer_conditions(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        exception = activity.consent.existing_customer_exception if activity.consent else None
        if exception is None or exception.holds() or _method(activity) in OPT_IN_METHODS:
            continue
        unmet = [words for name, words in _CONDITIONS.items() if not getattr(exception, name)]
        yield Hit(
            ("activities", index, "consent", "existing_customer_exception"),
            N_(
                '"{activity}" relies on the existing-customer exception, but not all its '
                "conditions hold: missing {conditions}."
            ),
            N_(
                "Meet every condition (an opt-out box when the customer orders, only similar "
                "own products), or ask for opt-in consent."
            ),
            {"activity": text(activity.title), "conditions": joined(msg(w) for w in unmet)},
        )


def _electronic_opt_outs(activity: Activity) -> set[str]:
    found = set(activity.consent.withdraw) if activity.consent else set()
    for channel in activity.channels:
        if channel.channel in ELECTRONIC_CHANNELS:
            found.update(channel.opt_out)
    return found


@check(
    "marketing.no-unsubscribe",
    severity="warning",
    reference=N_("Telecommunicatiewet art. 11.7; GDPR Art. 21(4)"),
    source="Telecommunicatiewet art. 11.7 (every message offers a way to unsubscribe; "
    "ddma.nl, dmcc.nl); GDPR Art. 21(4) (the right to object to direct marketing is brought "
    "to the person's attention explicitly)",
)
def no_unsubscribe(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        if is_electronic_marketing(activity) and "unsubscribe-link" not in _electronic_opt_outs(
            activity
        ):
            channels = electronic_channels(activity)
            path = ("activities", index, *(("channels", channels[0]) if channels else ()))
            yield Hit(
                path,
                N_(
                    '"{activity}" sends marketing e-mail, but the statement does not say '
                    "that every message has an unsubscribe link."
                ),
                N_(
                    "Put an unsubscribe link in every message and record it (opt_out or "
                    "consent.withdraw: [unsubscribe-link])."
                ),
                {"activity": text(activity.title)},
            )


@check(
    "marketing.no-objection-route",
    severity="error",
    reference=N_("GDPR Art. 21(2)-(4)"),
    source="GDPR Art. 21(2)-(3) (the right to object to direct marketing at any time) and "
    "21(4) (explicitly brought to the person's attention)",
)
def no_objection_route(register: Register) -> Iterator[Hit]:
    if "objection" in register.rights.offered:
        return
    for index, activity in enumerate(register.activities):
        if not MARKETING_PURPOSES & set(activity.purposes):
            continue
        withdraw = activity.consent.withdraw if activity.consent else []
        for position, channel in enumerate(activity.channels):
            if channel.channel not in ELECTRONIC_CHANNELS and not channel.opt_out and not withdraw:
                yield Hit(
                    ("activities", index, "channels", position),
                    N_(
                        '"{activity}" sends marketing {channel}, but the statement gives '
                        "no way to object to it."
                    ),
                    N_(
                        "Say how people stop it (opt_out, e.g. letter-instructions or "
                        "contact-us) and add objection to rights.offered."
                    ),
                    {
                        "activity": text(activity.title),
                        "channel": label(register, "marketing_channels", channel.channel),
                    },
                )
