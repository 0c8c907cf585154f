"""Register facts worded for a finding: labels, titles and durations in nl and en."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from waarborg.check._core import Localized
from waarborg.i18n import N_, translate
from waarborg.register import Duration, LocalText, Register
from waarborg.register.taxonomy import Kind

_UNITS = (
    ("years", N_("{n} year"), N_("{n} years")),
    ("months", N_("{n} month"), N_("{n} months")),
    ("weeks", N_("{n} week"), N_("{n} weeks")),
    ("days", N_("{n} day"), N_("{n} days")),
)


def label(register: Register, kind: Kind, term_id: str) -> Localized:
    """The taxonomy label of ``term_id``; the id itself when the term is unknown."""
    vocabulary = register.vocabulary
    if not vocabulary.has(kind, term_id):
        return Localized(term_id, term_id)
    term = vocabulary.term(kind, term_id)
    return Localized(nl=term.nl, en=term.en)


def labels(
    register: Register,
    kind: Kind,
    term_ids: Iterable[str],
    last: Literal["and", "or"] = "and",
) -> Localized:
    """Labels as a list: ``a, b and c``, or with ``last="or"`` ``a, b or c``."""
    items = [label(register, kind, t) for t in term_ids]
    nl_word, en_word = {"and": (" en ", " and "), "or": (" of ", " or ")}[last]
    return Localized(
        nl=_listing([i.nl for i in items], nl_word), en=_listing([i.en for i in items], en_word)
    )


def _listing(words: list[str], conjunction: str) -> str:
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + conjunction + words[-1]


def text(value: LocalText) -> Localized:
    """A register text in both languages; a missing language falls back to the other."""
    nl = value.nl if value.nl is not None else value.en or ""
    en = value.en if value.en is not None else nl
    return Localized(nl=nl, en=en)


def quoted(value: LocalText) -> Localized:
    """A register text in quotation marks, for titles inside a sentence."""
    plain = text(value)
    return Localized(nl=f'"{plain.nl}"', en=f'"{plain.en}"')


def duration(value: Duration) -> Localized:
    """``7 years`` / ``7 jaar``."""
    return Localized(nl=_duration(value, "nl"), en=_duration(value, "en"))


def _duration(value: Duration, lang: str) -> str:
    parts = []
    for field, singular, plural in _UNITS:
        amount = getattr(value, field)
        if amount:
            parts.append(translate(lang, singular if amount == 1 else plural).format(n=amount))
    return " ".join(parts) or translate(lang, "{n} days").format(n=0)
