"""The facts of one activity, read from its sentences.

Each function reads one kind of fact (data categories, legal basis, retention,
recipients, consent, marketing channels) from the sentences of an activity and
records the sentence it used. Categories are only read from sentences that say
data is used ("Hiervoor gebruiken wij uw …", "Mollie verwerkt uw …"), never from
a sentence that merely mentions a word such as "gebruikersnaam".
"""

from __future__ import annotations

import re

from waarborg.importer._document import Sentence
from waarborg.importer._lexicon import Lexicon, normalise
from waarborg.importer._model import ActivityDraft, Draft, PartyDraft, Value
from waarborg.importer._retention import is_retention_sentence, parse_retention, with_anchor

_DATA_VERBS = re.compile(
    r"\b(gebruiken|gebruikt|gebruik (van|ik)|verwerken|verwerkt|verwerk ik|noteren|noteert|"
    r"noteer ik|plaats(en)? (ik|wij|we)|delen|deelt|deel ik|"
    r"gedeeld|verzamelen|verzamelt|verzameld|bijgehouden|bijhouden|vragen (wij|we) (je|uw|jouw)|"
    r"waaronder|hebben (wij|we) nodig|houden (wij|we)\b.*\bbij|geven (wij|we)\b.*\bdoor|doorgeven|"
    r"verstrekken|verstrekt)\b|^(uw|je|jouw) [\w-]+ (wordt|worden)\b"
)
_LIST_START = re.compile(
    r"\b(?:gebruiken|verwerken|noteren|delen|verwerkt|nodig|waaronder)\s+"
    r"(?:(?:wij|we|daarvoor|alleen|hiervoor|ook)\s+)*(?:uw|je|jouw)\s+(.*)$"
)


def is_data_sentence(lex: Lexicon, sentence: Sentence) -> bool:
    norm = sentence.norm
    if lex.verification.any(norm) and "identiteitsbewijs" in norm:
        return False
    return bool(_DATA_VERBS.search(norm)) or lex.not_personal.any(norm)


def read_categories(
    draft: Draft, activity: ActivityDraft, sentences: list[Sentence], *, every: bool = False
) -> None:
    """Categories from the data sentences (or, with ``every``, from all sentences)."""
    lex = draft_lexicon()
    for sentence in sentences:
        if not every and not is_data_sentence(lex, sentence):
            continue
        found = lex.categories.ids(sentence.text)
        for category in found:
            activity.add_category(category, sentence, 0.9)
        if found:
            draft.use(sentence)
            report_unknown_items(draft, sentence)
        if found and lex.not_personal.any(sentence.text):
            activity.not_personal.extend(Value(c, sentence, 0.9) for c in found)


def report_unknown_items(draft: Draft, sentence: Sentence) -> None:
    """List items that match no category are reported, never silently dropped."""
    lex = draft_lexicon()
    if re.search(r"(?:,|\ben)\s+\.\s+(?:en\b|,)", sentence.norm):
        draft.note("artefact", "'. en' in a list (template leftover)", sentence)
    match = _LIST_START.search(sentence.norm)
    if not match:
        return
    tail = match.group(1)
    for hit in reversed(lex.categories.hits(tail)):
        tail = f"{tail[: hit.start]}|{tail[hit.end :]}"
    tail = re.split(r"\b(?:om|zodat|omdat|met|voor|bij|zoals)\b|\(|\.(?:\s|$)", tail)[0]
    for raw in re.split(r",|\||\ben\b|\bof\b", tail):
        item = re.sub(r"\b(uw|je|jouw|de|het|een)\b", " ", raw).strip(" .;:")
        item = " ".join(item.split())
        if not item or item == ".":
            continue
        if item not in lex.fillers and len(item) < 60:
            draft.note("unknown-category", item, sentence)


def read_basis(draft: Draft, activity: ActivityDraft, sentences: list[Sentence]) -> None:
    lex = draft_lexicon()
    for sentence in sentences:
        if is_retention_sentence(lex, sentence.text):
            continue
        basis = lex.bases.first(sentence.text)
        if basis is None:
            continue
        confidence = 0.95 if "op basis van" in sentence.norm else 0.85
        value = Value(basis, sentence, confidence)
        if basis == "legitimate-interest":
            value.note = _interest(sentence.text)
        activity.basis = activity.basis or value
        draft.use(sentence)
    if activity.basis is None:
        _basis_from_retention(activity, sentences)


def _basis_from_retention(activity: ActivityDraft, sentences: list[Sentence]) -> None:
    """'Wij zijn wettelijk verplicht om facturen zeven jaar te bewaren': the duty is the basis."""
    lex = draft_lexicon()
    for sentence in sentences:
        if lex.bases.first(sentence.text) == "legal-obligation":
            note = "read from a sentence about keeping data"
            activity.basis = Value("legal-obligation", sentence, 0.6, note)
            return


def _interest(text: str) -> str:
    """The interest written out after 'namelijk' or a colon, else the whole sentence."""
    for marker in ("namelijk ", ": ", "bij: "):
        if marker in text:
            return text.split(marker, 1)[1].strip(" .")
    return text.strip()


def read_retention(
    draft: Draft, activity: ActivityDraft, sentences: list[Sentence]
) -> list[tuple[dict[str, object], float, Sentence]]:
    """The activity's own term; returns the rules for invoices it mentions on the side.

    "Facturen bewaren we zeven jaar" in a section about customers is the fiscal
    duty for invoicing, not the customers' term.
    """
    lex = draft_lexicon()
    newsletter = "newsletter" in activity.purpose_ids()
    invoices: list[tuple[dict[str, object], float, Sentence]] = []
    for sentence in sentences:
        if not is_retention_sentence(lex, sentence.text):
            continue
        parsed = parse_retention(lex, sentence.text)
        if parsed is None:
            continue
        rule, confidence = parsed
        rule = with_anchor(rule, "collected")
        if rule.get("after") == "invoice-date" and "invoicing" not in activity.purpose_ids():
            invoices.append((rule, confidence, sentence))
            continue
        if activity.retention is not None:
            continue
        if newsletter and rule.get("after") == "subscription-ended":
            rule["after"] = "unsubscribed"  # "het abonnement opzegt" of a newsletter
        activity.retention = Value(rule, sentence, confidence)
        draft.use(sentence)
    return invoices


def read_consent(draft: Draft, activity: ActivityDraft, sentences: list[Sentence]) -> None:
    lex = draft_lexicon()
    methods: dict[str, Sentence] = {}
    for sentence in sentences:
        for method in lex.consent_methods.ids(sentence.text):
            methods.setdefault(method, sentence)
    if not methods:
        return
    method = next(m for m in lex.consent_order if m in methods)
    consent: dict[str, object] = {"method": method}
    if "newsletter" in activity.purpose_ids():
        consent["withdraw"] = opt_outs(sentences)
        draft.use(*(s for s in sentences if lex.opt_outs.any(s.text)))
    activity.consent = Value(consent, methods[method], 0.85)
    draft.use(methods[method])


def opt_outs(sentences: list[Sentence]) -> list[str]:
    lex = draft_lexicon()
    return list(dict.fromkeys(m for s in sentences for m in lex.opt_outs.ids(s.text)))


def read_channels(draft: Draft, activity: ActivityDraft, sentences: list[Sentence]) -> None:
    """Marketing channels, each with the opt-out methods that serve it."""
    lex = draft_lexicon()
    channels: list[str] = []
    first: Sentence | None = None
    for sentence in sentences:
        found = lex.channels.ids(sentence.text)
        if found:
            first = first or sentence
            draft.use(sentence)
        channels.extend(c for c in found if c not in channels)
    if not channels:
        return
    methods = opt_outs(sentences)
    draft.use(*(s for s in sentences if lex.opt_outs.any(s.text)))
    value = [
        {
            "channel": channel,
            "opt_out": [m for m in methods if lex.opt_out_channel.get(m) in (None, channel)],
        }
        for channel in channels
    ]
    activity.channels = Value(value, first, 0.85)


def read_recipients(draft: Draft, activity: ActivityDraft, sentences: list[Sentence]) -> None:
    """Recipients named by what they are ('onze bezorgdienst') or by name ('Mollie')."""
    lex = draft_lexicon()
    for sentence in sentences:
        for recipient_id in lex.recipient_phrases.ids(sentence.text):
            recipient = next(r for r in lex.recipients if r.id == recipient_id)
            if recipient.sharing_only:
                continue
            party = ensure_generic_party(draft, recipient_id, sentence)
            activity.add_recipient(party.id, sentence, 0.8)
            draft.use(sentence)
        for name in lex.service_phrases.ids(sentence.text):
            service = lex.services[name]
            if service.tool:
                continue
            party = ensure_service_party(draft, name, sentence)
            activity.add_recipient(party.id, sentence, 0.85)
            draft.use(sentence)


def ensure_generic_party(draft: Draft, recipient_id: str, sentence: Sentence) -> PartyDraft:
    lex = draft_lexicon()
    recipient = next(r for r in lex.recipients if r.id == recipient_id)
    if recipient_id not in draft.parties:
        draft.parties[recipient_id] = PartyDraft(
            recipient_id, recipient.name, recipient.role, recipient.kind, sentence, 0.8
        )
    party = draft.parties[recipient_id]
    if lex.processor_agreement.any(sentence.text):
        party.processor_agreement = True
    return party


def ensure_service_party(
    draft: Draft, name: str, sentence: Sentence, *, new: bool = False
) -> PartyDraft:
    """The party for a known service; ``new`` adds another with the same name."""
    lex = draft_lexicon()
    service = lex.services.get(name)
    party_name = service.party if service else name
    party_id = slug(party_name)
    if new and party_id in draft.parties:
        number = 2
        while f"{party_id}-{number}" in draft.parties:
            number += 1
        party_id = f"{party_id}-{number}"
    if party_id not in draft.parties:
        kind = service.kind if service else "other"
        role = service.role if service else "processor"
        draft.parties[party_id] = PartyDraft(
            party_id, party_name, role, kind, sentence, 0.9 if service else 0.6
        )
    party = draft.parties[party_id]
    if lex.processor_agreement.any(sentence.text):
        party.processor_agreement = True
    return party


def slug(text: str) -> str:
    """'Google Analytics' → 'google-analytics'; the id form the register wants."""
    table = str.maketrans("éëèêïíóöüáä", "eeeeiiooeaa")
    cleaned = re.sub(r"[^a-z0-9]+", "-", normalise(text).translate(table)).strip("-")
    return cleaned[:60].strip("-") or "item"


def draft_lexicon() -> Lexicon:
    from waarborg.importer._lexicon import lexicon

    return lexicon()
