"""Template leftovers: placeholders, sample data, empty sections, contradicting duplicates.

Most small companies start from a generator or a model statement. What they forget
to fill in ("[AANBIEDER]", "VOORBEELD:", 1234 AB) makes the statement say nothing, or
something false, about exactly the point it was meant to cover (Art. 12(1): concise,
transparent, intelligible). Every person-readable text of the register is scanned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel

from waarborg.check._core import Hit, PathKey, check
from waarborg.check._words import text
from waarborg.i18n import N_
from waarborg.register import LocalText, Party, Register

_TRANSPARENCY = (
    "GDPR Art. 12(1) (concise, transparent, intelligible) and 13 (the facts it must give)"
)

PLACEHOLDERS = (
    re.compile(r"\[[A-Z][A-Z0-9 _-]{2,}\]"),  # [AANBIEDER], [BEDRIJFSNAAM]
    re.compile(r"\b(?:VOORBEELD|EXAMPLE)\s*:"),  # a generator's sample paragraph
    re.compile(r"\bWinkelnaam\b"),
    re.compile(r"\{\{[^}]*\}\}"),  # an unrendered template variable
    re.compile(r"\blorem ipsum\b", re.IGNORECASE),
    re.compile(r"\bX{3,}\b"),
    re.compile(r"\bAnders(?=[A-Z])\w+"),  # the option "Anders, namelijk:" glued to the answer
)
SAMPLE_CONTACTS = (
    re.compile(r"\b(?:1234\s?AB|0000\s?[A-Z]{2})\b"),  # postcode
    re.compile(r"\bVoorbeeld(?:straat|laan|weg|plein)\b", re.IGNORECASE),
    re.compile(r"@(?:example|voorbeeld|domein|jouwdomein|uwdomein)\.(?:com|nl|org)\b"),
)
_DIGIT_RUN = re.compile(r"\+?\d(?:[\s().-]{0,2}\d){7,13}")
# 012-3456789, 06-12345678, KvK 12345678, 00000000: counting, not a real number.
_SAMPLE_DIGITS = ("123456", "00000000")


def person_texts(register: Register) -> Iterator[tuple[PathKey, list[str]]]:
    """Every text in the register a person may read, with its path; a translated text
    yields its languages together. The register's own taxonomy is left out."""
    for name in type(register).model_fields:
        if name != "taxonomy":
            yield from _walk(getattr(register, name), (name,))


def _walk(value: Any, path: PathKey) -> Iterator[tuple[PathKey, list[str]]]:
    if isinstance(value, LocalText):
        yield path, value.texts()
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))
    elif isinstance(value, str):
        yield path, [value]


def _found(patterns: tuple[re.Pattern[str], ...], texts: list[str]) -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        for piece in texts:
            found += [m.group(0) for m in pattern.finditer(piece) if m.group(0) not in found]
    return found


def _sample_numbers(texts: list[str]) -> list[str]:
    found = []
    for piece in texts:
        for match in _DIGIT_RUN.finditer(piece):
            number = match.group(0).strip()
            digits = re.sub(r"\D", "", number)
            if any(s in digits for s in _SAMPLE_DIGITS) and number not in found:
                found.append(number)
    return found


def _scan(
    register: Register, find: Callable[[list[str]], list[str]], message: str, fix: str
) -> Iterator[Hit]:
    """A hit for every text in which ``find`` finds something, quoting what it found."""
    for path, texts in person_texts(register):
        found = find(texts)
        if found:
            yield Hit(path, message, fix, {"found": ", ".join(found)})


@check(
    "leftovers.placeholder",
    severity="error",
    reference=N_("GDPR Art. 12(1), 13"),
    source=_TRANSPARENCY,
)
def placeholder(register: Register) -> Iterator[Hit]:
    return _scan(
        register,
        lambda texts: _found(PLACEHOLDERS, texts),
        N_("This text still contains template placeholders: {found}."),
        N_("Replace them with the real facts, or remove the paragraph."),
    )


@check(
    "leftovers.sample-contact",
    severity="error",
    reference=N_("GDPR Art. 13(1)(a), 12(1)"),
    source=f"{_TRANSPARENCY}; GDPR Art. 13(1)(a) (real contact details)",
)
def sample_contact(register: Register) -> Iterator[Hit]:
    return _scan(
        register,
        lambda texts: _found(SAMPLE_CONTACTS, texts) + _sample_numbers(texts),
        N_("This text contains sample contact details from a template: {found}."),
        N_("Fill in the company's real address, telephone number or e-mail address."),
    )


@check(
    "leftovers.empty-section",
    severity="warning",
    reference=N_("GDPR Art. 12(1)"),
    source=_TRANSPARENCY,
)
def empty_section(register: Register) -> Iterator[Hit]:
    for index, section in enumerate(register.statement.sections):
        if section.text is None or not any(t.strip() for t in section.text.texts()):
            yield Hit(
                ("statement", "sections", index),
                N_('The section "{title}" has a heading but no text.'),
                N_("Write what happens under this heading, or remove the section."),
                {"title": text(section.title)},
            )


def _facts(party: Party) -> dict[str, Any]:
    return party.model_dump(exclude={"id"})


def _name_key(party: Party) -> str:
    return " ".join((party.name.nl or party.name.en or "").lower().split())


@check(
    "leftovers.duplicate-party",
    severity="warning",
    reference=N_("GDPR Art. 12(1), 13(1)(e)"),
    source=f"{_TRANSPARENCY}; GDPR Art. 13(1)(e) (who receives the data)",
)
def duplicate_party(register: Register) -> Iterator[Hit]:
    first: dict[str, Party] = {}
    for index, party in enumerate(register.parties):
        key = _name_key(party)
        earlier = first.setdefault(key, party)
        if earlier is not party and _facts(earlier) != _facts(party):
            yield Hit(
                ("parties", index, "name"),
                N_(
                    "{party} is described twice, with different facts ({first} and {second}); "
                    "readers cannot tell which is true."
                ),
                N_("Keep the description that is true and remove the other."),
                {"party": text(party.name), "first": earlier.id, "second": party.id},
            )
