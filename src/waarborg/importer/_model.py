"""What the importer builds before it becomes a register: values with their source.

Every value carries the sentence it came from and a confidence between 0 and 1,
so the draft can say where each fact was read and which ones to check first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from waarborg.importer._document import Document, Sentence

LOW_CONFIDENCE = 0.6
"""Values below this are marked in the YAML and listed first in the report."""


@dataclass
class Value:
    """One extracted value, the sentence it came from, and how sure we are."""

    value: Any
    sentence: Sentence | None
    confidence: float
    note: str = ""


@dataclass(frozen=True)
class Trace:
    """Where one value of the draft register came from."""

    path: tuple[str | int, ...]
    value: str
    sentence: Sentence | None
    confidence: float
    note: str = ""

    @property
    def low(self) -> bool:
        return self.confidence < LOW_CONFIDENCE

    @property
    def dotted(self) -> str:
        return ".".join(f"[{p}]" if isinstance(p, int) else p for p in self.path).replace(".[", "[")


@dataclass(frozen=True)
class Note:
    """Something the importer saw but could not use: an unknown phrase, a leftover."""

    kind: str
    text: str
    sentence: Sentence | None


@dataclass
class ActivityDraft:
    title: str
    section: int
    sentences: list[Sentence] = field(default_factory=list)
    purposes: list[Value] = field(default_factory=list)
    categories: list[Value] = field(default_factory=list)
    not_personal: list[Value] = field(default_factory=list)
    basis: Value | None = None
    retention: Value | None = None
    recipients: list[Value] = field(default_factory=list)
    consent: Value | None = None
    channels: Value | None = None
    profiling: Value | None = None
    source: str | None = None
    description: list[Sentence] = field(default_factory=list)
    details: list[Sentence] = field(default_factory=list)
    leftover: bool = False

    def purpose_ids(self) -> list[str]:
        return list(dict.fromkeys(str(v.value) for v in self.purposes))

    def add_purpose(self, purpose: str, sentence: Sentence | None, confidence: float) -> None:
        if purpose not in self.purpose_ids():
            self.purposes.append(Value(purpose, sentence, confidence))

    def add_category(self, category: str, sentence: Sentence | None, confidence: float) -> None:
        if category not in {v.value for v in self.categories}:
            self.categories.append(Value(category, sentence, confidence))

    def add_recipient(self, party: str, sentence: Sentence | None, confidence: float) -> None:
        if party not in {v.value for v in self.recipients}:
            self.recipients.append(Value(party, sentence, confidence))


@dataclass
class PartyDraft:
    id: str
    name: str
    role: str
    kind: str
    sentence: Sentence | None
    confidence: float
    processor_agreement: bool | None = None
    description: list[Sentence] = field(default_factory=list)
    own_purposes: Sentence | None = None


@dataclass
class GlobalRule:
    """A retention rule stated once for several activities, with its scope."""

    rule: dict[str, Any]
    sentence: Sentence
    confidence: float
    purposes: list[str]
    scope: str  # "purposes", "contractual", "rest", "all", "fallback"


@dataclass
class Draft:
    """Everything extracted so far; :mod:`._assemble` turns it into a register."""

    doc: Document
    activities: list[ActivityDraft] = field(default_factory=list)
    parties: dict[str, PartyDraft] = field(default_factory=dict)
    global_categories: list[Value] = field(default_factory=list)
    global_bases: list[Value] = field(default_factory=list)
    global_rules: list[GlobalRule] = field(default_factory=list)
    top: dict[tuple[str | int, ...], Value] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    free_text: list[Sentence] = field(default_factory=list)
    own_purposes: dict[str, str] = field(default_factory=dict)

    def use(self, *sentences: Sentence | None) -> None:
        self.used.update(s.id for s in sentences if s is not None)

    def note(self, kind: str, text: str, sentence: Sentence | None = None) -> None:
        self.notes.append(Note(kind, text, sentence))

    def set(self, path: tuple[str | int, ...], value: Value) -> None:
        """A value outside the activities (organisation, rights, …) at ``path``."""
        self.top[path] = value
        self.use(value.sentence)

    def activity_with(self, purpose: str) -> ActivityDraft | None:
        for activity in self.activities:
            if purpose in activity.purpose_ids():
                return activity
        return None
