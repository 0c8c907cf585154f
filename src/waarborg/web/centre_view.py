"""Labels and views for the privacy centre's pages, in the reader's language.

Kept apart from the routes (:mod:`waarborg.web.centre`) so those stay short. The
labels are English msgids (``N_``) translated when a page is rendered.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from waarborg._exceptions import InputError
from waarborg.i18n import N_, translate
from waarborg.register import Register
from waarborg.rights.workflow import local_day
from waarborg.rights.workflow_links import Desk
from waarborg.rights.workflow_mail import kind_label, long_date
from waarborg.store.base import utcnow
from waarborg.store.request_tables import SubjectRequest

KIND_HELP: Mapping[str, str] = {
    "access": N_("See which personal data we keep about you, why, and who receives it (Art. 15)."),
    "portability": N_("Receive your data in a machine-readable file to take elsewhere (Art. 20)."),
    "rectification": N_("Have incorrect data corrected (Art. 16)."),
    "erasure": N_("Have your data removed, except what the law obliges us to keep (Art. 17)."),
    "restriction": N_(
        "Have us stop using your data for a while, e.g. while you contest it (Art. 18)."
    ),
    "objection": N_("Object to processing based on our legitimate interest (Art. 21)."),
    "withdraw-consent": N_("Withdraw consent you gave earlier (Art. 7(3))."),
    "stop-marketing": N_("Receive no more marketing, per channel (Art. 21(3))."),
}

CORRECTABLE: tuple[str, ...] = (
    "first-name",
    "last-name",
    "company",
    "street",
    "postcode",
    "city",
    "phone",
)
FIELD_LABELS: Mapping[str, str] = {
    "first-name": N_("First name"),
    "last-name": N_("Last name"),
    "company": N_("Company name"),
    "street": N_("Street and number"),
    "postcode": N_("Postcode"),
    "city": N_("City"),
    "phone": N_("Phone number"),
    "email": N_("E-mail address"),
    "kind": N_("What you want"),
    "message": N_("Explanation"),
    "fields": N_("What to correct"),
    "form": N_("The form"),
    "id_copy": N_("Copy of your ID"),
}

CHANNELS: tuple[str, ...] = ("email", "post", "phone", "social-media")
CHANNEL_LABELS: Mapping[str, str] = {
    "email": N_("E-mail"),
    "post": N_("Post"),
    "phone": N_("Phone"),
    "social-media": N_("Social media"),
}

STATE_LABELS: Mapping[str, str] = {
    "received": N_("Waiting for you to confirm it by the link in our e-mail"),
    "verified": N_("Confirmed; we are handling it"),
    "planned": N_("Confirmed; we are handling it"),
    "approved": N_("Confirmed; we are handling it"),
    "executed": N_("Being carried out"),
    "answered": N_("Answered"),
    "rejected": N_("Refused"),
    "closed": N_("Closed"),
}
OUTCOME_LABELS: Mapping[str, str] = {
    "done": N_("Carried out"),
    "nothing-found": N_("We found no personal data about you under this address"),
    "rejected": N_("Refused; the reasons were sent to you by e-mail"),
    "unverified": N_("Not confirmed in time"),
}


def marketing_channels(register: Register) -> set[str]:
    """The marketing channels the register names, for the stop-marketing boxes."""
    return {c.channel for a in register.activities for c in a.channels}


def field_problem(error: InputError, lang: str) -> str:
    """What to fix, in the reader's language; the error's own text may be English only."""
    if error.msgid:
        return error.render(lang)
    label = FIELD_LABELS.get(error.field or "", N_("The form"))
    return translate(lang, N_("Please check: {field}")).format(field=translate(lang, label))


def status_view(
    row: SubjectRequest, desk: Desk, lang: str, now: datetime | None = None
) -> dict[str, Any]:
    """What the status page shows: no address, no reasons beyond the person's own."""
    moment = now or utcnow()
    package = (
        row.package_path is not None
        and row.package_expires_at is not None
        and row.package_expires_at > moment
        and row.package_downloads < desk.package_download_limit
    )
    return {
        "kind": kind_label(row.kind, lang),
        "state": row.state,
        "state_label": translate(lang, STATE_LABELS[row.state]),
        "received": long_date(local_day(row.received_at), lang),
        "due": long_date(row.term_ends(), lang),
        "extended": row.extended_until is not None,
        "extension_reason": row.extension_reason,
        "open": row.state not in ("answered", "rejected", "closed"),
        "outcome": translate(lang, OUTCOME_LABELS[row.outcome]) if row.outcome else None,
        "package_link": desk.package_link(row.ref, lang) if package else None,
        "downloads_left": desk.package_download_limit - row.package_downloads,
        "package_until": long_date(row.package_expires_at.date(), lang)
        if row.package_expires_at
        else None,
    }


SHIELD_LABELS: Mapping[str, str] = {
    "photo": N_("your photo"),
    "bsn": N_("your citizen service number (BSN)"),
    "mrz": N_("the machine-readable zone (the lines of characters at the bottom)"),
    "passport-number": N_("the document number"),
}


def id_copy_view(register: Register, lang: str) -> dict[str, Any] | None:
    """What the form says about the ID copy, or None when the register asks for none
    (the default: AP guidance is to verify without one)."""
    policy = register.rights.verification.id_copy
    if not policy.required:
        return None
    advice = policy.advice
    return {
        "shield": [translate(lang, SHIELD_LABELS.get(f, f)) for f in policy.shielded_fields],
        "advice": (getattr(advice, lang, None) or advice.nl) if advice else None,
    }


def kind_help(lang: str) -> dict[str, tuple[str, str]]:
    """Per request kind: its short label and its explanation."""
    return {k: (kind_label(k, lang), translate(lang, h)) for k, h in KIND_HELP.items()}
