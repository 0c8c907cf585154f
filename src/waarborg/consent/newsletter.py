"""Newsletter sign-up with double opt-in, one-click unsubscribe, and marketing mail.

Signing up sends one mail: the confirmation, with a signed link. No consent exists
and nothing else is sent until the person follows it: e-mail marketing needs prior
consent (Telecommunicatiewet art. 11.7 lid 1), and the confirmation proves that the
owner of the address gave it (Art. 7(1) AVG). Confirming records the consent (method
``double-opt-in``, the token's hash as evidence, the hash of the sign-up text shown).

Every marketing message carries ``List-Unsubscribe`` and ``List-Unsubscribe-Post:
List-Unsubscribe=One-Click`` (RFC 8058; RFC 2369) and a link in its text
(Telecommunicatiewet art. 11.7: every message gives a valid address to opt out).
Unsubscribing withdraws the consent (Art. 7(3)) and records an objection to the
activity, which is absolute for direct marketing (Art. 21(3)), so
:func:`waarborg.decide.decide` refuses further mail at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from waarborg import audit
from waarborg._exceptions import InputError, PermissionDeniedError
from waarborg.consent.channels import channel_allowed, open_objections
from waarborg.consent.links import sign, token_hash, verify
from waarborg.consent.records import Holder, Shown, choose, current, withdraw
from waarborg.decide import CompiledRegister, decide
from waarborg.i18n import N_, translate
from waarborg.jobs.outbox import queue_mail
from waarborg.mail import MailMessage, render_mail
from waarborg.register import Register
from waarborg.store.base import utcnow
from waarborg.store.consent_tables import ConsentRecord
from waarborg.store.consents import text_hash
from waarborg.store.limits import record_objection
from waarborg.store.states import load_subject_state
from waarborg.store.subjects import Identity, find_or_create_subject, subject_by_ref
from waarborg.store.tables import Subject

CONFIRM_VALID = timedelta(days=7)
SIGNUP_TEXT = N_(
    "Yes, send me the newsletter of {organisation} by e-mail. I can unsubscribe at any "
    "time with the link in every message."
)


@dataclass(frozen=True)
class Links:
    """Builds the signed links of one organisation's pages."""

    base_url: str
    slug: str
    secret: bytes

    def _url(self, page: str, token: str) -> str:
        return f"{self.base_url.rstrip('/')}/o/{self.slug}/{page}?t={token}"

    def confirm(self, ref: str, activity: str, lang: str, shown: str) -> str:
        payload = {"s": ref, "a": activity, "l": lang, "h": shown}
        return self._url(
            "newsletter/confirm", sign(self.secret, "confirm", payload, valid_for=CONFIRM_VALID)
        )

    def unsubscribe(self, ref: str, activity: str) -> str:
        return self._url("unsubscribe", sign(self.secret, "unsubscribe", {"s": ref, "a": activity}))

    def preferences(self, ref: str, lang: str) -> str:
        return self._url("preferences", sign(self.secret, "preferences", {"s": ref, "l": lang}))


def signup_text(register: Register, lang: str) -> str:
    """The sentence the sign-up form shows; its hash is kept with the consent."""
    return translate(lang, SIGNUP_TEXT).format(organisation=register.organisation.display_name())


def sign_up(
    session: Session,
    organisation_id: int,
    register: Register,
    links: Links,
    *,
    email: str,
    lang: str,
    activity: str = "newsletter",
) -> Subject:
    """Queue the confirmation mail (and only that) for ``email``."""
    if activity not in {a.id for a in register.activities}:
        raise InputError("unknown activity", field="activity")
    subject, _ = find_or_create_subject(
        session, organisation_id, [Identity("email", email)], links.secret
    )
    shown = text_hash(signup_text(register, lang))
    context = {
        "organisation": register.organisation.display_name(),
        "link": links.confirm(subject.ref, activity, lang, shown),
        "days": CONFIRM_VALID.days,
    }
    message = render_mail("newsletter-confirm", lang, email, context)
    queue_mail(session, organisation_id, message, "newsletter-confirm")
    audit.append(
        session,
        organisation_id,
        actor="data-subject",
        action="newsletter.signup",
        subject_ref=subject.ref,
        activity=activity,
    )
    return subject


def confirm(
    session: Session, organisation_id: int, register: Register, secret: bytes, token: str
) -> ConsentRecord:
    """Record the consent the confirmation link proves; a second click changes nothing."""
    payload = verify(secret, "confirm", token)
    subject = subject_by_ref(session, organisation_id, payload["s"])
    activity = payload["a"]
    holder = Holder(subject=subject)
    previous = current(session, organisation_id, holder).get(activity)
    if previous is not None and previous.state == "given":
        return previous
    objection = open_objections(session, subject).get(activity)
    if objection is not None:  # signing up again ends the earlier unsubscription
        objection.ended_at = utcnow()
    purposes = list(register.activity(activity).purposes)
    shown = Shown(
        payload["h"],
        payload["l"],
        "double-opt-in",
        purposes=purposes,
        evidence={"confirmation": token_hash(token)},
    )
    return choose(
        session,
        organisation_id,
        holder,
        activity=activity,
        given=True,
        shown=shown,
        actor="data-subject",
        previous=previous,
    )


def unsubscribe(
    session: Session, organisation_id: int, secret: bytes, token: str, *, method: str
) -> Subject:
    """Withdraw the consent and object to the activity (Art. 7(3), 21(3)); idempotent."""
    payload = verify(secret, "unsubscribe", token)
    subject = subject_by_ref(session, organisation_id, payload["s"])
    activity = payload["a"]
    withdraw(
        session,
        organisation_id,
        Holder(subject=subject),
        activity=activity,
        method=method,
        actor="data-subject",
    )
    if activity not in open_objections(session, subject):
        record_objection(session, subject, activity=activity, status="upheld", channel=method)
        audit.append(
            session,
            organisation_id,
            actor="data-subject",
            action="objection",
            subject_ref=subject.ref,
            activity=activity,
            details={"via": method},
        )
    return subject


def queue_marketing_mail(
    session: Session,
    organisation_id: int,
    compiled: CompiledRegister,
    links: Links,
    subject: Subject,
    *,
    to: str,
    lang: str,
    activity: str,
    title: str,
    body: str,
) -> int:
    """Queue one marketing message, only if ``decide`` and the e-mail channel allow it.

    Raises PermissionDeniedError when the person has not (or no longer) agreed or has
    objected; the message then is never queued.
    """
    state = load_subject_state(session, subject)
    decision = decide(compiled, state, activity, [])
    if not decision.allowed or not channel_allowed(state, activity, "email"):
        raise PermissionDeniedError.translatable(
            N_("this person may not be sent this marketing mail (no consent, or an objection)")
        )
    message = marketing_message(
        links, subject.ref, to=to, lang=lang, activity=activity, title=title, body=body
    )
    return queue_mail(session, organisation_id, message, "marketing")


def marketing_message(
    links: Links, ref: str, *, to: str, lang: str, activity: str, title: str, body: str
) -> MailMessage:
    """A marketing mail with the RFC 8058 headers and the opt-out links in its text."""
    unsubscribe_url = links.unsubscribe(ref, activity)
    context = {
        "title": title,
        "body": body,
        "unsubscribe": unsubscribe_url,
        "preferences": links.preferences(ref, lang),
    }
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return render_mail("marketing", lang, to, context, headers=headers)
