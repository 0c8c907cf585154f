"""Who the controller is and how to reach it (Art. 13(1)(a)/(b), Art. 37).

A statement must let people see which company is responsible and where it is
established; the Dutch Civil Code (art. 3:15d) adds the trade-register number for
anyone offering services online.
"""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.check._core import Hit, Localized, check
from waarborg.check._facts import is_sensitive
from waarborg.check._words import labels, text
from waarborg.i18n import N_
from waarborg.register import Activity, Register

# Free mailbox providers: an address there does not show which company is behind it.
WEBMAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.nl",
        "outlook.com",
        "outlook.nl",
        "live.com",
        "live.nl",
        "msn.com",
        "yahoo.com",
        "yahoo.nl",
        "icloud.com",
        "me.com",
        "ziggo.nl",
        "kpnmail.nl",
        "planet.nl",
        "home.nl",
        "hetnet.nl",
    }
)
_MONITORING_PURPOSES = frozenset({"analytics", "profiling", "personalised-advertising"})


@check(
    "identity.no-address",
    severity="error",
    reference=N_("GDPR Art. 13(1)(a); Dutch Civil Code art. 3:15d(1)(a)"),
    source="GDPR Art. 13(1)(a) (identity and contact details of the controller); "
    "Burgerlijk Wetboek art. 3:15d lid 1 onder a (address of establishment online)",
)
def no_address(register: Register) -> Iterator[Hit]:
    address = register.organisation.address
    if address is None or not (address.street and address.city):
        yield Hit(
            ("organisation", "address"),
            N_(
                "The statement gives no postal address for {name}, so people cannot see "
                "where the company responsible for their data is established or write to it."
            ),
            N_("Add organisation.address with the street, postcode and town of the business."),
            {"name": register.organisation.name},
        )


@check(
    "identity.no-coc-number",
    severity="warning",
    reference=N_("GDPR Art. 13(1)(a); Dutch Civil Code art. 3:15d(1)(c)"),
    source="GDPR Art. 13(1)(a); Burgerlijk Wetboek art. 3:15d lid 1 onder c "
    "(trade register and registration number of an online service provider)",
)
def no_coc_number(register: Register) -> Iterator[Hit]:
    if register.organisation.coc_number is None:
        yield Hit(
            ("organisation", "coc_number"),
            N_(
                "The statement does not give the Chamber of Commerce (KvK) number of {name}, "
                "which identifies the legal entity responsible beyond doubt."
            ),
            N_("Add organisation.coc_number (8 digits, from the trade register)."),
            {"name": register.organisation.name},
        )


@check(
    "identity.webmail-only",
    severity="warning",
    reference=N_("GDPR Art. 13(1)(a)"),
    source="GDPR Art. 13(1)(a) (identity and contact details of the controller)",
)
def webmail_only(register: Register) -> Iterator[Hit]:
    addresses = _email_addresses(register)
    if addresses and all(_domain(a) in WEBMAIL_DOMAINS for a in addresses):
        yield Hit(
            ("organisation", "email"),
            N_(
                "Every e-mail address in the statement is at a free mailbox provider "
                "({domain}), which does not show which company is behind it."
            ),
            N_(
                "Give an address on the company's own domain, e.g. privacy@ followed by "
                "the domain of the website."
            ),
            {"domain": _domain(addresses[0])},
        )


def _email_addresses(register: Register) -> list[str]:
    org = register.organisation
    found = [org.email] + [c.email for c in (org.privacy_contact, org.dpo) if c is not None]
    found += [c.address for c in register.rights.channels if c.kind == "email"]
    return [a for a in found if a]


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].strip().lower()


@check(
    "identity.dpo-missing",
    severity="error",
    reference=N_("GDPR Art. 37(1)(b)/(c), 13(1)(b)"),
    source="GDPR Art. 37(1): a data protection officer is required for large-scale "
    "regular and systematic monitoring, or large-scale processing of special categories "
    "(Art. 9) or criminal data (Art. 10)",
)
def dpo_missing(register: Register) -> Iterator[Hit]:
    if register.organisation.dpo is not None:
        return
    for index, activity in enumerate(register.activities):
        reason = _dpo_reason(register, activity)
        if reason is not None:
            yield Hit(
                ("activities", index, "large_scale"),
                N_(
                    '"{activity}" involves {reason} on a large scale, so a data protection '
                    "officer is required, but the register names none."
                ),
                N_(
                    "Appoint a data protection officer, register them with the Autoriteit "
                    "Persoonsgegevens and add organisation.dpo with their contact details."
                ),
                {"activity": text(activity.title), "reason": reason},
            )
            return


def _dpo_reason(register: Register, activity: Activity) -> Localized | None:
    if not activity.large_scale:
        return None
    sensitive = [c for c in activity.data_categories if is_sensitive(register, c)]
    if sensitive:
        return labels(register, "data_categories", sensitive)
    monitoring = (
        activity.profiling is not None
        or activity.source.kind == "observed"
        or bool(_MONITORING_PURPOSES & set(activity.purposes))
    )
    if monitoring:
        return labels(register, "purposes", activity.purposes)
    return None


@check(
    "identity.dpo-no-contact",
    severity="error",
    reference=N_("GDPR Art. 13(1)(b), 37(7)"),
    source="GDPR Art. 13(1)(b) and 37(7): publish the contact details of the data "
    "protection officer",
)
def dpo_no_contact(register: Register) -> Iterator[Hit]:
    dpo = register.organisation.dpo
    if dpo is not None and not (dpo.email or dpo.phone or dpo.address):
        yield Hit(
            ("organisation", "dpo"),
            N_("The statement names a data protection officer but gives no way to reach them."),
            N_("Add an e-mail address, telephone number or postal address under organisation.dpo."),
        )
