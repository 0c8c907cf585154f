"""The W3C DPV export parses back, says what the register says, and uses only DPV 2.3
terms: the taxonomy's IRIs and the allowlist in waarborg.export.dpv_terms."""

from __future__ import annotations

import csv
import io
import subprocess
from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from tests.conftest import SEED_COMPANIES
from tests.statement.helpers import ROOT, example
from waarborg.export import dpv_jsonld, dpv_turtle
from waarborg.export.dpv_terms import ALLOWED
from waarborg.register import default_taxonomy, load_register
from waarborg.register.taxonomy import KINDS

DPV = "https://w3id.org/dpv"
D = "https://w3id.org/dpv#"
GDPR = "https://w3id.org/dpv/legal/eu/gdpr#"
# The DPV 2.3 term lists: extracted copies, else straight from the stored w3c/dpv mirror.
TERM_LISTS = (
    "dpv/dpv.csv",
    "pd/pd.csv",
    "legal/eu/gdpr/eu-gdpr.csv",
    "loc/loc.csv",
    "legal/eu/legal-eu.csv",
    "legal/nl/legal-nl.csv",
)
EXTRACTED = Path("/tmp/dpv")
MIRROR = Path("/work/.mirror/w3c+dpv/repo")


@cache
def dpv_23_iris() -> frozenset[str]:
    iris: set[str] = set()
    for name in TERM_LISTS:
        extracted = EXTRACTED / ("2.3_" + name.replace("/", "_"))
        if extracted.exists():
            text = extracted.read_text(encoding="utf-8")
        elif MIRROR.exists():
            text = subprocess.run(
                ["git", "-C", str(MIRROR), "show", f"HEAD:2.3/{name}"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        else:
            pytest.skip("the DPV 2.3 term lists are not available here")
        iris.update(row["iri"] for row in csv.DictReader(io.StringIO(text)))
    return frozenset(iris)


def taxonomy_iris() -> set[str]:
    taxonomy = default_taxonomy()
    return {iri for kind in KINDS for term in taxonomy.terms(kind) for iri in term.dpv_iris()}  # type: ignore[arg-type]


def dpv_terms_in(graph: Graph) -> set[str]:
    return {
        str(node)
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(DPV)
    }


def test_allowlist_and_taxonomy_use_only_dpv_23_terms() -> None:
    known = dpv_23_iris()
    assert sorted(ALLOWED - known) == []
    assert sorted(taxonomy_iris() - known) == []


@pytest.mark.parametrize("company", SEED_COMPANIES)
def test_export_uses_only_taxonomy_iris_and_the_allowlist(company: str) -> None:
    graph = Graph().parse(data=dpv_turtle(example(company)), format="turtle")
    assert sorted(dpv_terms_in(graph) - taxonomy_iris() - ALLOWED) == []


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("company", SEED_COMPANIES)
def test_turtle_and_json_ld_hold_the_same_graph(company: str) -> None:
    register = example(company)
    turtle = Graph().parse(data=dpv_turtle(register), format="turtle")
    jsonld = Graph().parse(data=dpv_jsonld(register), format="json-ld")
    assert len(turtle) == len(jsonld) > 0
    assert turtle.isomorphic(jsonld)
    assert dpv_turtle(register) == dpv_turtle(register)  # no blank nodes: stable output


def test_one_process_per_activity_under_one_ropa() -> None:
    register = example("twentenet")
    graph = Graph().parse(data=dpv_turtle(register), format="turtle")
    (ropa,) = graph.subjects(RDF.type, URIRef(D + "ROPA"))
    processes = set(graph.objects(ropa, URIRef(D + "hasProcess")))
    assert len(processes) == len(register.activities)
    order = URIRef("https://sourcexs.nl/#activity-order-handling")
    assert order in processes

    def values(prop: str) -> set[str]:
        return {str(o) for o in graph.objects(order, URIRef(D + prop))}

    assert values("hasLegalBasis") == {GDPR + "A6-1-c"}
    assert "https://w3id.org/dpv/pd#EmailAddress" in values("hasPersonalData")
    assert D + "CustomerOrderManagement" in values("hasPurpose")
    assert values("hasDataSubject") == {D + "Customer"}
    assert values("hasThirdParty") == {"https://sourcexs.nl/#party-delivery-service"}
    (storage,) = graph.objects(order, URIRef(D + "hasStorageCondition"))
    (duration,) = graph.objects(storage, URIRef(D + "hasDuration"))
    assert str(next(graph.objects(duration, URIRef(D + "hasDuration")))) == "P7Y"


def test_unstated_facts_are_left_out_rather_than_guessed() -> None:
    graph = Graph().parse(data=dpv_turtle(example("twentenet")), format="turtle")
    marketing = URIRef("https://sourcexs.nl/#activity-direct-marketing")
    assert list(graph.objects(marketing, URIRef(D + "hasLegalBasis"))) == []
    assert list(graph.objects(marketing, URIRef(D + "hasStorageCondition"))) == []


def test_transfer_names_the_third_country_and_its_safeguard() -> None:
    register = load_register(ROOT / "docs" / "examples" / "weservit-next.yaml")
    graph = Graph().parse(data=dpv_turtle(register), format="turtle")
    newsletter = URIRef("https://www.weservit.nl/privacy#activity-newsletter")
    us = URIRef("https://w3id.org/dpv/loc#US")
    assert us in set(graph.objects(newsletter, URIRef(D + "hasThirdCountry")))
    transfers = [
        p
        for p in graph.objects(newsletter, URIRef(D + "hasProcess"))
        if (p, URIRef(D + "hasProcessing"), URIRef(D + "CrossBorderTransfer")) in graph
    ]
    assert len(transfers) == 1
    assert URIRef(GDPR + "A45-3") in set(graph.objects(transfers[0], URIRef(D + "hasLegalBasis")))
