"""Checks that need the whole register: ids resolve, ids are unique, every text
exists in each language the statement is published in.

Id references are declared as path patterns over the raw YAML data, so they are
reported together with type errors in one pass even when the model does not
validate yet.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from waarborg._exceptions import Problem
from waarborg._yaml import LocatedDocument, PathKey
from waarborg.i18n import N_
from waarborg.register._base import LocalText
from waarborg.register.model import Register
from waarborg.register.retention import parse_short_rule
from waarborg.register.taxonomy import KINDS, Taxonomy, Term, default_taxonomy

_ANY = None
PARTY = "party"

# (pattern into the raw data, vocabulary kind or PARTY)
REFERENCES: tuple[tuple[tuple[str | int | None, ...], str], ...] = (
    (("activities", _ANY, "purposes", _ANY), "purposes"),
    (("activities", _ANY, "data_subjects", _ANY), "data_subjects"),
    (("activities", _ANY, "data_categories", _ANY), "data_categories"),
    (("activities", _ANY, "claimed_not_personal", _ANY), "data_categories"),
    (("activities", _ANY, "legal_basis"), "legal_bases"),
    (("activities", _ANY, "legal_basis", "basis"), "legal_bases"),
    (("activities", _ANY, "legal_basis", "special_category_ground"), "special_category_grounds"),
    (("activities", _ANY, "retention"), "retention_anchors"),
    (("activities", _ANY, "retention", "after"), "retention_anchors"),
    (("activities", _ANY, "retention", "until"), "retention_anchors"),
    (("activities", _ANY, "retention", "obligation"), "retention_obligations"),
    (("activities", _ANY, "retention", "then", "obligation"), "retention_obligations"),
    (("activities", _ANY, "retention", "then", "then", "obligation"), "retention_obligations"),
    (("activities", _ANY, "recipients", _ANY), PARTY),
    (("activities", _ANY, "consent", "withdraw", _ANY), "opt_out_methods"),
    (("activities", _ANY, "channels", _ANY, "channel"), "marketing_channels"),
    (("activities", _ANY, "channels", _ANY, "opt_out", _ANY), "opt_out_methods"),
    (("parties", _ANY, "kind"), "recipient_kinds"),
    (("parties", _ANY, "receives", _ANY), "data_categories"),
    (("parties", _ANY, "transfer_safeguard"), "transfer_safeguards"),
    (("cookies", _ANY, "category"), "cookie_categories"),
    (("cookies", _ANY, "provider"), PARTY),
    (("security_measures", _ANY, "measure"), "security_measures"),
    (("rights", "offered", _ANY), "rights"),
    (("rights", "verification", "methods", _ANY), "verification_methods"),
    (("rights", "channels", _ANY, "kind"), "request_channels"),
    (("global_legal_bases", _ANY), "legal_bases"),
    (("global_data_categories", _ANY), "data_categories"),
)
UNIQUE_IDS = ("activities", "parties", "cookies")

KIND_NAMES = {
    "data_categories": N_("data category"),
    "purposes": N_("purpose"),
    "legal_bases": N_("legal basis"),
    "special_category_grounds": N_("Art. 9(2) ground"),
    "data_subjects": N_("data subject category"),
    "recipient_kinds": N_("recipient kind"),
    "retention_anchors": N_("retention anchor"),
    "retention_obligations": N_("retention obligation"),
    "rights": N_("right"),
    "security_measures": N_("security measure"),
    "cookie_categories": N_("cookie category"),
    "marketing_channels": N_("marketing channel"),
    "opt_out_methods": N_("opt-out method"),
    "transfer_safeguards": N_("transfer safeguard"),
    "verification_methods": N_("verification method"),
    "request_channels": N_("request channel"),
    PARTY: N_("party"),
}


def check_references(doc: LocatedDocument) -> list[Problem]:
    """Unknown ids and duplicate ids, straight from the raw document."""
    vocabulary, problems = _vocabulary(doc)
    parties = {v for _, v in doc.find(("parties", _ANY, "id")) if isinstance(v, str)}
    for pattern, kind in REFERENCES:
        for path, value in doc.find(pattern):
            problems.extend(_reference(doc, vocabulary, parties, kind, path, value))
    for section in UNIQUE_IDS:
        problems.extend(_duplicates(doc, section))
    return problems


def _vocabulary(doc: LocatedDocument) -> tuple[Taxonomy, list[Problem]]:
    builtin = default_taxonomy()
    additions: dict[str, list[Term]] = {}
    problems = []
    for kind in KINDS:
        for path, raw in doc.find(("taxonomy", kind, _ANY)):
            try:
                term = Term.model_validate(raw)
            except ValidationError:
                continue  # the model validation reports the shape problem
            if builtin.has(kind, term.id):  # type: ignore[arg-type]
                problems.append(
                    Problem(
                        doc.position((*path, "id")),
                        "{value!r} is already a built-in {what}; "
                        "use it directly or pick another id",
                        {"value": term.id, "what": KIND_NAMES[kind]},
                        translated_params=("what",),
                    )
                )
            additions.setdefault(kind, []).append(term)
    return builtin.extended(additions), problems


def _reference(
    doc: LocatedDocument,
    vocabulary: Taxonomy,
    parties: set[str],
    kind: str,
    path: PathKey,
    value: Any,
) -> list[Problem]:
    if path[-1] == "retention" and isinstance(value, str):
        value = _anchor_of(value)  # the short form "order-completed + 7 years"
    if not isinstance(value, str):
        return []
    if kind == PARTY:
        known = parties | ({"first-party"} if path[0] == "cookies" else set())
        if value in known:
            return []
        allowed = tuple(sorted(known))
        message = N_("unknown {what} {value!r}; define it under 'parties:' first")
    else:
        if vocabulary.has(kind, value):  # type: ignore[arg-type]
            return []
        allowed = tuple(sorted(vocabulary.ids(kind)))  # type: ignore[arg-type]
        message = N_("unknown {what} {value!r}; use a known id or add it under 'taxonomy:'")
    return [
        Problem(
            doc.position(path),
            message,
            {"what": KIND_NAMES[kind], "value": value},
            allowed=allowed,
            translated_params=("what",),
        )
    ]


def _anchor_of(text: str) -> str | None:
    try:
        anchor = parse_short_rule(text).get("after")
    except ValueError:
        return None  # reported by the model validation
    return str(anchor) if anchor else None


def _duplicates(doc: LocatedDocument, section: str) -> list[Problem]:
    seen: dict[str, PathKey] = {}
    problems = []
    for path, value in doc.find((section, _ANY, "id")):
        if not isinstance(value, str):
            continue
        if value in seen:
            first = doc.position(seen[value])
            problems.append(
                Problem(
                    doc.position(path),
                    "duplicate id {value!r} in {section} (first at line {line}); "
                    "give each entry its own id",
                    {"value": value, "section": section, "line": first.line if first else "?"},
                )
            )
        else:
            seen[value] = path
    return problems


def _local_texts(value: Any, path: PathKey) -> Iterator[tuple[PathKey, LocalText]]:
    if isinstance(value, LocalText):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _local_texts(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _local_texts(item, (*path, index))


def check_languages(register: Register, doc: LocatedDocument) -> list[Problem]:
    """Every text must exist in each language the statement is published in."""
    wanted = set(register.statement.languages)
    problems = []
    for path, text in _local_texts(register, ()):
        if path and path[0] == "taxonomy":
            continue
        missing = sorted(wanted - text.languages())
        if missing:
            problems.append(
                Problem(
                    doc.position(path),
                    "text missing in {languages}: the statement is published in {published}; "
                    "add the translation or remove the language from statement.languages",
                    {
                        "languages": ", ".join(missing),
                        "published": ", ".join(register.statement.languages),
                    },
                )
            )
    return problems
