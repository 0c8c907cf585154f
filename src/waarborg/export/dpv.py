"""The register as a W3C DPV 2.x record of processing activities (RDF).

One ``dpv:ROPA`` names the controller and holds one ``dpv:Process`` per
activity with its purposes, personal data, data subjects, legal basis,
recipients, storage duration, transfers and security measures, following the
DPV primer's pattern. Terms come from the taxonomy's DPV IRIs and the allowlist
in :mod:`waarborg.export.dpv_terms`; the company's own nodes live under its own
IRI (the statement's URL, else its website). Every node has an IRI, no blank
nodes, so the Turtle output is byte-stable.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from waarborg.export.dpv_terms import iri, location
from waarborg.register import (
    Activity,
    Address,
    Duration,
    LocalText,
    Party,
    Register,
    RetentionRule,
)
from waarborg.register.organisation import Contact
from waarborg.register.taxonomy import PREFIXES, Kind
from waarborg.statement.render import phrases

_ROLE_CLASS = {
    "processor": "dpv:DataProcessor",
    "sub-processor": "dpv:DataSubProcessor",
    "third-party": "dpv:ThirdParty",
    "joint-controller": "dpv:JointDataControllers",
    "authority": "dpv:Authority",
}
_ROLE_PROPERTY = {
    "processor": "dpv:hasDataProcessor",
    "sub-processor": "dpv:hasDataProcessor",
    "third-party": "dpv:hasThirdParty",
}
_SOURCE_CLASS = {
    "data-subject": "dpv:DataSubjectDataSource",
    "observed": "dpv:DataSubjectDataSource",
    "third-party": "dpv:ThirdPartyDataSource",
    "public": "dpv:PublicDataSource",
}


def _u(term: str) -> URIRef:
    return URIRef(iri(term))


class _Builder:
    def __init__(self, register: Register):
        self.register = register
        self.graph = Graph()
        self.ns = Namespace(base_iri(register))
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace)
        self.graph.bind("dct", DCTERMS)
        self.graph.bind("", self.ns)
        self.words = {lang: phrases(register, lang) for lang in register.statement.languages}

    def add(self, subject: URIRef, predicate: str | URIRef, obj: URIRef | Literal) -> None:
        # URIRef is a str too: only plain compact names go through the allowlist.
        full = predicate if isinstance(predicate, URIRef) else _u(predicate)
        self.graph.add((subject, full, obj))

    def texts(self, subject: URIRef, predicate: URIRef, text: LocalText | None) -> None:
        if text is None:
            return
        for lang in sorted(text.languages()):
            self.graph.add((subject, predicate, Literal(text.get(lang), lang=lang)))

    def term(self, kind: Kind, term_id: str, cls: str) -> list[URIRef]:
        """The taxonomy's DPV IRIs for a term; a company node when it has none."""
        term = self.register.vocabulary.term(kind, term_id)
        if term.dpv:
            return [URIRef(full) for full in term.dpv_iris()]
        node = self.ns[f"{kind.replace('_', '-')}-{term_id}"]
        self.add(node, RDF.type, _u(cls))
        for lang in ("nl", "en"):
            self.graph.add((node, RDFS.label, Literal(term.label(lang), lang=lang)))
        return [node]


def base_iri(register: Register) -> str:
    """Where the company's own nodes live: its statement URL or website, else a URN."""
    url = register.statement.url or register.organisation.website
    if url:
        base = url.split("#")[0]
        return base + ("#" if urlsplit(base).path else "/#")
    slug = re.sub(r"[^a-z0-9]+", "-", register.organisation.name.lower()).strip("-")
    return f"urn:waarborg:{slug or 'organisation'}:"


def dpv_graph(register: Register) -> Graph:
    """The register as an RDF graph in DPV 2.x terms."""
    b = _Builder(register)
    ropa = b.ns["ropa"]
    controller = _controller(b)
    b.add(ropa, RDF.type, _u("dpv:ROPA"))
    b.add(ropa, DCTERMS.title, Literal(f"ROPA {register.organisation.name}"))
    b.add(ropa, DCTERMS.hasVersion, Literal(register.statement.version))
    b.add(ropa, DCTERMS.date, Literal(register.statement.effective_date, datatype=XSD.date))
    b.add(ropa, "dpv:hasDataController", controller)
    b.add(ropa, "dpv:hasApplicableLaw", _u("legal-eu:law-GDPR"))
    if register.organisation.supervisory_authority == "autoriteit-persoonsgegevens":
        b.add(ropa, "dpv:hasAuthority", _u("legal-nl:DPA-NL"))
    for right in register.vocabulary.terms("rights"):
        for full in right.dpv_iris():
            b.add(ropa, "dpv:hasRight", URIRef(full))
    parties = {party.id: _party(b, party) for party in register.parties}
    for activity in register.activities:
        b.add(ropa, "dpv:hasProcess", _process(b, activity, controller, parties))
    return b.graph


def _controller(b: _Builder) -> URIRef:
    org = b.register.organisation
    node = b.ns["controller"]
    b.add(node, RDF.type, _u("dpv:DataController"))
    _contact_literals(b, node, org.name, org.email, org.phone, org.address)
    country = location(org.address.country) if org.address else None
    if country:
        b.add(node, "dpv:hasJurisdiction", URIRef(country))
    for key, role, prop in (
        ("dpo", "dpv:DataProtectionOfficer", "dpv:hasDataProtectionOfficer"),
        ("representative", "dpv:Representative", "dpv:hasRepresentative"),
    ):
        contact: Contact | None = getattr(org, key)
        if contact is not None:
            person = b.ns[key]
            b.add(person, RDF.type, _u(role))
            _contact_literals(
                b, person, contact.name, contact.email, contact.phone, contact.address
            )
            b.add(node, prop, person)
    return node


def _contact_literals(
    b: _Builder,
    node: URIRef,
    name: str | None,
    email: str | None,
    phone: str | None,
    address: Address | None,
) -> None:
    if name:
        b.add(node, "dpv:hasName", Literal(name))
    if address is not None and address.lines():
        b.add(node, "dpv:hasAddress", Literal(", ".join(address.lines())))
    for value in (f"mailto:{email}" if email else None, f"tel:{phone}" if phone else None):
        if value:
            b.add(node, "dpv:hasContact", Literal(value))


def _party(b: _Builder, party: Party) -> URIRef:
    node = b.ns[f"party-{party.id}"]
    b.add(node, RDF.type, _u(_ROLE_CLASS[party.role]))
    b.texts(node, RDFS.label, party.name)
    name = party.name.nl or party.name.en
    if name:
        b.add(node, "dpv:hasName", Literal(name))
    country = location(party.country) if party.country else None
    if country:
        b.add(node, "dpv:hasLocation", URIRef(country))
    return node


def _process(
    b: _Builder, activity: Activity, controller: URIRef, parties: dict[str, URIRef]
) -> URIRef:
    node = b.ns[f"activity-{activity.id}"]
    b.add(node, RDF.type, _u("dpv:Process"))
    b.texts(node, DCTERMS.title, activity.title)
    b.texts(node, DCTERMS.description, activity.description)
    b.add(node, "dpv:hasDataController", controller)
    for prop, kind, cls, ids in (
        ("dpv:hasPurpose", "purposes", "dpv:Purpose", activity.purposes),
        (
            "dpv:hasPersonalData",
            "data_categories",
            "dpv:PersonalData",
            [*activity.data_categories, *activity.claimed_not_personal],
        ),
        ("dpv:hasDataSubject", "data_subjects", "dpv:DataSubject", activity.data_subjects),
    ):
        for term_id in dict.fromkeys(ids):
            for target in b.term(kind, term_id, cls):  # type: ignore[arg-type]
                b.add(node, prop, target)
    _legal_basis(b, node, activity)
    _recipients(b, node, activity, parties)
    _retention(b, node, activity.id, activity.retention)
    _context(b, node, activity)
    for measure in b.register.security_measures:
        for target in b.term(
            "security_measures", measure.measure, "dpv:TechnicalOrganisationalMeasure"
        ):
            b.add(node, "dpv:hasTechnicalOrganisationalMeasure", target)
    return node


def _legal_basis(b: _Builder, node: URIRef, activity: Activity) -> None:
    basis = activity.legal_basis
    grounds = [("legal_bases", basis.basis)]
    if basis.special_category_ground:
        grounds.append(("special_category_grounds", basis.special_category_ground))
    for kind, term_id in grounds:
        for full in b.register.vocabulary.term(kind, term_id).dpv_iris():  # type: ignore[arg-type]
            b.add(node, "dpv:hasLegalBasis", URIRef(full))


def _recipients(b: _Builder, node: URIRef, activity: Activity, parties: dict[str, URIRef]) -> None:
    for party_id in activity.recipients:
        party = b.register.party(party_id)
        target = parties[party_id]
        b.add(node, "dpv:hasRecipient", target)
        if party.role in _ROLE_PROPERTY:
            b.add(node, _ROLE_PROPERTY[party.role], target)
        if party.outside_eea and party.country:
            _transfer(b, node, activity.id, party, target)


def _transfer(b: _Builder, node: URIRef, activity_id: str, party: Party, target: URIRef) -> None:
    transfer = b.ns[f"activity-{activity_id}-transfer-{party.id}"]
    b.add(node, "dpv:hasProcess", transfer)
    b.add(transfer, RDF.type, _u("dpv:Process"))
    b.add(transfer, "dpv:hasProcessing", _u("dpv:CrossBorderTransfer"))
    b.add(transfer, "dpv:hasRecipient", target)
    country = location(party.country or "")
    if country:
        b.add(node, "dpv:hasThirdCountry", URIRef(country))
        b.add(transfer, "dpv:hasThirdCountry", URIRef(country))
    if party.transfer_safeguard:
        term = b.register.vocabulary.term("transfer_safeguards", party.transfer_safeguard)
        for full in term.dpv_iris():
            b.add(transfer, "dpv:hasLegalBasis", URIRef(full))


def _retention(b: _Builder, node: URIRef, activity_id: str, rule: RetentionRule) -> None:
    if not rule.stated:
        return  # the statement gives no term: nothing to claim
    condition = b.ns[f"activity-{activity_id}-storage"]
    duration = b.ns[f"activity-{activity_id}-duration"]
    b.add(node, "dpv:hasStorageCondition", condition)
    b.add(condition, RDF.type, _u("dpv:StorageDuration"))
    b.add(condition, "dpv:hasDuration", duration)
    b.add(
        duration,
        RDF.type,
        _u("dpv:UntilEventDuration" if rule.open_ended else "dpv:TemporalDuration"),
    )
    total = rule.total()
    if not total.is_zero:
        b.add(duration, "dpv:hasDuration", Literal(_iso(total), datatype=XSD.duration))
    for lang, words in b.words.items():
        b.add(duration, DCTERMS.description, Literal(str(words.retention_term(rule)), lang=lang))


def _context(b: _Builder, node: URIRef, activity: Activity) -> None:
    b.add(node, "dpv:hasDataSource", _u(_SOURCE_CLASS[activity.source.kind]))
    if activity.source.kind == "observed":
        b.add(node, "dpv:hasProcessing", _u("dpv:Observe"))
    if activity.profiling is not None and activity.profiling.combines_data:
        b.add(node, "dpv:hasProcessing", _u("dpv:Profiling"))
    if activity.profiling is not None and activity.profiling.automated_decisions:
        b.add(node, "dpv:hasContext", _u("dpv:AutomatedDecisionMaking"))
    if activity.large_scale:
        b.add(node, "dpv:hasProcessingScale", _u("dpv:LargeScaleProcessing"))


def _iso(duration: Duration) -> str:
    """xsd:duration has no weeks, so they count as days."""
    parts = [
        (duration.years, "Y"),
        (duration.months, "M"),
        (duration.weeks * 7 + duration.days, "D"),
    ]
    return "P" + "".join(f"{amount}{unit}" for amount, unit in parts if amount)


def dpv_turtle(register: Register) -> str:
    return dpv_graph(register).serialize(format="turtle")


def dpv_jsonld(register: Register) -> str:
    """JSON-LD with a context of just the prefixes the export uses."""
    context = {
        **PREFIXES,
        "dct": str(DCTERMS),
        "rdf": str(RDF),
        "rdfs": str(RDFS),
        "xsd": str(XSD),
    }
    return dpv_graph(register).serialize(format="json-ld", context=context, indent=2)
