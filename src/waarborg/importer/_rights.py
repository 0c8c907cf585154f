"""The rights the statement promises and how requests are handled.

Only sections about rights and complaints are read, so "bezwaar maken tegen deze
reclame" under marketing is not taken for the right to object in general.
"""

from __future__ import annotations

import re
from typing import Any

from waarborg.importer._document import Section, Sentence
from waarborg.importer._lexicon import lexicon, normalise
from waarborg.importer._model import Draft, Value

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_UNIT = {
    "dag": "days", "dagen": "days", "week": "weeks", "weken": "weeks",
    "maand": "months", "maanden": "months",
}  # fmt: skip


def read_rights(draft: Draft) -> dict[str, Any]:
    sections = draft.doc.by_topic("rights", "complaint")
    sentences = [s for section in sections for s in section.sentences]
    found: dict[str, Any] = {"offered": _offered(draft, sections, sentences)}
    lex = lexicon()
    outdated = next((s for s in sentences if lex.erasure_outdated.any(s.text)), None)
    if outdated is not None:
        found["erasure_scope"] = Value("outdated", outdated, 0.9)
    term = _response_term(sentences)
    if term is not None:
        found["response_term"] = term
        draft.use(*(s for s in sentences if _response_term([s]) == term))
    found["verification"] = _verification(draft, sentences)
    found["emails"] = [(m, s) for s in sentences for m in _EMAIL.findall(s.text)]
    channel_sentences = [
        s
        for s in sentences
        if _EMAIL.search(s.text) or "contactpersoon" in s.norm or "contactgegevens" in s.norm
    ]
    draft.use(*channel_sentences)
    found["points_to_contact"] = any(
        "contactgegevens" in s.norm or "contactpersoon" in s.norm for s in sentences
    )
    objection = next((s for s in sentences if s.norm.startswith("als u bezwaar maakt")), None)
    if objection is not None:
        found["objection_effect"] = objection
        draft.use(objection)
    return found


def _offered(draft: Draft, sections: list[Section], sentences: list[Sentence]) -> list[Value]:
    lex = lexicon()
    offered: dict[str, Value] = {}
    for section in sections:
        for right in lex.rights.ids(section.title):
            offered.setdefault(right, Value(right, None, 0.8, f"heading '{section.title}'"))
    for sentence in sentences:
        rights = lex.rights.ids(sentence.text)
        for right in rights:
            if right not in offered or offered[right].sentence is None:
                offered[right] = Value(right, sentence, 0.9)
        if rights:
            draft.use(sentence)
    return list(offered.values())


def _response_term(sentences: list[Sentence]) -> Value | None:
    lex = lexicon()
    for sentence in sentences:
        for pattern in lex.response_term:
            match = pattern.search(sentence.norm)
            if match is None:
                continue
            number = lex.number(match.group(1))
            unit = _UNIT.get(match.group(2))
            if number is None or unit is None:
                continue
            return Value(f"{number} {unit[:-1] if number == 1 else unit}", sentence, 0.95)
    return None


def _verification(draft: Draft, sentences: list[Sentence]) -> dict[str, Any]:
    lex = lexicon()
    methods: list[Value] = []
    result: dict[str, Any] = {"methods": methods}
    for sentence in sentences:
        kinds = lex.verification.ids(sentence.text)
        if "id-copy" in kinds and "id-copy-refused" not in kinds:
            methods.append(Value("id-copy", sentence, 0.9))
            result["id_copy"] = sentence
        if "known-email" in kinds or "known-email-only" in kinds:
            methods.append(Value("known-email", sentence, 0.85))
        if "known-email-only" in kinds:
            result["copies_to_known_email_only"] = sentence
        if "shielded" in kinds:
            result["shielded"] = (sentence, lex.shielded_fields.ids(sentence.text))
        if "anonymised_log" in kinds and "verzoek" in normalise(sentence.text):
            result["anonymised_request_log"] = sentence
        if "identify" in kinds and not methods:
            result.setdefault("description", sentence)
        if kinds:
            draft.use(sentence)
    return result
