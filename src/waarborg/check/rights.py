"""The rights people have and how requests are answered (Art. 12(3), 13(2)(b)–(d), 15–21).

Art. 13(2)(b) requires mentioning every right — access, rectification, erasure,
restriction, objection and portability — plus withdrawal of consent and the complaint
to the Autoriteit Persoonsgegevens. The answer is due within one month.
"""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.check._core import Hit, check, joined
from waarborg.check._words import duration, labels, quoted
from waarborg.i18n import N_
from waarborg.register import Duration, Register

# Art. 13(2)(b), in the order the article names them.
REQUIRED_RIGHTS = ("access", "rectification", "erasure", "restriction", "objection", "portability")
_SHORTEST_MONTH_DAYS = 28
_LONGEST_MONTH_DAYS = 31


@check(
    "rights.incomplete",
    severity="error",
    reference=N_("GDPR Art. 13(2)(b), 15-21"),
    source="GDPR Art. 13(2)(b): the existence of the rights of access, rectification, "
    "erasure, restriction, objection and data portability",
)
def incomplete(register: Register) -> Iterator[Hit]:
    missing = [r for r in REQUIRED_RIGHTS if r not in register.rights.offered]
    if missing:
        yield Hit(
            ("rights", "offered"),
            N_("The statement does not mention the right to {rights}."),
            N_("Add {ids} to rights.offered and say how people can use them."),
            {"rights": labels(register, "rights", missing), "ids": ", ".join(missing)},
        )


@check(
    "rights.no-withdraw-consent",
    severity="error",
    reference=N_("GDPR Art. 13(2)(c), 7(3)"),
    source="GDPR Art. 13(2)(c) and 7(3): where processing rests on consent, the right to "
    "withdraw it at any time, as easily as it was given",
)
def no_withdraw_consent(register: Register) -> Iterator[Hit]:
    based_on_consent = [
        a
        for a in register.activities
        if a.basis == "consent" or a.legal_basis.special_category_ground == "explicit-consent"
    ]
    if based_on_consent and "withdraw-consent" not in register.rights.offered:
        yield Hit(
            ("rights", "offered"),
            N_(
                "{activities} rests on consent, but the statement does not say that consent "
                "can be withdrawn at any time."
            ),
            N_("Add withdraw-consent to rights.offered and say how (as easy as giving it)."),
            {"activities": joined(quoted(a.title) for a in based_on_consent)},
        )


@check(
    "rights.no-complaint",
    severity="error",
    reference=N_("GDPR Art. 13(2)(d), 77"),
    source="GDPR Art. 13(2)(d) and 77: the right to lodge a complaint with a supervisory "
    "authority (in the Netherlands the Autoriteit Persoonsgegevens)",
)
def no_complaint(register: Register) -> Iterator[Hit]:
    if "complaint" not in register.rights.offered:
        yield Hit(
            ("rights", "offered"),
            N_(
                "The statement does not say that people can complain to the Autoriteit "
                "Persoonsgegevens."
            ),
            N_("Add complaint to rights.offered."),
        )


def _response_term(register: Register) -> tuple[Duration, int, int] | None:
    """The promised term with its whole months and remaining days; None when unstated."""
    term = register.rights.response_term
    if term is None:
        return None
    return term, term.years * 12 + term.months, term.weeks * 7 + term.days


@check(
    "rights.response-term-too-long",
    severity="error",
    reference=N_("GDPR Art. 12(3)"),
    source="GDPR Art. 12(3): without undue delay and in any event within one month; two "
    "more months only with reasons given within the first month",
)
def response_term_too_long(register: Register) -> Iterator[Hit]:
    promised = _response_term(register)
    if promised is None:
        return
    term, months, days = promised
    if months > 1 or (months == 1 and days) or (months == 0 and days > _LONGEST_MONTH_DAYS):
        yield Hit(
            ("rights", "response_term"),
            N_(
                "The statement promises an answer within {term}; the law allows one month, "
                "extended only with reasons given within that month."
            ),
            N_("Promise an answer within one month (response_term: 1 month) or sooner."),
            {"term": duration(term)},
        )


@check(
    "rights.response-term-in-days",
    severity="advice",
    reference=N_("GDPR Art. 12(3)"),
    source="GDPR Art. 12(3): one month, counted by the calendar (e.g. 31 January to 28 "
    "February); a number of days can run past it",
)
def response_term_in_days(register: Register) -> Iterator[Hit]:
    promised = _response_term(register)
    if promised is None:
        return
    term, months, days = promised
    if months == 0 and _SHORTEST_MONTH_DAYS < days <= _LONGEST_MONTH_DAYS:
        yield Hit(
            ("rights", "response_term"),
            N_(
                "A term of {term} runs past one calendar month in February: a request "
                "received on 31 January must be answered by 28 February."
            ),
            N_("Promise 'within one month' (response_term: 1 month), or 4 weeks."),
            {"term": duration(term)},
        )


@check(
    "rights.erasure-outdated-only",
    severity="error",
    reference=N_("GDPR Art. 17(1), 13(2)(b)"),
    source="GDPR Art. 17(1): erasure of personal data on any of its grounds (no longer "
    "needed, consent withdrawn, objection upheld, unlawful processing), not only outdated data",
)
def erasure_outdated_only(register: Register) -> Iterator[Hit]:
    if register.rights.erasure_scope == "outdated":
        yield Hit(
            ("rights", "erasure_scope"),
            N_(
                "The statement limits erasure to outdated data, while people may have any of "
                "their data erased when it is no longer needed, consent is withdrawn or an "
                "objection is upheld."
            ),
            N_(
                "Promise erasure of all data on the grounds of Art. 17 (erasure_scope: all), "
                "except what a law requires you to keep."
            ),
        )
