"""The legal basis of each activity (Art. 6(1), 7, 9, 13(1)(c)/(d)).

Every processing needs one basis of Art. 6(1), named per purpose. Consent is only
valid when it is free and can be withdrawn without consequence, so it cannot carry
processing the company needs anyway to perform a contract or meet a legal duty.
"""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.check._core import Hit, check
from waarborg.check._facts import (
    INVALID_CONSENT_METHODS,
    consent_method_words,
    is_electronic_marketing,
    is_sensitive,
)
from waarborg.check._words import labels, text
from waarborg.i18n import N_
from waarborg.register import Register

# Purposes that are necessary to perform a contract with the person (Art. 6(1)(b)).
CONTRACT_PURPOSES = frozenset(
    {
        "order-handling",
        "delivery",
        "payment",
        "subscription-management",
        "account-management",
        "portal-access",
        "service-provision",
        "customer-administration",
    }
)
# Purposes a law may require (Art. 6(1)(c)): keeping the books, answering authorities.
OBLIGATION_PURPOSES = frozenset({"invoicing", "legal-compliance", "rights-requests"})
_CONTRACT_AND_RECORDS_FIX = N_(
    "Use 'contract' (Art. 6(1)(b)) as legal_basis; keeping the records afterwards rests on "
    "the legal obligation already named on the retention rule."
)


@check(
    "basis.unstated",
    severity="error",
    reference=N_("GDPR Art. 13(1)(c), 6(1)"),
    source="GDPR Art. 13(1)(c): the purposes and the legal basis of each processing",
)
def unstated(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        if activity.basis == "unstated":
            yield Hit(
                ("activities", index, "legal_basis"),
                N_(
                    'The statement names no legal basis for "{activity}"; people must be '
                    "able to read on which ground of Art. 6(1) each processing rests."
                ),
                N_(
                    "Choose the basis that fits this purpose (contract, legal obligation, "
                    "consent, legitimate interest) and write it under legal_basis."
                ),
                {"activity": text(activity.title)},
            )


@check(
    "basis.global-list",
    severity="error",
    reference=N_("GDPR Art. 13(1)(c)"),
    source="GDPR Art. 13(1)(c): the legal basis is given for each purpose, not once for all",
)
def global_list(register: Register) -> Iterator[Hit]:
    if register.global_legal_bases:
        yield Hit(
            ("global_legal_bases",),
            N_(
                "The statement lists legal bases ({bases}) once for everything, so nobody "
                "can tell which basis covers which processing."
            ),
            N_("Give every activity its own legal_basis and remove global_legal_bases."),
            {"bases": labels(register, "legal_bases", register.global_legal_bases)},
        )


@check(
    "basis.consent-for-contract",
    severity="error",
    reference=N_("GDPR Art. 6(1)(b), 7(4); EDPB Guidelines 05/2020 on consent"),
    source="GDPR Art. 6(1)(b)/(c) and 7(4); EDPB Guidelines 05/2020 on consent under "
    "Regulation 2016/679 (consent is not the basis for processing necessary for a "
    "contract, and a controller cannot swap to another basis when consent is withdrawn)",
)
def consent_for_contract(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        needed = [p for p in activity.purposes if p in CONTRACT_PURPOSES | OBLIGATION_PURPOSES]
        if activity.basis == "consent" and needed:
            yield Hit(
                ("activities", index, "legal_basis"),
                N_(
                    '"{activity}" rests on consent, but {purposes} is needed to perform '
                    "the contract or to meet a legal duty; consent must be free to refuse "
                    "and to withdraw, and withdrawing it would not stop this processing."
                ),
                _CONTRACT_AND_RECORDS_FIX
                if activity.retention.obligations()
                else N_("Use 'contract' (Art. 6(1)(b)) as legal_basis."),
                {
                    "activity": text(activity.title),
                    "purposes": labels(register, "purposes", needed),
                },
            )


@check(
    "basis.obligation-for-contract",
    severity="warning",
    reference=N_("GDPR Art. 6(1)(b), 6(1)(c), 6(3)"),
    source="GDPR Art. 6(1)(c) and 6(3): a legal obligation is a basis only where a law "
    "requires the processing itself; AWR art. 52 requires keeping records, not handling "
    "the order",
)
def obligation_for_contract(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        if activity.basis == "legal-obligation" and set(activity.purposes) <= CONTRACT_PURPOSES:
            yield Hit(
                ("activities", index, "legal_basis"),
                N_(
                    '"{activity}" claims a legal obligation, but no law requires {purposes}; '
                    "it is needed to perform the contract, and the law only requires keeping "
                    "the records afterwards."
                ),
                N_(
                    "Use 'contract' (Art. 6(1)(b)) as legal_basis and keep the statutory duty "
                    "on the retention rule (obligation: fiscal)."
                ),
                {
                    "activity": text(activity.title),
                    "purposes": labels(register, "purposes", activity.purposes),
                },
            )


@check(
    "basis.interest-unstated",
    severity="error",
    reference=N_("GDPR Art. 13(1)(d)"),
    source="GDPR Art. 13(1)(d): where the basis is Art. 6(1)(f), the legitimate interests pursued",
)
def interest_unstated(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        basis = activity.legal_basis
        if basis.basis == "legitimate-interest" and basis.interest is None:
            yield Hit(
                ("activities", index, "legal_basis"),
                N_(
                    '"{activity}" rests on a legitimate interest, but the statement does not '
                    "say which interest."
                ),
                N_(
                    "Write the interest out under legal_basis.interest, e.g. 'preventing "
                    "fraud with our payments'."
                ),
                {"activity": text(activity.title)},
            )


@check(
    "basis.special-category-ground",
    severity="error",
    reference=N_("GDPR Art. 9(1)-(2), 10"),
    source="GDPR Art. 9(1)-(2): special categories may only be processed on one of the "
    "grounds of Art. 9(2); Art. 10 for criminal data",
)
def special_category_ground(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        sensitive = [c for c in activity.data_categories if is_sensitive(register, c)]
        if sensitive and activity.legal_basis.special_category_ground is None:
            yield Hit(
                ("activities", index, "legal_basis"),
                N_(
                    '"{activity}" processes {categories}, which is forbidden unless one of '
                    "the exceptions of Art. 9(2) applies, and the register names none."
                ),
                N_(
                    "Add legal_basis.special_category_ground (e.g. explicit-consent), or stop "
                    "collecting these data."
                ),
                {
                    "activity": text(activity.title),
                    "categories": labels(register, "data_categories", sensitive),
                },
            )


@check(
    "basis.invalid-consent",
    severity="error",
    reference=N_("GDPR Art. 4(11), 7; CJEU C-673/17 Planet49"),
    source="GDPR Art. 4(11) (consent is an unambiguous, active indication) and Art. 7; "
    "CJEU 1 October 2019, C-673/17 Planet49 (a pre-ticked box is no consent)",
)
def invalid_consent(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        method = activity.consent.method if activity.consent else ""
        if (
            activity.basis == "consent"
            and method in INVALID_CONSENT_METHODS
            and not is_electronic_marketing(activity)
        ):
            yield Hit(
                ("activities", index, "consent", "method"),
                N_(
                    '"{activity}" rests on consent obtained by {method}, which is not an '
                    "active, unambiguous choice and therefore no consent at all."
                ),
                N_(
                    "Ask for consent with an unticked box or a separate question "
                    "(consent.method: opt-in), and record it."
                ),
                {"activity": text(activity.title), "method": consent_method_words(method)},
            )
