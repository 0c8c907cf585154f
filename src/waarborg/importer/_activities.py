"""Finding the processing activities in the three common Dutch styles.

- **Module style** (one section per purpose, "Hiervoor gebruiken wij uw …",
  and free-form texts with a heading per purpose): each section whose heading
  names a purpose, or that says which data it uses, is one activity. A heading
  "Contactformulier en Nieuwsbrief" whose second half starts a paragraph of its
  own is split in two.
- **Generator style** ("Met welk doel en op basis van welke grondslag …"): each
  purpose in the list or the enumerating sentence is one activity; "de
  uitvoering van de overeenkomst" and "wettelijke verplichtingen" in an
  enumeration are bases stated for everything at once.
- **Processor style** (a section per service: "Mollie", "PostNL"): each service
  is a party, and the services that serve one purpose form one activity.
"""

from __future__ import annotations

import re

from waarborg.importer._document import Section, Sentence
from waarborg.importer._fields import (
    ensure_service_party,
    is_data_sentence,
    read_basis,
    read_categories,
    read_channels,
    read_consent,
    read_recipients,
    read_retention,
    slug,
)
from waarborg.importer._lexicon import Lexicon, lexicon, normalise
from waarborg.importer._model import ActivityDraft, Draft, Value
from waarborg.importer._sharing import sharing_section

_HANDLED_ELSEWHERE = {
    "title", "intro", "data", "special", "automated", "retention", "cookies", "analytics",
    "rights", "complaint", "security", "changes", "contact", "processing", "sharing",
}  # fmt: skip
_NEGATION = re.compile(r"\b(niet|nooit|geen)\b")


def find_activities(draft: Draft) -> None:
    """Fill ``draft.activities`` from every section that describes a purpose."""
    lex = lexicon()
    enumerations = []
    for section in draft.doc.sections:
        own_topic = lex.section_topic(normalise(section.title)) if section.title else None
        if own_topic == "purposes":
            enumerations.append(section)
        elif section.topic in _HANDLED_ELSEWHERE or section.index == 0 or not section.sentences:
            continue
        elif _service_heading(lex, section):
            _processor_section(draft, section)
        else:
            _module_section(draft, section)
    for section in enumerations:
        _enumeration_section(draft, section)
    for section in draft.doc.by_topic("sharing"):
        sharing_section(draft, section)


def _module_section(draft: Draft, section: Section) -> None:
    lex = lexicon()
    heading = lex.purpose_headings.ids(section.title)
    has_data = any(
        is_data_sentence(lex, s) and lex.categories.ids(s.text) for s in section.sentences
    )
    names_data = bool(lex.categories.ids(section.title)) and any(
        lex.bases.any(s.text) or lex.retention_triggers.any(s.text) for s in section.sentences
    )
    if not heading and not has_data and not names_data:
        return
    for title, sentences, purposes in _split(lex, section, heading):
        activity = ActivityDraft(_title(title), section.index, sentences)
        for purpose in purposes:
            activity.add_purpose(purpose, None, 0.9)
        for sentence in sentences:
            for purpose in lex.purpose_phrases.ids(sentence.text):
                if purpose != "legal-compliance" and not _negated(sentence.text):
                    activity.add_purpose(purpose, sentence, 0.7)
        if not activity.purposes:
            draft.note("no-purpose", section.title, sentences[0] if sentences else None)
            _own_purpose(draft, activity)
        for category in lex.categories.ids(title):
            activity.add_category(category, None, 0.75)
        fill_activity(draft, activity)
        draft.activities.append(activity)


def _own_purpose(draft: Draft, activity: ActivityDraft) -> None:
    """A heading whose purpose the lexicon does not know becomes a purpose of its own,
    added under ``taxonomy:`` and marked for checking, rather than a guess."""
    purpose_id = f"{slug(activity.title)}-purpose"
    draft.own_purposes[purpose_id] = activity.title.lower()
    note = "purpose not recognised; added under taxonomy: check or replace it"
    activity.purposes.append(Value(purpose_id, None, 0.3, note))


def _split(
    lex: Lexicon, section: Section, heading: list[str]
) -> list[tuple[str, list[Sentence], list[str]]]:
    """'Contactformulier en Nieuwsbrief' → two parts when the text splits the same way."""
    whole = [(section.title, section.sentences, heading)]
    parts = re.split(r"\s+(?:en|&)\s+", section.title)
    if len(parts) != 2 or len(heading) < 2:
        return whole
    first, second = (lex.purpose_headings.ids(p) for p in parts)
    if not first or not second:
        return whole
    paragraphs = section.paragraphs()
    for index, paragraph in enumerate(paragraphs[1:], start=1):
        if set(second) & set(lex.purpose_phrases.ids(paragraph[0].text)):
            before = [s for p in paragraphs[:index] for s in p]
            after = [s for p in paragraphs[index:] for s in p]
            return [(parts[0], before, first), (parts[1], after, second)]
    return whole


def fill_activity(draft: Draft, activity: ActivityDraft) -> None:
    sentences = activity.sentences
    read_categories(draft, activity, sentences)
    read_basis(draft, activity, sentences)
    for rule, confidence, sentence in read_retention(draft, activity, sentences):
        _invoicing(draft, rule, confidence, sentence)
    read_recipients(draft, activity, sentences)
    read_consent(draft, activity, sentences)
    if "direct-marketing" in activity.purpose_ids():
        read_channels(draft, activity, sentences)
    if "profiling" in activity.purpose_ids():
        combine = next((s for s in sentences if "combineren" in s.norm), None)
        activity.profiling = Value({"combines_data": True}, combine, 0.8)
        draft.use(combine)
    if {"analytics", "website-improvement"} & set(activity.purpose_ids()):
        activity.source = "observed"
    _describe(draft, activity)


def _invoicing(
    draft: Draft, rule: dict[str, object], confidence: float, sentence: Sentence
) -> None:
    """Invoices kept under the fiscal duty are an activity of their own."""
    activity = draft.activity_with("invoicing")
    if activity is None:
        activity = ActivityDraft("Facturen", sentence.section, [sentence])
        activity.add_purpose("invoicing", sentence, 0.7)
        draft.activities.append(activity)
    if activity.retention is None:
        activity.retention = Value(rule, sentence, confidence)
    draft.use(sentence)


def _describe(draft: Draft, activity: ActivityDraft) -> None:
    """Sentences no fact came from describe the activity: the first paragraph, then details."""
    first_line = activity.sentences[0].line if activity.sentences else -1
    for sentence in activity.sentences:
        if sentence.id in draft.used:
            continue
        if sentence.line == first_line:
            activity.description.append(sentence)
        else:
            activity.details.append(sentence)
            draft.free_text.append(sentence)
        draft.use(sentence)


def _title(text: str) -> str:
    text = text.strip(" .:;-")
    if text.isupper():
        text = text.capitalize()
    return text[:1].upper() + text[1:]


def _negated(text: str) -> bool:
    return bool(_NEGATION.search(normalise(text)))


def _service_heading(lex: Lexicon, section: Section) -> bool:
    """A heading that is the name of a service the section is about ('Mollie')."""
    title = section.title.strip()
    if lex.service_phrases.ids(title) and len(title.split()) <= 3:
        return True
    if title.isupper() or lex.purpose_headings.ids(title):
        return False
    proper = re.fullmatch(r"[A-Z][A-Za-z0-9]*(?:[A-Z0-9][A-Za-z0-9]*)+", title)
    return bool(proper) and title.lower() in section.text.lower()


def _processor_section(draft: Draft, section: Section) -> None:
    lex = lexicon()
    name = (lex.service_phrases.ids(section.title) or [section.title.strip()])[0]
    first = section.sentences[0]
    party = ensure_service_party(draft, name, first, new=True)
    for sentence in section.sentences:
        if lex.own_purposes.any(sentence.text) and not _negated(sentence.text):
            party.own_purposes = party.own_purposes or sentence
        else:
            party.description.append(sentence)
    service = lex.services.get(name)
    group_purposes = lex.purpose_headings.ids(section.group or "")
    purpose = (service.purpose if service else None) or next(iter(group_purposes), None)
    purpose = purpose or next(iter(lex.purpose_phrases.ids(section.text)), None)
    if party.kind == "other":
        party.kind = lex.recipient_kinds.first(f"{section.group or ''} {section.text}") or "other"
    if purpose is None:
        draft.note("no-purpose", section.title, first)
        return
    activity = draft.activity_with(purpose)
    if activity is None:
        title = section.group if purpose in group_purposes and section.group else None
        activity = ActivityDraft(_title(title or lex.purposes[purpose].title), section.index)
        activity.add_purpose(purpose, first, 0.8)
        draft.activities.append(activity)
    activity.sentences.extend(section.sentences)
    for extra in lex.purpose_phrases.ids(section.text):
        if (
            extra not in ("legal-compliance", "customer-contact")
            and lex.purposes[extra].contractual
        ):
            activity.add_purpose(extra, None, 0.6)
    activity.add_recipient(party.id, first, 0.85)
    if lex.leftovers.any(section.text):
        activity.leftover = True
        draft.note("leftover", section.title, first)
    read_categories(draft, activity, section.sentences)
    read_basis(draft, activity, section.sentences)
    draft.use(*section.sentences)


def _enumeration_section(draft: Draft, section: Section) -> None:
    """Generator style: one activity per listed purpose.

    The further sentences of a list item ("Hiervoor gebruiken we je naam, …") belong
    to the activity the item names.
    """
    lex = lexicon()
    current: tuple[int, ActivityDraft] | None = None
    for sentence in section.sentences:
        if current is not None and sentence.item and sentence.block == current[0]:
            _item_facts(draft, current[1], sentence)
            continue
        current = None
        if _negated(sentence.text) and not sentence.item:
            continue
        found = lex.purpose_phrases.ids(sentence.text)
        if not found and sentence.item and _names_a_purpose(sentence.text):
            found = [_own_item_purpose(draft, sentence)]
        if not found:
            continue
        draft.use(sentence)
        bases = lex.bases.ids(sentence.text)
        if len(found) > 1 and not sentence.item:
            for basis in bases:
                _global_basis(draft, basis, sentence)
        if sentence.item:
            created = _item_activity(draft, sentence, found)
        else:
            created = _purposes_to_activities(draft, sentence, found)
        if len(created) == 1 and bases:
            created[0].basis = created[0].basis or Value(bases[0], sentence, 0.9)
        if len(created) == 1 and sentence.item:
            current = (sentence.block, created[0])


def _item_facts(draft: Draft, activity: ActivityDraft, sentence: Sentence) -> None:
    activity.sentences.append(sentence)
    read_categories(draft, activity, [sentence])
    if activity.basis is None:
        read_basis(draft, activity, [sentence])
    for rule, confidence, invoice in read_retention(draft, activity, [sentence]):
        _invoicing(draft, rule, confidence, invoice)
    if sentence.id not in draft.used:
        activity.details.append(sentence)
        draft.use(sentence)


def _names_a_purpose(text: str) -> bool:
    """'Het bijhouden van onze klantenkaart, … (grondslag: …)': an item stating a purpose."""
    lex = lexicon()
    return bool(re.match(r"(?i)(het|om|voor|je|u)\b", text)) and (
        lex.bases.any(text) or "grondslag" in text.lower()
    )


def _own_item_purpose(draft: Draft, sentence: Sentence) -> str:
    title = _title(_enumerated_title(sentence, "") or sentence.text)
    purpose_id = f"{slug(title)}-purpose"
    draft.own_purposes[purpose_id] = title.lower()
    draft.note("no-purpose", title, sentence)
    return purpose_id


def _purposes_to_activities(
    draft: Draft, sentence: Sentence, purposes: list[str]
) -> list[ActivityDraft]:
    lex = lexicon()
    created: list[ActivityDraft] = []
    merged: dict[str, ActivityDraft] = {}
    for purpose in purposes:
        if purpose == "legal-compliance":
            _global_basis(draft, "legal-obligation", sentence)
            continue
        existing = draft.activity_with(purpose)
        target = merged.get(lex.merge_purposes.get(purpose, ""))
        if existing is not None:
            existing.sentences.append(sentence)
            continue
        title = _enumerated_title(sentence, purpose) or lex.purposes[purpose].title
        if target is not None:
            target.title = f"{target.title} en {title[:1].lower()}{title[1:]}"
            target.add_purpose(purpose, sentence, 0.75)
            continue
        activity = ActivityDraft(_title(title), sentence.section, [sentence])
        activity.add_purpose(purpose, sentence, 0.85)
        merged[purpose] = activity
        for source, into in lex.merge_purposes.items():
            if into == purpose:
                merged[source] = activity
        draft.activities.append(activity)
        created.append(activity)
    return created


def _item_activity(draft: Draft, sentence: Sentence, purposes: list[str]) -> list[ActivityDraft]:
    """A list item names one activity, whatever number of purposes it mentions."""
    purposes = [p for p in purposes if p != "legal-compliance"] or purposes
    if purposes == ["legal-compliance"]:
        _global_basis(draft, "legal-obligation", sentence)
        return []
    existing = draft.activity_with(purposes[0])
    if existing is not None:
        existing.sentences.append(sentence)
        for purpose in purposes[1:]:
            existing.add_purpose(purpose, sentence, 0.7)
        return []
    title = _title(_enumerated_title(sentence, purposes[0]) or "")
    activity = ActivityDraft(title, sentence.section, [sentence])
    for purpose in purposes:
        known = purpose in lexicon().purposes
        note = "" if known else "purpose not recognised; added under taxonomy: check it"
        activity.purposes.append(Value(purpose, sentence, 0.85 if known else 0.3, note))
    draft.activities.append(activity)
    return [activity]


def _enumerated_title(sentence: Sentence, purpose: str) -> str | None:
    """The words of an enumeration that name ``purpose``: 'de administratie van klanten'."""
    lex = lexicon()
    text = sentence.text
    if sentence.item:
        return re.split(r"\s*(?:[,(]\s*(?:op basis|grondslag)|,\s*waarmee)", text)[0].strip(" .;")
    for part in re.split(r",\s*|\s+en\s+(?=het|de|u|je)", text):
        if lex.purpose_phrases.first(part) == purpose:
            part = re.sub(r"^.*?\bvoor\s+(?=de|het)", "", part)
            return re.sub(r"^(de|het)\s+", "", part.strip(" ."))
    return None


def _global_basis(draft: Draft, basis: str, sentence: Sentence) -> None:
    if basis not in {v.value for v in draft.global_bases}:
        draft.global_bases.append(Value(basis, sentence, 0.8))
    draft.use(sentence)
