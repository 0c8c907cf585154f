"""The Dutch lexicon (``lexicon.yaml``) compiled for matching.

The phrases are data so that a new statement style needs new lines in a YAML
file, not new code. Matching works on normalised text (lower case, single
spaces); of overlapping matches the longest wins, so a specific phrase such as
"naam, adres en woonplaats" is never also read as the shorter "naam".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

_PLACEHOLDERS = {
    "{uw}": r"(?:uw|jouw|je|jullie)",
    "{u}": r"(?:u|je|jij|jou)",
    "{wij}": r"(?:wij|we|ik)",
    "{n}": r"(?:\d+|[a-zé]+)",
}


def normalise(text: str) -> str:
    """Lower case, straight quotes, single spaces: the form phrases are matched on."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


def compile_phrase(phrase: str, *, bounded: bool = True) -> re.Pattern[str]:
    """A phrase as a pattern; ``bounded`` phrases match whole words only."""
    pattern = phrase
    for placeholder, replacement in _PLACEHOLDERS.items():
        pattern = pattern.replace(placeholder, replacement)
    if not bounded:
        return re.compile(pattern)
    start = r"(?<![\w-])" if phrase[:1].isalnum() or phrase.startswith("{") else ""
    end = r"(?![\w])" if phrase[-1:].isalnum() or phrase.endswith("}") else ""
    return re.compile(start + pattern + end)


@dataclass(frozen=True)
class Hit:
    """One phrase found: the id it stands for and where in the normalised text."""

    id: str
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


class PhraseTable:
    """Phrases of one kind (id → patterns), searched together."""

    def __init__(self, entries: Mapping[str, Iterable[str]], *, bounded: bool = True):
        self.entries = [
            (key, compile_phrase(p, bounded=bounded))
            for key, phrases in entries.items()
            for p in phrases
        ]

    def hits(self, text: str) -> list[Hit]:
        """Non-overlapping matches in ``text`` (already normalised), longest first."""
        found = [
            Hit(key, m.start(), m.end())
            for key, pattern in self.entries
            for m in pattern.finditer(text)
        ]
        chosen: list[Hit] = []
        for hit in sorted(found, key=lambda h: (-h.length, h.start)):
            if all(_apart(hit, c) for c in chosen):
                chosen.append(hit)
        return sorted(chosen, key=lambda h: h.start)

    def ids(self, text: str) -> list[str]:
        """Ids found in ``text`` in order of appearance, each once."""
        return list(dict.fromkeys(h.id for h in self.hits(normalise(text))))

    def first(self, text: str) -> str | None:
        found = self.ids(text)
        return found[0] if found else None

    def any(self, text: str) -> bool:
        norm = normalise(text)
        return any(p.search(norm) for _, p in self.entries)


def _apart(hit: Hit, other: Hit) -> bool:
    """No overlap; the same span may stand for two ids (e-mailverkeer: e-mail, content)."""
    same = (hit.start, hit.end) == (other.start, other.end)
    return same or hit.end <= other.start or hit.start >= other.end


@dataclass(frozen=True)
class Purpose:
    id: str
    title: str
    contractual: bool
    subjects: tuple[str, ...]


@dataclass(frozen=True)
class Service:
    name: str
    party: str
    kind: str
    role: str
    purpose: str | None
    tool: bool


@dataclass(frozen=True)
class GenericRecipient:
    id: str
    name: str
    role: str
    kind: str
    purpose: str | None
    activity: bool
    sharing_only: bool


class Lexicon:
    """Every table of ``lexicon.yaml``, compiled once."""

    def __init__(self, raw: Mapping[str, Any]):
        self.raw = raw
        self.sections = PhraseTable(raw["sections"], bounded=False)
        self.purposes = {p["id"]: _purpose(p) for p in raw["purposes"]}
        self.purpose_headings = PhraseTable(
            {p["id"]: p["headings"] for p in raw["purposes"]}, bounded=False
        )
        self.purpose_phrases = PhraseTable({p["id"]: p["phrases"] for p in raw["purposes"]})
        self.merge_purposes: dict[str, str] = dict(raw["merge_purposes"])
        self.purpose_fallbacks: dict[str, list[str]] = dict(raw["purpose_fallbacks"])
        self.categories = PhraseTable(raw["data_categories"])
        self.fillers = frozenset(raw["filler_words"])
        self.bases = PhraseTable(raw["legal_bases"])
        self.consent_methods = PhraseTable(raw["consent_methods"])
        self.consent_order = list(raw["consent_methods"])
        retention = raw["retention"]
        self.retention_triggers = PhraseTable({"keep": retention["triggers"]})
        self.anchors = PhraseTable(retention["anchors"])
        self.obligations = PhraseTable(retention["obligations"])
        self.duty_without_term = PhraseTable({"duty": retention["duty_without_term"]})
        self.retention_scopes = PhraseTable(retention["scopes"])
        self.label_purposes = PhraseTable(retention["label_purposes"])
        self.default_anchors: dict[str, str] = dict(retention["default_anchors"])
        self.numbers: dict[str, int] = dict(raw["numbers"])
        self.units: dict[str, str] = dict(raw["units"])
        self.recipients = [_recipient(r) for r in raw["recipients"]]
        self.recipient_phrases = PhraseTable({r["id"]: r["phrases"] for r in raw["recipients"]})
        self.processor_agreement = PhraseTable({"yes": raw["processor_agreement"]})
        self.own_purposes = PhraseTable({"own": raw["own_purposes"]})
        self.services = {s["name"]: _service(s) for s in raw["services"]}
        self.service_phrases = PhraseTable(
            {s["name"]: s.get("phrases", [re.escape(s["name"].lower())]) for s in raw["services"]}
        )
        self.not_company_names = frozenset(raw["not_company_names"])
        self.recipient_kinds = PhraseTable(raw["recipient_kinds"], bounded=False)
        self.channels = PhraseTable(raw["marketing_channels"])
        self.opt_outs = PhraseTable({k: v["phrases"] for k, v in raw["opt_out_methods"].items()})
        self.opt_out_channel = {k: v.get("channel") for k, v in raw["opt_out_methods"].items()}
        self.rights = PhraseTable(raw["rights"])
        self.erasure_outdated = PhraseTable({"outdated": raw["erasure_outdated"]})
        self.response_term = [compile_phrase(p) for p in raw["response_term"]]
        self.verification = PhraseTable(raw["verification"])
        self.shielded_fields = PhraseTable(raw["shielded_fields"])
        self.not_personal = PhraseTable({"claim": raw["not_personal"]})
        cookies = raw["cookies"]
        self.cookie_categories = PhraseTable(cookies["categories"])
        self.cookie_mechanisms = PhraseTable(
            {"banner": cookies["banner"], "browser-settings": cookies["browser"]}
        )
        self.cookie_privacy_friendly = PhraseTable({"yes": cookies["privacy_friendly"]})
        self.analytics_settings = PhraseTable(raw["analytics_settings"])
        self.security = PhraseTable(raw["security_measures"])
        self.changes = PhraseTable(raw["changes"])
        self.leftovers = PhraseTable({"leftover": raw["template_leftovers"]})

    def section_topic(self, heading: str) -> str | None:
        """The topic of a heading; one that asks for data and purposes is about purposes."""
        topics = self.sections.ids(heading)
        if "purposes" in topics and "data" in topics:
            return "purposes"
        return topics[0] if topics else None

    def number(self, word: str) -> int | None:
        """'zeven' → 7, '30' → 30; None for a word that is no number."""
        if word.isdigit():
            return int(word)
        return self.numbers.get(word.lower())


def _purpose(raw: Mapping[str, Any]) -> Purpose:
    return Purpose(
        raw["id"], raw["title"], bool(raw.get("contractual")), tuple(raw.get("subjects", ()))
    )


def _service(raw: Mapping[str, Any]) -> Service:
    return Service(
        raw["name"],
        raw.get("party", raw["name"]),
        raw["kind"],
        raw["role"],
        raw.get("purpose"),
        bool(raw.get("tool")),
    )


def _recipient(raw: Mapping[str, Any]) -> GenericRecipient:
    return GenericRecipient(
        raw["id"],
        raw["nl"],
        raw["role"],
        raw["kind"],
        raw.get("purpose"),
        bool(raw.get("activity")),
        bool(raw.get("sharing_only")),
    )


@cache
def lexicon() -> Lexicon:
    source = resources.files("waarborg.importer") / "lexicon.yaml"
    return Lexicon(yaml.safe_load(source.read_text(encoding="utf-8")))
