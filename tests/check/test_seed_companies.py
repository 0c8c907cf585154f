"""The checker finds the real defects of our five reference customers, and nothing else.

Each example register encodes a seed statement (../shared/seeds/) as published. The
sets below are every (check, place) the checker reports for it; each entry is a defect
in that statement, explained in the comment of its group. A new finding on an example
is either a defect the set should gain or a false positive the check must lose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEED_COMPANIES
from waarborg import load_register
from waarborg.check import run_checks

ROOT = Path(__file__).resolve().parents[2]

EXPECTED: dict[str, set[tuple[str, str]]] = {
    "weservit": {
        # Orders, portal, subscriptions and accounts rest on consent; the contract needs them.
        ("basis.consent-for-contract", "activities[account].legal_basis"),
        ("basis.consent-for-contract", "activities[order-handling].legal_basis"),
        ("basis.consent-for-contract", "activities[portal-access].legal_basis"),
        ("basis.consent-for-contract", "activities[subscription].legal_basis"),
        # Newsletter, advertising mail, advertisements and social buttons name no basis.
        ("basis.unstated", "activities[advertisements].legal_basis"),
        ("basis.unstated", "activities[direct-marketing].legal_basis"),
        ("basis.unstated", "activities[newsletter].legal_basis"),
        ("basis.unstated", "activities[social-media-buttons].legal_basis"),
        # No KvK number.
        ("identity.no-coc-number", "organisation.coc_number"),
        # "Uw e-mailadres wordt automatisch toegevoegd aan de lijst van abonnees."
        # Marketing by e-mail to customers with only an objection route.
        ("marketing.no-opt-in", "activities[newsletter].consent.method"),
        ("marketing.opt-in-unstated", "activities[direct-marketing].consent"),
        # "Wij kunnen uw persoonsgegevens met elkaar combineren", without logic or consequences;
        # advertisements tailored to what people like, without saying that is profiling.
        ("profiling.no-explanation", "activities[statistics-and-profiling].profiling"),
        ("profiling.undeclared", "activities[advertisements].purposes"),
        # Subscription payments, but no bank or payment provider named.
        ("recipients.missing", "activities[subscription].recipients"),
        ("recipients.missing", "activities[order-handling].recipients"),
        # "zeven jaar daarna" counted from the order / the end of the subscription, not the book
        # year; and the IP address kept seven years for the tax law.
        ("retention.fiscal-not-from-book-year", "activities[order-handling].retention"),
        ("retention.fiscal-not-from-book-year", "activities[subscription].retention"),
        ("retention.fiscal-scope", "activities[order-handling].data_categories"),
        ("retention.fiscal-scope", "activities[subscription].data_categories"),
        # No term for advertising mail, location, advertisements, social buttons; "totdat we zeker
        # weten dat u tevreden bent" for the contact form.
        ("retention.unstated", "activities[advertisements].retention"),
        ("retention.unstated", "activities[direct-marketing].retention"),
        ("retention.unstated", "activities[location].retention"),
        ("retention.unstated", "activities[social-media-buttons].retention"),
        ("retention.vague", "activities[contact-form].retention"),
        # Only "verouderde persoonsgegevens" may be erased; no restriction, no portability.
        ("rights.erasure-outdated-only", "rights.erasure_scope"),
        ("rights.incomplete", "rights.offered"),
    },
    "webence": {
        # Two bases listed once for everything; no activity has its own basis.
        ("basis.global-list", "global_legal_bases"),
        ("basis.unstated", "activities[customer-administration].legal_basis"),
        ("basis.unstated", "activities[invoicing].legal_basis"),
        ("basis.unstated", "activities[newsletter].legal_basis"),
        ("basis.unstated", "activities[payments].legal_basis"),
        ("basis.unstated", "activities[questions-and-quotes].legal_basis"),
        ("basis.unstated", "activities[service-contact].legal_basis"),
        ("basis.unstated", "activities[service-notifications].legal_basis"),
        ("basis.unstated", "activities[website-visits].legal_basis"),
        # Analytics cookies without consent and without saying why none is needed.
        ("cookies.analytics-exemption-unexplained", "cookies[analytics].consent_required"),
        # Only info@webence.nl: no address, no KvK number.
        ("identity.no-address", "organisation.address"),
        ("identity.no-coc-number", "organisation.coc_number"),
        # A newsletter with no opt-in and no unsubscribe route stated.
        ("marketing.no-unsubscribe", "activities[newsletter]"),
        ("marketing.opt-in-unstated", "activities[newsletter].consent"),
        # Bank and PayPal payments, but no payment recipient.
        ("recipients.missing", "activities[payments].recipients"),
        # Seven years after the contract for calling and informing customers.
        ("retention.longer-than-purpose", "activities[service-contact].retention"),
        ("retention.longer-than-purpose", "activities[service-notifications].retention"),
        # No restriction; no complaint to the Autoriteit Persoonsgegevens.
        ("rights.incomplete", "rights.offered"),
        ("rights.no-complaint", "rights.offered"),
        # A (shielded) ID copy with every request.
        ("verification.id-copy-required", "rights.verification.id_copy.required"),
    },
    "itsb": {
        # No legal basis anywhere in the policy.
        ("basis.unstated", "activities[automatically-collected].legal_basis"),
        ("basis.unstated", "activities[bookkeeping].legal_basis"),
        ("basis.unstated", "activities[delivery].legal_basis"),
        ("basis.unstated", "activities[email].legal_basis"),
        ("basis.unstated", "activities[hosting].legal_basis"),
        ("basis.unstated", "activities[payments].legal_basis"),
        ("basis.unstated", "activities[web-shop].legal_basis"),
        # "Deze gegevens (bijvoorbeeld uw IP-adres, ...) zijn geen persoonsgegevens."
        ("breyer.not-personal", "activities[automatically-collected].claimed_not_personal"),
        # No KvK number.
        ("identity.no-coc-number", "organisation.coc_number"),
        # The WooCommerce section twice (AndersSiteground / own server), two empty headings,
        # "VOORBEELD: ... [AANBIEDER]" and "AndersSiteground".
        ("leftovers.duplicate-party", "parties[woocommerce-own-server].name"),
        ("leftovers.empty-section", "statement.sections[external-sales-channels]"),
        ("leftovers.empty-section", "statement.sections[reviews]"),
        ("leftovers.placeholder", "parties[siteground].description"),
        ("leftovers.placeholder", "parties[woocommerce].description"),
        # Mollie, a processor, "behoudt zich het recht voor uw gegevens te gebruiken".
        ("recipients.processor-own-purposes", "parties[mollie].own_purposes"),
        # No term for the website data and the hosting.
        ("retention.unstated", "activities[automatically-collected].retention"),
        ("retention.unstated", "activities[hosting].retention"),
        # Consent for later contact, but no word on withdrawing it; "binnen 30 dagen".
        ("rights.no-withdraw-consent", "rights.offered"),
        ("rights.response-term-in-days", "rights.response_term"),
    },
    "twentenet": {
        # "Dit zijn wij wettelijk verplicht" for handling orders and subscriptions.
        ("basis.obligation-for-contract", "activities[order-handling].legal_basis"),
        ("basis.obligation-for-contract", "activities[subscription].legal_basis"),
        # Marketing e-mail without a basis, an opt-in or a retention term.
        ("basis.unstated", "activities[direct-marketing].legal_basis"),
        # No KvK number.
        ("identity.no-coc-number", "organisation.coc_number"),
        ("marketing.opt-in-unstated", "activities[direct-marketing].consent"),
        # Gender for an account.
        ("minimisation.implausible-category", "activities[account].data_categories"),
        # Subscription payments without a payment recipient.
        ("recipients.missing", "activities[subscription].recipients"),
        ("recipients.missing", "activities[order-handling].recipients"),
        # Seven years from the order, not the book year; the IP address kept for the tax law.
        ("retention.fiscal-not-from-book-year", "activities[order-handling].retention"),
        ("retention.fiscal-not-from-book-year", "activities[subscription].retention"),
        ("retention.fiscal-scope", "activities[order-handling].data_categories"),
        ("retention.fiscal-scope", "activities[subscription].data_categories"),
        ("retention.unstated", "activities[direct-marketing].retention"),
        # Erasure of outdated data only; no restriction, no portability.
        ("rights.erasure-outdated-only", "rights.erasure_scope"),
        ("rights.incomplete", "rights.offered"),
    },
    "ibpix": {
        # Marketing e-mail and social buttons without a basis.
        ("basis.unstated", "activities[direct-marketing].legal_basis"),
        ("basis.unstated", "activities[social-media-buttons].legal_basis"),
        # "Wij laten Google de IP-adressen niet anonimiseren."
        ("cookies.analytics-ip-not-masked", "cookies[google-analytics].analytics.ip_masking"),
        # No KvK number.
        ("identity.no-coc-number", "organisation.coc_number"),
        # Marketing e-mail with only an objection route.
        ("marketing.opt-in-unstated", "activities[direct-marketing].consent"),
        # Subscription payments without a payment recipient.
        ("recipients.missing", "activities[subscription].recipients"),
        ("recipients.missing", "activities[order-handling].recipients"),
        # "tot zes maanden nadat uw bestelling is afgerond en zeven jaar daarna": contradictory,
        # and not from the end of the book year.
        ("retention.fiscal-not-from-book-year", "activities[order-handling].retention.then"),
        ("retention.fiscal-not-from-book-year", "activities[subscription].retention"),
        ("retention.stacked-periods", "activities[order-handling].retention"),
        # No term for marketing, location, social buttons, Google Analytics; "totdat we zeker weten
        # dat u tevreden bent" for the contact form.
        ("retention.unstated", "activities[direct-marketing].retention"),
        ("retention.unstated", "activities[location].retention"),
        ("retention.unstated", "activities[social-media-buttons].retention"),
        ("retention.unstated", "activities[website-statistics].retention"),
        ("retention.vague", "activities[contact-form].retention"),
        # Erasure of outdated data only; no restriction, no portability.
        ("rights.erasure-outdated-only", "rights.erasure_scope"),
        ("rights.incomplete", "rights.offered"),
    },
}


def _found(company: str) -> set[tuple[str, str]]:
    register = load_register(ROOT / "examples" / company / "register.yaml")
    return {(f.check, f.path) for f in run_checks(register)}


@pytest.mark.parametrize("company", SEED_COMPANIES)
def test_checker_finds_exactly_the_seed_defects(company: str) -> None:
    found = _found(company)
    assert found - EXPECTED[company] == set(), (
        "new findings: a defect to record, or a false positive"
    )
    assert EXPECTED[company] - found == set(), "defects no longer found"


@pytest.mark.parametrize("company", SEED_COMPANIES)
def test_every_finding_points_into_the_example_file(company: str) -> None:
    path = ROOT / "examples" / company / "register.yaml"
    for finding in run_checks(load_register(path)):
        assert finding.location is not None
        assert finding.location.startswith(f"{path}:")


def test_the_acceptance_defects_are_among_them() -> None:
    """The defects the issue names, one per company at least."""
    assert ("basis.consent-for-contract", "activities[order-handling].legal_basis") in EXPECTED[
        "weservit"
    ]
    assert ("marketing.no-opt-in", "activities[newsletter].consent.method") in EXPECTED["weservit"]
    assert ("leftovers.placeholder", "parties[siteground].description") in EXPECTED["itsb"]
    assert (
        "breyer.not-personal",
        "activities[automatically-collected].claimed_not_personal",
    ) in EXPECTED["itsb"]
    assert (
        "cookies.analytics-ip-not-masked",
        "cookies[google-analytics].analytics.ip_masking",
    ) in EXPECTED["ibpix"]
    for company in ("weservit", "twentenet", "ibpix"):
        assert ("rights.incomplete", "rights.offered") in EXPECTED[company]
