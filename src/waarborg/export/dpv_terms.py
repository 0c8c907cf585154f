"""Every W3C DPV term the DPV export writes that is not a taxonomy IRI.

The taxonomy (``register/data/taxonomy.yaml``) carries its own DPV IRIs. The
classes, properties and locations below are the rest; each was looked up in the
DPV 2.3 term lists (``2.3/dpv/dpv.csv``, ``2.3/loc/loc.csv``,
``2.3/legal/eu/legal-eu.csv``, ``2.3/legal/nl/legal-nl.csv`` of w3c/dpv), and
``tests/export/test_dpv.py`` checks them again against those lists. The
exporter uses nothing else from the DPV namespaces.
"""

from __future__ import annotations

from waarborg.register import EEA_COUNTRIES
from waarborg.register.taxonomy import expand_iri

CLASSES = (
    "dpv:ROPA",
    "dpv:Process",
    "dpv:Purpose",
    "dpv:PersonalData",
    "dpv:DataSubject",
    "dpv:DataController",
    "dpv:DataProcessor",
    "dpv:DataSubProcessor",
    "dpv:ThirdParty",
    "dpv:JointDataControllers",
    "dpv:Authority",
    "dpv:DataProtectionOfficer",
    "dpv:Representative",
    "dpv:StorageDuration",
    "dpv:TemporalDuration",
    "dpv:UntilEventDuration",
    "dpv:CrossBorderTransfer",
    "dpv:TechnicalOrganisationalMeasure",
    "dpv:DataSubjectDataSource",
    "dpv:ThirdPartyDataSource",
    "dpv:PublicDataSource",
    "dpv:Observe",
    "dpv:Profiling",
    "dpv:AutomatedDecisionMaking",
    "dpv:LargeScaleProcessing",
)
PROPERTIES = (
    "dpv:hasProcess",
    "dpv:hasPurpose",
    "dpv:hasPersonalData",
    "dpv:hasDataSubject",
    "dpv:hasLegalBasis",
    "dpv:hasDataController",
    "dpv:hasRecipient",
    "dpv:hasDataProcessor",
    "dpv:hasThirdParty",
    "dpv:hasStorageCondition",
    "dpv:hasDuration",
    "dpv:hasThirdCountry",
    "dpv:hasLocation",
    "dpv:hasProcessing",
    "dpv:hasTechnicalOrganisationalMeasure",
    "dpv:hasDataSource",
    "dpv:hasContext",
    "dpv:hasProcessingScale",
    "dpv:hasName",
    "dpv:hasAddress",
    "dpv:hasContact",
    "dpv:hasDataProtectionOfficer",
    "dpv:hasRepresentative",
    "dpv:hasRight",
    "dpv:hasApplicableLaw",
    "dpv:hasJurisdiction",
    "dpv:hasAuthority",
)
LAWS = ("legal-eu:law-GDPR", "legal-nl:DPA-NL")

# Countries the export names with a DPV location IRI: the EEA and the usual
# destinations of transfers. Other countries are described by their code only.
COUNTRIES = tuple(
    sorted(
        EEA_COUNTRIES
        | {"US", "GB", "CH", "CA", "JP", "KR", "NZ", "IL", "AU", "IN", "SG", "BR", "UY", "AR"}
    )
)

ALLOWED: frozenset[str] = frozenset(
    expand_iri(term)
    for term in (*CLASSES, *PROPERTIES, *LAWS, *(f"loc:{code}" for code in COUNTRIES))
)


def iri(term: str) -> str:
    """The full IRI of an allowlisted term; anything else is a programming error."""
    full = expand_iri(term)
    if full not in ALLOWED:
        raise KeyError(f"{term} is not in the DPV allowlist (waarborg.export.dpv_terms)")
    return full


def location(country: str) -> str | None:
    """The DPV location IRI of a country, when it is on the list."""
    return expand_iri(f"loc:{country}") if country in COUNTRIES else None
