"""The mails of the request workflow, queued in the transaction that causes them.

Each builder renders a per-language template from ``mail_templates/<lang>/`` and
puts it in the outbox (:func:`waarborg.jobs.queue_mail`); the ``deliver-mail``
job sends it, retrying while the SMTP server is down. Mail to the requester goes
only to the address the request was made and verified from (IT Services Best:
"afschriften … enkel naar uw bij ons reeds bekende e-mailadres"). The reminder
to the privacy contact names requests by reference only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from babel.dates import format_date
from sqlalchemy.orm import Session

from waarborg.i18n import N_, translate
from waarborg.jobs.outbox import queue_mail
from waarborg.mail import render_mail
from waarborg.rights.workflow_links import Desk
from waarborg.store.request_tables import SubjectRequest

KIND_LABELS: Mapping[str, str] = {
    "access": N_("access to your data"),
    "portability": N_("a copy of your data to take along"),
    "rectification": N_("correction of your data"),
    "erasure": N_("erasure of your data"),
    "restriction": N_("restriction of processing"),
    "objection": N_("objection to processing"),
    "withdraw-consent": N_("withdrawal of consent"),
    "stop-marketing": N_("no more marketing"),
}


def kind_label(kind: str, lang: str) -> str:
    return translate(lang, KIND_LABELS[kind])


def long_date(day: date, lang: str) -> str:
    """'31 januari 2027' / 'January 31, 2027'."""
    return format_date(day, format="long", locale="nl_NL" if lang == "nl" else "en_GB")


def _queue(
    session: Session,
    request: SubjectRequest,
    template: str,
    kind: str,
    context: Mapping[str, Any],
    to: str | None = None,
) -> None:
    address = to or request.contact
    if address is None:
        return  # closed requests keep no address; nothing to send to
    lang = request.language
    values = {
        "organisation": request.details.get("organisation", ""),
        "kind": kind_label(request.kind, lang),
        **context,
    }
    message = render_mail(template, lang, address, values)
    queue_mail(session, request.organisation_id, message, kind)


def verification(session: Session, desk: Desk, request: SubjectRequest, token: str) -> None:
    link = desk.verification_link(token, request.language)
    _queue(
        session,
        request,
        "request-verify",
        "request-verify",
        {"link": link, "minutes": desk.verification_minutes},
    )


def confirmed(session: Session, desk: Desk, request: SubjectRequest) -> None:
    _queue(
        session,
        request,
        "request-confirmed",
        "request-confirmed",
        {
            "due": long_date(request.term_ends(), request.language),
            "status_link": desk.status_link(request.ref, request.language),
        },
    )


def extended(session: Session, desk: Desk, request: SubjectRequest, previous: date) -> None:
    _queue(
        session,
        request,
        "request-extended",
        "request-extended",
        {
            "due": long_date(request.term_ends(), request.language),
            "previous": long_date(previous, request.language),
            "reason": request.extension_reason or "",
            "status_link": desk.status_link(request.ref, request.language),
        },
    )


def rejected(session: Session, desk: Desk, request: SubjectRequest) -> None:
    del desk
    _queue(
        session,
        request,
        "request-rejected",
        "request-rejected",
        {"reason": request.rejection_reason or ""},
    )


def answered(
    session: Session,
    desk: Desk,
    request: SubjectRequest,
    *,
    held_until: date | None = None,
) -> None:
    lang = request.language
    has_package = request.package_path is not None and request.package_expires_at is not None
    _queue(
        session,
        request,
        "request-answered",
        "request-answered",
        {
            "outcome": request.outcome or "done",
            "package_link": desk.package_link(request.ref, lang) if has_package else None,
            "downloads": desk.package_download_limit,
            "until": long_date(request.package_expires_at.date(), lang)
            if request.package_expires_at
            else "",
            "held": long_date(held_until, lang) if held_until else None,
            "status_link": desk.status_link(request.ref, lang),
        },
    )


def reminder(
    session: Session,
    organisation_id: int,
    organisation: str,
    to: str,
    lang: str,
    items: Sequence[Mapping[str, Any]],
) -> None:
    """One mail to the privacy contact listing the requests that need attention."""
    message = render_mail(
        "request-reminder",
        lang,
        to,
        {"organisation": organisation, "count": len(items), "items": list(items)},
    )
    queue_mail(session, organisation_id, message, "request-reminder")
