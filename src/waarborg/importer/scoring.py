"""Precision and recall of an imported register against a hand-written one.

Activities are paired by title and purposes (greedy, best pair first). Each field
is then a set of facts, keyed by the expected activity an imported one is paired
with, so a fact of an unpaired activity counts against both precision and recall:

- ``data_categories``, ``legal_basis``: per activity, plus the global lists
- ``retention_anchor`` (including ``unstated``), ``retention_duration`` (the
  periods, e.g. "6 months|7 years"), ``retention_obligation`` (only where stated)
- ``recipients`` per activity and ``parties`` overall, a party known by its kind and,
  for a named company, its name
- ``rights`` offered, ``response_term``, ``channels`` (channel and its opt-outs)
- ``organisation`` (name, address, contact details) and ``statement`` (date, version)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from waarborg.register import Activity, Party, Register

FIELDS = (
    "activities", "data_categories", "legal_basis", "retention_anchor", "retention_duration",
    "retention_obligation", "recipients", "parties", "rights", "response_term", "channels",
    "organisation", "statement",
)  # fmt: skip
# fmt: off
_STOP = frozenset((
    "de", "het", "een", "van", "en", "uw", "je", "jouw", "onze", "ons", "voor", "met", "over",
    "bij", "u", "we", "wij", "of", "in", "op", "te",
))
# fmt: on
GLOBAL = "*global*"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


def compare(expected: Register, got: Register) -> dict[str, Score]:
    """One :class:`Score` per field in :data:`FIELDS`."""
    pairs = match_activities(expected.activities, got.activities)
    keys = {a.id: pairs.get(a.id, f"imported:{a.id}") for a in got.activities}
    scores = {
        "activities": Score(
            len(pairs), len(got.activities) - len(pairs), len(expected.activities) - len(pairs)
        )
    }
    for field in FIELDS[1:]:
        scores[field] = _score(_facts(field, expected, None), _facts(field, got, keys))
    return scores


def _score(expected: set[tuple[str, ...]], got: set[tuple[str, ...]]) -> Score:
    return Score(len(expected & got), len(got - expected), len(expected - got))


def match_activities(expected: list[Activity], got: list[Activity]) -> dict[str, str]:
    """Imported activity id → expected activity id, best-matching pairs first."""
    candidates = sorted(
        ((_similarity(e, g), e.id, g.id) for e in expected for g in got), reverse=True
    )
    pairs: dict[str, str] = {}
    for similarity, expected_id, got_id in candidates:
        if similarity < 0.34:
            break
        if got_id not in pairs and expected_id not in pairs.values():
            pairs[got_id] = expected_id
    return pairs


def _similarity(expected: Activity, got: Activity) -> float:
    title = _jaccard(_words(expected.title.texts()[0]), _words(got.title.texts()[0]))
    purposes = _jaccard(set(expected.purposes), set(got.purposes))
    same_first = 0.01 if expected.purposes[0] == got.purposes[0] else 0.0
    return max(title, purposes) + same_first


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-zé0-9]+", text.lower()) if w not in _STOP}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _facts(field: str, register: Register, keys: dict[str, str] | None) -> set[tuple[str, ...]]:
    def key(activity: Activity) -> str:
        return keys[activity.id] if keys is not None else activity.id

    parties = {p.id: p for p in register.parties}
    facts: set[tuple[str, ...]] = set()
    for activity in register.activities:
        facts |= {(key(activity), *fact) for fact in _activity_facts(field, activity, parties)}
    return facts | set(_register_facts(field, register))


def _activity_facts(
    field: str, activity: Activity, parties: dict[str, Party]
) -> Iterable[tuple[str, ...]]:
    rule = activity.retention
    if field == "data_categories":
        yield from ((c,) for c in activity.data_categories)
    elif field == "legal_basis":
        yield (activity.legal_basis.basis,)
    elif field == "retention_anchor":
        yield (rule.after or "unstated",)
    elif field == "retention_duration" and not rule.total().is_zero:
        yield ("|".join(str(s.keep) for s in rule.stages()),)
    elif field == "retention_obligation":
        yield from ((o,) for o in rule.obligations())
    elif field == "recipients":
        yield from ((party_key(parties[r]),) for r in activity.recipients if r in parties)
    elif field == "channels":
        for channel in activity.channels:
            yield (channel.channel,)
            yield from ((channel.channel, o) for o in channel.opt_out)


def _register_facts(field: str, register: Register) -> Iterable[tuple[str, ...]]:
    if field == "data_categories":
        yield from ((GLOBAL, c) for c in register.global_data_categories)
    elif field == "legal_basis":
        yield from ((GLOBAL, b) for b in register.global_legal_bases)
    elif field == "parties":
        yield from ((party_key(p),) for p in register.parties)
    elif field == "rights":
        yield from ((r,) for r in register.rights.offered)
    elif field == "response_term" and register.rights.response_term is not None:
        yield (str(register.rights.response_term),)
    elif field == "organisation":
        yield from _organisation_facts(register)
    elif field == "statement" and register.statement.version != "draft":
        yield ("effective_date", register.statement.effective_date.isoformat())
        yield ("version", register.statement.version)


def party_key(party: Party) -> str:
    """A party by kind, and by name when the name is a company's ('Mollie')."""
    name = party.name.texts()[0]
    return f"{party.kind}:{name.split()[0].lower()}" if name[:1].isupper() else party.kind


def _organisation_facts(register: Register) -> Iterable[tuple[str, ...]]:
    org = register.organisation
    yield ("name", org.name.lower())
    yield from (("trade_name", t.lower()) for t in org.trade_names)
    if org.address:
        yield from (
            (k, v.lower().replace(" ", ""))
            for k, v in (
                ("street", org.address.street),
                ("postcode", org.address.postcode),
                ("city", org.address.city),
            )
            if v
        )
    for key, value in (("email", org.email), ("coc", org.coc_number)):
        if value:
            yield (key, value.lower())
    if org.phone:
        yield ("phone", re.sub(r"\D", "", org.phone))
    if org.website:
        yield ("website", re.sub(r"^(https?://)?(www\.)?", "", org.website.lower()).rstrip("/"))
