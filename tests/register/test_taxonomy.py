"""The built-in taxonomy: complete labels, vocabularies we can export to."""

from __future__ import annotations

import pytest
from fideslang.default_taxonomy import DEFAULT_TAXONOMY
from fideslang.models import LegalBasisForProcessingEnum

from waarborg.register import default_taxonomy, expand_iri
from waarborg.register.taxonomy import KINDS, PREFIXES

SEED_WORDS = [
    "naw-gegevens",
    "factuuradres",
    "betalingsgegevens",
    "ip-adres",
    "e-mailadres",
    "telefoonnummer",
    "locatie",
    "apparaat",
    "gedrag",
    "leeftijd",
    "interesses",
    "frequentie",
    "browser",
    "kanaal",
    "conversie",
    "geslacht",
]


def test_every_kind_has_terms_with_both_labels() -> None:
    taxonomy = default_taxonomy()
    for kind in KINDS:
        terms = list(taxonomy.terms(kind))  # type: ignore[arg-type]
        assert terms, kind
        for term in terms:
            assert term.nl.strip() and term.en.strip(), (kind, term.id)


def test_dutch_labels_are_the_words_the_seeds_use() -> None:
    labels = {t.nl for t in default_taxonomy().terms("data_categories")}
    assert set(SEED_WORDS) <= labels


def test_dpv_iris_use_known_namespaces() -> None:
    for kind in KINDS:
        for term in default_taxonomy().terms(kind):  # type: ignore[arg-type]
            for compact in term.dpv:
                assert compact.split(":")[0] in PREFIXES, (kind, term.id, compact)
                assert expand_iri(compact).startswith("https://w3id.org/dpv")


def test_legal_bases_map_to_gdpr_article_6() -> None:
    taxonomy = default_taxonomy()
    assert (
        expand_iri(taxonomy.term("legal_bases", "contract").dpv[0])
        == "https://w3id.org/dpv/legal/eu/gdpr#A6-1-b"
    )
    assert taxonomy.term("legal_bases", "legitimate-interest").article == "6(1)(f)"


@pytest.mark.parametrize(
    ("kind", "pool"),
    [
        ("data_categories", {c.fides_key for c in DEFAULT_TAXONOMY.data_category}),
        ("purposes", {u.fides_key for u in DEFAULT_TAXONOMY.data_use}),
        ("data_subjects", {s.fides_key for s in DEFAULT_TAXONOMY.data_subject}),
        ("legal_bases", {e.value for e in LegalBasisForProcessingEnum}),
    ],
)
def test_fideslang_keys_exist_in_fideslang(kind: str, pool: set[str]) -> None:
    for term in default_taxonomy().terms(kind):  # type: ignore[arg-type]
        for key in term.fideslang:
            assert key in pool, (kind, term.id, key)


def test_special_categories_are_marked() -> None:
    taxonomy = default_taxonomy()
    assert taxonomy.term("data_categories", "health").special
    assert not taxonomy.term("data_categories", "email").special
    assert taxonomy.term("data_categories", "bsn").national_id


def test_fiscal_obligation_cites_its_source() -> None:
    fiscal = default_taxonomy().term("retention_obligations", "fiscal")
    assert fiscal.source == "AWR art. 52 lid 4"
    assert str(fiscal.minimum) == "7 years" and fiscal.count_from == "end-of-book-year"


def test_vague_anchors_are_marked() -> None:
    taxonomy = default_taxonomy()
    assert taxonomy.term("retention_anchors", "customer-satisfied").vague
    assert not taxonomy.term("retention_anchors", "order-completed").vague
