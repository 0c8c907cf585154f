"""Who receives the data, on which terms, and where it goes (Art. 13(1)(e)/(f), 28, 44–49).

People must be told who receives their data; a category ("payment service provider")
is enough. A processor acts only on the controller's instructions under an agreement;
data leaving the EEA needs an adequacy decision or another safeguard.
"""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.check._core import Hit, check
from waarborg.check._words import labels, text
from waarborg.i18n import N_
from waarborg.register import Register

# Purposes that cannot be carried out without passing data to someone of these kinds.
SHARING_PURPOSES: dict[str, frozenset[str]] = {
    "delivery": frozenset({"delivery-service"}),
    "payment": frozenset({"payment-provider", "bank"}),
    "social-media": frozenset({"social-media-platform"}),
}
_PROCESSOR_ROLES = frozenset({"processor", "sub-processor"})


@check(
    "recipients.missing",
    severity="warning",
    reference=N_("GDPR Art. 13(1)(e)"),
    source="GDPR Art. 13(1)(e): the recipients or categories of recipients; a category "
    "such as 'IT service providers' is enough (ICTRecht, strato.nl blog)",
)
def missing(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        kinds = {p.kind for p in register.parties if p.id in activity.recipients}
        lacking = [p for p in activity.purposes if p in SHARING_PURPOSES]
        lacking = [p for p in lacking if not SHARING_PURPOSES[p] & kinds]
        if lacking:
            needed = sorted(k for p in lacking for k in SHARING_PURPOSES[p])
            yield Hit(
                ("activities", index, "recipients"),
                N_(
                    '"{activity}" includes {purposes}, which means passing data to {kinds}, '
                    "but the statement names no such recipient."
                ),
                N_(
                    "Add the {kinds} under parties and list it in this activity's "
                    "recipients; naming the category is enough."
                ),
                {
                    "activity": text(activity.title),
                    "purposes": labels(register, "purposes", lacking),
                    "kinds": labels(register, "recipient_kinds", needed, last="or"),
                },
            )


@check(
    "recipients.no-processor-agreement",
    severity="error",
    reference=N_("GDPR Art. 28(3)"),
    source="GDPR Art. 28(3): processing by a processor is governed by a contract "
    "(verwerkersovereenkomst)",
)
def no_processor_agreement(register: Register) -> Iterator[Hit]:
    for index, party in enumerate(register.parties):
        if party.role in _PROCESSOR_ROLES and party.processor_agreement is False:
            yield Hit(
                ("parties", index, "processor_agreement"),
                N_("{party} processes data on your behalf without a processor agreement."),
                N_(
                    "Sign a processor agreement with {party} (most providers offer one) and "
                    "set processor_agreement: true."
                ),
                {"party": text(party.name)},
            )


@check(
    "recipients.transfer-without-safeguard",
    severity="error",
    reference=N_("GDPR Art. 44-46, 13(1)(f)"),
    source="GDPR Art. 44-49 (transfers need an adequacy decision, appropriate safeguards "
    "or a derogation) and Art. 13(1)(f) (say which)",
)
def transfer_without_safeguard(register: Register) -> Iterator[Hit]:
    for index, party in enumerate(register.parties):
        if party.outside_eea and party.transfer_safeguard in (None, "none"):
            yield Hit(
                ("parties", index, "transfer_safeguard"),
                N_(
                    "Data goes to {party} in {country}, outside the EEA, without an adequacy "
                    "decision or other safeguard."
                ),
                N_(
                    "Name the ground under transfer_safeguard (adequacy, data-privacy-framework, "
                    "standard-contractual-clauses …) and say in the statement how to get a "
                    "copy, or choose a provider in the EEA."
                ),
                {"party": text(party.name), "country": str(party.country)},
            )


@check(
    "recipients.processor-own-purposes",
    severity="error",
    reference=N_("GDPR Art. 28(3)(a), 28(10)"),
    source="GDPR Art. 28(3)(a) (a processor acts only on documented instructions) and "
    "28(10) (a processor that determines purposes is a controller for that processing)",
)
def processor_own_purposes(register: Register) -> Iterator[Hit]:
    for index, party in enumerate(register.parties):
        if party.role in _PROCESSOR_ROLES and party.own_purposes is not None:
            yield Hit(
                ("parties", index, "own_purposes"),
                N_(
                    "{party} is listed as a processor, but also uses the data for its own "
                    "purposes; for those it is a controller, and passing it the data needs a "
                    "basis of its own."
                ),
                N_(
                    "Agree with {party} that it uses the data only on your instructions, or "
                    "list it as a third party (role: third-party) and tell people what it does "
                    "with their data."
                ),
                {"party": text(party.name)},
            )


@check(
    "recipients.cookie-provider-unlisted",
    severity="warning",
    reference=N_("GDPR Art. 13(1)(e)"),
    source="GDPR Art. 13(1)(e): a third party that places cookies receives the data read with them",
)
def cookie_provider_unlisted(register: Register) -> Iterator[Hit]:
    listed = {r for a in register.activities for r in a.recipients}
    parties = {p.id: p for p in register.parties}
    reported: set[str] = set()
    for index, cookie in enumerate(register.cookies):
        provider = cookie.provider
        if provider not in parties or provider in listed or provider in reported:
            continue
        reported.add(provider)
        yield Hit(
            ("cookies", index, "provider"),
            N_(
                "{party} places cookies on the website and so receives visitors' data, but no "
                "activity lists it as a recipient."
            ),
            N_("Add {party} to the recipients of the activity its cookies serve."),
            {"party": text(parties[provider].name)},
        )
