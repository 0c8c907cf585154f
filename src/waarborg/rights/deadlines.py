"""When a request must be answered, and when its term may be extended (Art. 12(3) AVG).

Pure date arithmetic; the workflow (:mod:`waarborg.rights.workflow`) stores the
results. Art. 12(3) AVG/GDPR: the controller answers "without undue delay and in
any event within one month of receipt of the request"; "that period may be
extended by two further months where necessary, taking into account the
complexity and number of the requests", and the person is told of the extension
"together with the reasons for the delay" within the first month. Months are
counted by the calendar rule (Regulation 1182/71 Art. 3(2)(c), as the AP and the
ICO count them): the same date in the next month, or that month's last day where
the date does not exist, so 31 January gives 28 (or 29) February.

A statement may promise less (IT Services Best: "binnen 30 dagen"; others four
weeks); the company is held to the shorter of its promise and the law.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from waarborg._exceptions import InputError
from waarborg.i18n import N_
from waarborg.register.duration import Duration, add_months

LEGAL_TERM_MONTHS = 1
"""Art. 12(3) first sentence: one month of receipt."""

MAX_EXTENSION_MONTHS = 2
"""Art. 12(3) second sentence: by two further months."""


def due_date(received: date, promised: Duration | None = None) -> date:
    """The last day to answer a request received on ``received``: the statement's
    promised term or one calendar month, whichever ends first."""
    legal = add_months(received, LEGAL_TERM_MONTHS)
    if promised is None or promised.is_zero:
        return legal
    return min(legal, promised.after(received))


@dataclass(frozen=True)
class Extension:
    """An allowed extension: the new last day and the reasons the person is sent."""

    until: date
    reason: str


def extend(
    due_on: date,
    today: date,
    months: int,
    reason: str,
    *,
    already_extended: bool = False,
    allowed: bool = True,
) -> Extension:
    """Extend a term ending on ``due_on`` by ``months`` (1 or 2) calendar months.

    Art. 12(3): only with reasons, only once the term is not yet over (the person
    must be told "within one month of receipt"), and never beyond two further
    months. ``allowed`` is False when the statement promised no extension.
    Raises :class:`InputError` naming the field that breaks the rule.
    """
    if not allowed:
        raise InputError.translatable(
            N_("the privacy statement promises to answer without extending the term"),
            field="months",
        )
    if already_extended:
        raise InputError.translatable(N_("the term has already been extended once"), field="months")
    if not 1 <= months <= MAX_EXTENSION_MONTHS:
        raise InputError.translatable(
            N_("a term can be extended by one or two months"), field="months"
        )
    if today > due_on:
        raise InputError.translatable(
            N_("the term is over; an extension had to be sent while it ran"), field="months"
        )
    cleaned = " ".join(reason.split())
    if len(cleaned) < 10:
        raise InputError.translatable(
            N_("give the reasons for the extension; the person is sent them"), field="reason"
        )
    return Extension(add_months(due_on, months), cleaned)


def days_left(due_on: date, today: date) -> int:
    """Days until the term ends; negative once it is over."""
    return (due_on - today).days
