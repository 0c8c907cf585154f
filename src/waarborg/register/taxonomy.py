"""The controlled vocabularies a register refers to by id.

Built-in terms live in ``data/taxonomy.yaml``; a register may add its own under
``taxonomy:``. Each term has Dutch and English labels and, where one exists,
DPV 2.x IRIs and fideslang keys, so exports can speak those vocabularies.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Literal, get_args

import yaml
from pydantic import Field

from waarborg.register._base import LocalText, Slug, StrictModel
from waarborg.register.duration import Duration

Kind = Literal[
    "data_categories",
    "purposes",
    "legal_bases",
    "special_category_grounds",
    "data_subjects",
    "recipient_kinds",
    "retention_anchors",
    "retention_obligations",
    "rights",
    "security_measures",
    "cookie_categories",
    "marketing_channels",
    "opt_out_methods",
    "transfer_safeguards",
    "verification_methods",
    "request_channels",
]
KINDS: tuple[str, ...] = get_args(Kind)

PREFIXES: Mapping[str, str] = {
    "dpv": "https://w3id.org/dpv#",
    "pd": "https://w3id.org/dpv/pd#",
    "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
    "legal-eu": "https://w3id.org/dpv/legal/eu#",
    "legal-nl": "https://w3id.org/dpv/legal/nl#",
    "loc": "https://w3id.org/dpv/loc#",
}


def expand_iri(compact: str) -> str:
    """``pd:Name`` → ``https://w3id.org/dpv/pd#Name``; full IRIs pass through."""
    prefix, _, local = compact.partition(":")
    if prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return compact


class Term(StrictModel):
    """One entry of a vocabulary. Kind-specific fields are unused elsewhere."""

    id: Slug
    nl: str
    en: str
    dpv: list[str] = Field(default_factory=list)
    fideslang: list[str] = Field(default_factory=list)
    article: str | None = None
    special: bool = False
    national_id: bool = False
    criminal: bool = False
    vague: bool = False
    phrase: LocalText | None = None
    minimum: Duration | None = None
    count_from: Literal["anchor", "end-of-book-year"] | None = None
    source: str | None = None

    def label(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en

    def dpv_iris(self) -> list[str]:
        return [expand_iri(c) for c in self.dpv]


class Taxonomy:
    """Read-only lookup over all kinds; built once, then shared."""

    def __init__(self, terms: Mapping[str, Mapping[str, Term]]):
        self._terms = {kind: dict(terms.get(kind, {})) for kind in KINDS}

    def ids(self, kind: Kind) -> list[str]:
        return list(self._terms[kind])

    def has(self, kind: Kind, term_id: str) -> bool:
        return term_id in self._terms[kind]

    def term(self, kind: Kind, term_id: str) -> Term:
        return self._terms[kind][term_id]

    def label(self, kind: Kind, term_id: str, lang: str) -> str:
        return self._terms[kind][term_id].label(lang)

    def terms(self, kind: Kind) -> Iterator[Term]:
        return iter(self._terms[kind].values())

    def extended(self, additions: Mapping[str, list[Term]]) -> Taxonomy:
        """A new taxonomy with the register's own terms added (ids must be new)."""
        merged = {kind: dict(items) for kind, items in self._terms.items()}
        for kind, terms in additions.items():
            for term in terms:
                merged[kind][term.id] = term
        return Taxonomy(merged)


@cache
def default_taxonomy() -> Taxonomy:
    source = resources.files("waarborg.register") / "data" / "taxonomy.yaml"
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    unknown = set(raw) - set(KINDS)
    if unknown:
        raise RuntimeError(f"taxonomy.yaml has unknown kinds: {sorted(unknown)}")
    return Taxonomy(
        {kind: {t["id"]: Term.model_validate(t) for t in raw.get(kind, [])} for kind in KINDS}
    )
