"""A register with nothing wrong in it, and helpers to break it one fact at a time.

Each check is tested on a copy of :func:`clean` changed so that the check must fire
(the trigger), and on a copy changed almost as much but still lawful (the near miss).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from waarborg.check import Finding, run_checks
from waarborg.register import parse_register

Data = dict[str, Any]
Change = Callable[[Data], object]

_CLEAN: Data = {
    "waarborg": 1,
    "organisation": {
        "name": "Hostwerk B.V.",
        "address": {"street": "Stationsplein 8", "postcode": "3511 ED", "city": "Utrecht"},
        "coc_number": "30211468",
        "email": "info@hostwerk.nl",
        "phone": "030 231 0472",
    },
    "statement": {"version": "1", "effective_date": "2025-01-01", "languages": ["nl"]},
    "activities": [
        {
            "id": "orders",
            "title": "Bestellingen",
            "purposes": ["order-handling", "delivery", "payment"],
            "data_subjects": ["customer"],
            "data_categories": ["naw", "email", "payment-details"],
            "legal_basis": "contract",
            "retention": "order-completed + 3 months",
            "recipients": ["postnl", "mollie"],
        },
        {
            "id": "invoicing",
            "title": "Facturen",
            "purposes": ["invoicing"],
            "data_categories": ["naw", "billing-address", "order-details"],
            "legal_basis": "legal-obligation",
            "retention": {
                "after": "invoice-date",
                "keep": "7 years",
                "count_from": "end-of-book-year",
                "obligation": "fiscal",
            },
            "recipients": ["moneybird"],
        },
        {
            "id": "newsletter",
            "title": "Nieuwsbrief",
            "purposes": ["newsletter"],
            "data_categories": ["email"],
            "legal_basis": "consent",
            "retention": "until unsubscribed",
            "consent": {"method": "double-opt-in", "withdraw": ["unsubscribe-link"]},
        },
        {
            "id": "statistics",
            "title": "Statistieken",
            "purposes": ["analytics"],
            "data_categories": ["ip-address", "website-activity"],
            "legal_basis": {
                "basis": "legitimate-interest",
                "interest": "weten welke pagina's bezoekers lezen",
            },
            "retention": "collected + 14 months",
            "recipients": ["google"],
            "source": {"kind": "observed"},
        },
    ],
    "parties": [
        {
            "id": "postnl",
            "name": "PostNL",
            "role": "third-party",
            "kind": "delivery-service",
            "receives": ["naw"],
        },
        {
            "id": "mollie",
            "name": "Mollie",
            "role": "processor",
            "kind": "payment-provider",
            "processor_agreement": True,
            "country": "NL",
        },
        {
            "id": "moneybird",
            "name": "Moneybird",
            "role": "processor",
            "kind": "accounting",
            "processor_agreement": True,
            "country": "NL",
        },
        {
            "id": "google",
            "name": "Google",
            "role": "processor",
            "kind": "analytics-provider",
            "processor_agreement": True,
            "country": "US",
            "transfer_safeguard": "data-privacy-framework",
        },
    ],
    "cookies": [
        {
            "id": "ga",
            "name": "_ga",
            "provider": "google",
            "service": "Google Analytics",
            "category": "analytics",
            "purpose": "tellen hoe bezoekers de website gebruiken",
            "duration": "14 months",
            "consent_required": False,
            "no_consent_reason": "privacyvriendelijk ingesteld volgens de handleiding van de AP",
            "analytics": {
                "processor_agreement": True,
                "ip_masking": True,
                "data_sharing_off": True,
                "advertising_off": True,
                "user_id_off": True,
                "visitors_informed": True,
            },
        },
    ],
    "cookie_policy": {"consent_mechanism": "banner"},
    "rights": {
        "offered": [
            "access",
            "rectification",
            "erasure",
            "restriction",
            "objection",
            "portability",
            "withdraw-consent",
            "complaint",
        ],
        "response_term": "1 month",
        "verification": {"methods": ["known-email", "account"]},
        "channels": [{"kind": "email", "address": "privacy@hostwerk.nl"}],
    },
}


def clean() -> Data:
    """A fresh copy of the register without findings."""
    return copy.deepcopy(_CLEAN)


def activity(data: Data, activity_id: str) -> Data:
    return next(a for a in data["activities"] if a["id"] == activity_id)


def party(data: Data, party_id: str) -> Data:
    return next(p for p in data["parties"] if p["id"] == party_id)


def _node(data: Data, path: tuple[str | int, ...]) -> Any:
    """Follow ``path``; in a list a string step picks the item with that id."""
    node: Any = data
    for step in path:
        if isinstance(node, list) and isinstance(step, str):
            node = next(item for item in node if item.get("id") == step)
        else:
            node = node.setdefault(step, {}) if isinstance(node, dict) else node[step]
    return node


def put(*path: str | int, value: Any) -> Change:
    """Set ``path`` (e.g. ``"activities", "orders", "legal_basis"``) to ``value``."""
    return lambda data: _node(data, path[:-1]).__setitem__(path[-1], copy.deepcopy(value))


def drop(*path: str | int) -> Change:
    return lambda data: _node(data, path[:-1]).pop(path[-1])


def add(*path: str | int, item: Any) -> Change:
    """Append ``item`` to the list at ``path`` (created when missing)."""
    return lambda data: _node(data, path[:-1]).setdefault(path[-1], []).append(copy.deepcopy(item))


def remove(*path: str | int, item: Any) -> Change:
    return lambda data: _node(data, path).remove(item)


def both(*changes: Change) -> Change:
    def apply(data: Data) -> None:
        for change in changes:
            change(data)

    return apply


def changed(change: Change) -> Data:
    data = clean()
    change(data)
    return data


def findings(data: Data) -> list[Finding]:
    """Write ``data`` as YAML, load it as a user's file would be, and check it."""
    return run_checks(parse_register(yaml.safe_dump(data, sort_keys=False), "register.yaml"))


def found(data: Data) -> set[tuple[str, str]]:
    """(check id, path) of every finding."""
    return {(f.check, f.path) for f in findings(data)}


@dataclass(frozen=True)
class Case:
    """A check, where it must report, a change that must trigger it and one that must not."""

    check: str
    path: str
    trigger: Change
    near_miss: Change

    def __str__(self) -> str:
        return self.check
