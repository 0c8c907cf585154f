"""The register as a fideslang 3.x manifest: the organisation, one system for the
company's own processing with a privacy declaration per activity and purpose, and
one system per recipient with the data flows to it.

Only keys of the fideslang default taxonomy are used (the taxonomy's
``fideslang`` entries); a term without one is left out of the declaration rather
than guessed. Loading the manifest into ``fideslang.models.Taxonomy`` validates it
(see the tests).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from waarborg.register import Activity, LocalText, Party, Register
from waarborg.register.taxonomy import Kind
from waarborg.statement.render import phrases

_RESPONSIBILITY = {
    "processor": "Processor",
    "sub-processor": "Sub-Processor",
    "third-party": "Controller",
    "joint-controller": "Controller",
    "authority": "Controller",
}
_SPECIAL_BASIS = {
    "explicit-consent": "Explicit consent",
    "employment": "Employment, social security and social protection",
    "vital-interests": "Vital interests",
    "not-for-profit": "Not-for-profit bodies",
    "made-public": "Made public by the data subject",
    "legal-claims": "Legal claims or judicial acts",
    "substantial-public-interest": "Reasons of substantial public interest (with a basis in law)",
    "health-care": "Health or social care (with a basis in law)",
    "public-health": "Public health (with a basis in law)",
    "research": "Archiving, research and statistics (with a basis in law)",
}


def fides_key(text: str) -> str:
    """A fides_key: letters, digits, underscores (fideslang's FidesKey pattern)."""
    return re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_").lower() or "key"


def _keys(register: Register, kind: Kind, ids: list[str]) -> list[str]:
    found: list[str] = []
    for term_id in ids:
        for key in register.vocabulary.term(kind, term_id).fideslang:
            if key not in found:
                found.append(key)
    return found


def fideslang_manifest(register: Register) -> dict[str, Any]:
    """``{"organization": [...], "system": [...]}`` as fideslang models expect it."""
    org = register.organisation
    org_key = fides_key(org.name)
    own = _own_system(register, org_key)
    systems = [
        own,
        *(_party_system(register, p, org_key, own["fides_key"]) for p in register.parties),
    ]
    organization = {"fides_key": org_key, "name": org.name, "controller": _contact(register)}
    return {"organization": [organization], "system": [_drop_none(s) for s in systems]}


def _own_system(register: Register, org_key: str) -> dict[str, Any]:
    """The company's own processing: a declaration per activity and purpose."""
    org = register.organisation
    return {
        "fides_key": fides_key(f"{org.name} processing"),
        "organization_fides_key": org_key,
        "name": org.display_name(),
        "description": f"Register of processing activities, version {register.statement.version}",
        "system_type": "Service",
        "legal_name": org.name,
        "legal_address": ", ".join(org.address.lines()) if org.address else None,
        "responsibility": ["Controller"],
        "privacy_policy": register.statement.url,
        "uses_profiling": any(a.profiling for a in register.activities),
        "uses_cookies": bool(register.cookies),
        "does_international_transfers": any(p.outside_eea for p in register.parties),
        "privacy_declarations": [
            declaration
            for activity in register.activities
            for declaration in _declarations(register, activity)
        ],
        "egress": [_flow(register, fides_key(party.id), party) for party in register.parties],
    }


def _flow(register: Register, key: str, party: Party) -> dict[str, Any]:
    """A data flow to or from a recipient, with what it receives."""
    categories = _keys(register, "data_categories", party.receives)
    return _drop_none({"fides_key": key, "type": "system", "data_categories": categories or None})


def _en(text: LocalText) -> str:
    """English where the register has it (fideslang is read in English), else Dutch."""
    return text.en or text.nl or ""


def _declarations(register: Register, activity: Activity) -> list[dict[str, Any]]:
    """One declaration per purpose: fideslang allows one data use per declaration."""
    categories = _keys(
        register, "data_categories", [*activity.data_categories, *activity.claimed_not_personal]
    )
    basis = register.vocabulary.term("legal_bases", activity.basis).fideslang
    special = activity.legal_basis.special_category_ground
    recipients = ", ".join(_en(register.party(r).name) for r in activity.recipients)
    retention = str(phrases(register, "en").retention_term(activity.retention))
    return [
        _drop_none(
            {
                "name": _en(activity.title),
                "data_use": data_use,
                "data_categories": list(categories),
                "data_subjects": _keys(register, "data_subjects", activity.data_subjects),
                "legal_basis_for_processing": basis[0] if basis else None,
                "retention_period": retention,
                "processes_special_category_data": special is not None,
                "special_category_legal_basis": _SPECIAL_BASIS.get(special or ""),
                "data_shared_with_third_parties": bool(recipients),
                "third_parties": recipients or None,
            }
        )
        for data_use in _keys(register, "purposes", activity.purposes)
    ]


def _party_system(register: Register, party: Party, org_key: str, own: str) -> dict[str, Any]:
    return {
        "fides_key": fides_key(party.id),
        "organization_fides_key": org_key,
        "name": _en(party.name),
        "system_type": "Service",
        "responsibility": [_RESPONSIBILITY[party.role]],
        "privacy_declarations": [],
        "privacy_policy": party.privacy_policy_url,
        "does_international_transfers": party.outside_eea,
        "ingress": [_flow(register, own, party)],
    }


def _contact(register: Register) -> dict[str, str]:
    org = register.organisation
    address = ", ".join(org.address.lines()) if org.address else None
    details = {"name": org.name, "address": address, "email": org.email, "phone": org.phone}
    return {key: value for key, value in details.items() if value}


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


def fideslang_yaml(register: Register) -> str:
    return yaml.safe_dump(fideslang_manifest(register), sort_keys=False, allow_unicode=True)
