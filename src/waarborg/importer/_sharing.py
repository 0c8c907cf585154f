"""Sections about sharing data: who receives it, with which agreement.

Recipients named there serve every activity; a recipient for one purpose is
attached to the activity with that purpose. Social media buttons are an activity
of our own. A company the lexicon does not know is kept as a party at low
confidence, so that it is checked rather than dropped.
"""

from __future__ import annotations

import re

from waarborg.importer._document import Section, Sentence
from waarborg.importer._fields import ensure_generic_party, ensure_service_party
from waarborg.importer._lexicon import lexicon
from waarborg.importer._model import ActivityDraft, Draft, PartyDraft


def sharing_section(draft: Draft, section: Section) -> None:
    """Recipients of everything; social media buttons are an activity of their own.

    "Met al deze partijen hebben wij een verwerkersovereenkomst" gives every party
    named in the section the agreement, instead of an anonymous group of processors.
    """
    lex = lexicon()
    current: ActivityDraft | None = None
    named: list[PartyDraft] = []
    for sentence in section.sentences:
        shared = re.search(r"\b(al )?(deze|beide) partijen\b", sentence.norm) is not None
        services = [n for n in lex.service_phrases.ids(sentence.text) if not lex.services[n].tool]
        for recipient_id in lex.recipient_phrases.ids(sentence.text):
            if recipient_id == "processors" and (shared or services):
                continue
            current = _generic_recipient(draft, section, sentence, recipient_id) or current
        named.extend(_unknown_companies(draft, sentence, services))
        for name in services:
            party = ensure_service_party(draft, name, sentence)
            named.append(party)
            draft.use(sentence)
            target = _serving(draft, lex.services[name].purpose)
            if target is not None:
                target.add_recipient(party.id, sentence, 0.75)
        if shared and lex.processor_agreement.any(sentence.text):
            for party in named:
                party.processor_agreement = True
            draft.use(sentence)
        if current is not None and sentence.id not in draft.used:
            current.description.append(sentence)
            draft.use(sentence)


def _unknown_companies(draft: Draft, sentence: Sentence, known: list[str]) -> list[PartyDraft]:
    """'… via een downloadlink van Pixieset': a company the lexicon does not know,
    recorded as a party at low confidence so that it is checked, not dropped."""
    lex = lexicon()
    found = []
    for match in re.finditer(
        r"\b(?:van|via|met|bij|door|aan)\s+([A-Z][A-Za-z0-9-]{2,})", sentence.text
    ):
        name = match.group(1)
        known_names = {n.lower() for n in known} | {s.lower() for s in lex.services}
        if name in lex.not_company_names or name.lower() in known_names:
            continue
        party = ensure_service_party(draft, name, sentence)
        if party.kind == "other":
            party.kind = lex.recipient_kinds.first(sentence.text) or "it-service-provider"
        party.confidence = 0.5
        found.append(party)
        draft.note("unknown-company", name, sentence)
        draft.use(sentence)
    return found


def _generic_recipient(
    draft: Draft, section: Section, sentence: Sentence, recipient_id: str
) -> ActivityDraft | None:
    """The party for 'de politie', 'social media buttons', …; returns a new activity."""
    lex = lexicon()
    party = ensure_generic_party(draft, recipient_id, sentence)
    party.description.append(sentence)
    draft.use(sentence)
    recipient = next(r for r in lex.recipients if r.id == recipient_id)
    if recipient.activity and recipient.purpose and not draft.activity_with(recipient.purpose):
        activity = ActivityDraft(lex.purposes[recipient.purpose].title, section.index)
        activity.add_purpose(recipient.purpose, sentence, 0.8)
        activity.add_recipient(party.id, sentence, 0.8)
        activity.description.append(sentence)
        draft.activities.append(activity)
        return activity
    target = _serving(draft, recipient.purpose)
    if target is not None:
        target.add_recipient(party.id, sentence, 0.7)
    return None


def _serving(draft: Draft, purpose: str | None) -> ActivityDraft | None:
    """The activity a recipient for ``purpose`` serves: a payment provider serves the
    payments, or else the orders it takes the payments of."""
    if purpose is None:
        return None
    for candidate in (purpose, *lexicon().purpose_fallbacks.get(purpose, ())):
        activity = draft.activity_with(candidate)
        if activity is not None:
            return activity
    return None
