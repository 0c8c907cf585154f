"""Facts stated once for the whole statement: data lists, retention rules stated for
several purposes, analytics, cookies and security measures.
"""

from __future__ import annotations

from typing import Any

from waarborg.importer._document import Section, Sentence
from waarborg.importer._fields import ensure_service_party, read_categories, report_unknown_items
from waarborg.importer._lexicon import Lexicon, lexicon, normalise
from waarborg.importer._model import ActivityDraft, Draft, GlobalRule, Value
from waarborg.importer._retention import parse_retention, split_label, with_anchor


def read_globals(draft: Draft) -> None:
    for section in draft.doc.by_topic("data"):
        _data_list(draft, section)
    for section in draft.doc.by_topic("special"):
        _special(draft, section)
    for section in draft.doc.by_topic("retention"):
        _retention_rules(draft, section)
    for section in draft.doc.by_topic("analytics"):
        _analytics(draft, section)


def _data_list(draft: Draft, section: Section) -> None:
    """'Hieronder vindt u een overzicht van de persoonsgegevens die wij verwerken: - …'."""
    lex = lexicon()
    for sentence in section.sentences:
        found = lex.categories.ids(sentence.text)
        for category in found:
            if category not in {v.value for v in draft.global_categories}:
                draft.global_categories.append(Value(category, sentence, 0.9))
        if found:
            draft.use(sentence)
        elif sentence.item:
            draft.note("unknown-category", sentence.text, sentence)
        if not sentence.item and found:
            report_unknown_items(draft, sentence)


def _special(draft: Draft, section: Section) -> None:
    text = " ".join(s.text for s in section.sentences)
    if any(word in text.lower() for word in ("16 jaar", "kinderen", "minderjarige")):
        draft.top[("statement", "sections", "children")] = Value(
            {"title": section.title, "text": text}, section.sentences[0], 0.8
        )
        draft.use(*section.sentences)


def _retention_rules(draft: Draft, section: Section) -> None:
    """Rules stated once, each with the purposes it covers (or all, or 'the rest').

    In a list such as "Bestelgegevens en facturen: 7 jaar" the label names what the
    term covers and the rest gives the term.
    """
    lex = lexicon()
    for sentence in section.sentences:
        label, term = split_label(sentence.text)
        parsed = parse_retention(lex, term)
        if parsed is None:
            continue
        rule, confidence = parsed
        scope_text = label or sentence.text
        purposes = [p for p in lex.purpose_phrases.ids(scope_text) if p != "legal-compliance"]
        purposes += lex.label_purposes.ids(label or "")
        if rule.get("after") == "invoice-date":
            purposes.append("invoicing")
        if purposes:
            scope = "purposes"
        elif label:
            scope, purposes = "title", [normalise(label)]
        elif rule.get("after") == "no-longer-necessary":
            scope = "fallback"
        else:
            scope = lex.retention_scopes.first(sentence.text) or "all"
        draft.use(sentence)
        if not any(r.rule == rule and r.purposes == purposes for r in draft.global_rules):
            draft.global_rules.append(
                GlobalRule(rule, sentence, confidence * 0.85, purposes, scope)
            )


def apply_global_rules(draft: Draft) -> None:
    """Give each activity without a term of its own the rule that covers it."""
    lex = lexicon()
    order = ("purposes", "title", "contractual", "all", "rest", "fallback")
    for activity in draft.activities:
        if activity.retention is not None or activity.leftover or _not_personal(activity):
            continue
        for scope in order:
            rule = next(
                (r for r in draft.global_rules if r.scope == scope and _covers(lex, r, activity)),
                None,
            )
            if rule is not None:
                activity.retention = _applied(lex, rule, activity)
                break


def _applied(lex: Lexicon, rule: GlobalRule, activity: ActivityDraft) -> Value:
    """The rule for one activity; a listed term without an event counts from the
    activity's usual event (an order from its completion), at lower confidence."""
    note = "stated for several purposes"
    confidence = rule.confidence
    anchor = "collected"
    if "after" not in rule.rule and rule.scope == "purposes":
        first = activity.purpose_ids()[0]
        anchor = lex.default_anchors.get(first, "collected")
        note, confidence = f"the term names no event; counted from {anchor}", 0.6
    return Value(with_anchor(dict(rule.rule), anchor), rule.sentence, confidence, note)


def _covers(lex: Lexicon, rule: GlobalRule, activity: ActivityDraft) -> bool:
    purposes = activity.purpose_ids()
    if rule.scope == "purposes":
        return bool(set(rule.purposes) & set(purposes))
    if rule.scope == "title":
        words = [w for w in rule.purposes[0].split() if len(w) >= 5]
        return any(w in normalise(activity.title) for w in words)
    if rule.scope == "contractual":
        return any(p in lex.purposes and lex.purposes[p].contractual for p in purposes[:1])
    return True


def _not_personal(activity: ActivityDraft) -> bool:
    claimed = {v.value for v in activity.not_personal}
    return bool(claimed) and claimed >= {v.value for v in activity.categories}


def _analytics(draft: Draft, section: Section) -> None:
    """A Google Analytics section: the party, its settings, and the activity it serves."""
    lex = lexicon()
    name = next(iter(lex.service_phrases.ids(section.title)), None) or "Google Analytics"
    first = section.sentences[0] if section.sentences else None
    if first is None:
        return
    party = ensure_service_party(draft, name, first)
    party.description.extend(section.sentences)
    if lex.processor_agreement.any(section.text):
        party.processor_agreement = True
    settings: dict[str, Any] = {}
    if party.processor_agreement:
        settings["processor_agreement"] = True
    found = lex.analytics_settings.ids(section.text)
    if "ip_masking_off" in found:
        settings["ip_masking"] = False
    elif "ip_masking" in found:
        settings["ip_masking"] = True
    if "data_sharing_off" in found:
        settings["data_sharing_off"] = True
    draft.top[("cookies", "analytics", party.id)] = Value(settings, first, 0.8)
    activity = draft.activity_with("analytics")
    if activity is None:
        activity = ActivityDraft(section.title, section.index, list(section.sentences))
        activity.add_purpose("analytics", first, 0.8)
        activity.source = "observed"
        draft.activities.append(activity)
        read_categories(draft, activity, section.sentences, every=True)
        activity.description.append(first)
        banner = _banner_sentence(draft)
        if banner is not None:
            note = "the cookie banner asks for consent"
            activity.basis = Value("consent", banner, 0.6, note)
            activity.consent = Value({"method": "banner"}, banner, 0.6, note)
    activity.add_recipient(party.id, first, 0.85)
    draft.use(*section.sentences)


def _banner_sentence(draft: Draft) -> Sentence | None:
    """The sentence saying a cookie banner asks for consent, if there is one."""
    lex = lexicon()
    for section in draft.doc.by_topic("cookies"):
        for sentence in section.sentences:
            if "banner" in lex.cookie_mechanisms.ids(sentence.text):
                return sentence
    return None


def read_cookies(draft: Draft) -> dict[str, Any]:
    """Cookie categories, the consent mechanism, and analytics settings."""
    lex = lexicon()
    sections = draft.doc.by_topic("cookies")
    text = " ".join(s.text for s in sections)
    if not sections:
        return {}
    sentences = [s for section in sections for s in section.sentences]
    mechanisms = lex.cookie_mechanisms.ids(text)
    mechanism = (
        "banner" if "banner" in mechanisms else (mechanisms[0] if mechanisms else "unstated")
    )
    policy_sentences = [s for s in sentences if lex.cookie_mechanisms.any(s.text)]
    categories = lex.cookie_categories.ids(text)
    friendly = next((s for s in sentences if lex.cookie_privacy_friendly.any(s.text)), None)
    draft.use(*sentences)
    return {
        "mechanism": Value(mechanism, policy_sentences[0] if policy_sentences else None, 0.8),
        "description": policy_sentences,
        "categories": [Value(c, _sentence_with(sentences, c), 0.7) for c in categories],
        "friendly": friendly,
        "banner": mechanism == "banner",
    }


def _sentence_with(sentences: list[Sentence], category: str) -> Sentence | None:
    lex = lexicon()
    return next((s for s in sentences if category in lex.cookie_categories.ids(s.text)), None)


def read_security(draft: Draft) -> list[Value]:
    lex = lexicon()
    measures: list[Value] = []
    for section in draft.doc.by_topic("security"):
        for sentence in section.sentences:
            for measure in lex.security.ids(sentence.text):
                if measure not in {m.value for m in measures}:
                    measures.append(Value(measure, sentence, 0.8))
                draft.use(sentence)
    for section in draft.doc.sections:
        if section.topic is None:
            for sentence in section.sentences:
                for measure in lex.security.ids(sentence.text):
                    if measure in ("tls", "strong-passwords", "backups") and measure not in {
                        m.value for m in measures
                    }:
                        measures.append(Value(measure, sentence, 0.6))
    return measures


def read_changes(draft: Draft) -> dict[str, Any]:
    lex = lexicon()
    found: dict[str, Any] = {"on_website": True}
    for section in draft.doc.by_topic("changes"):
        for sentence in section.sentences:
            kinds = lex.changes.ids(sentence.text)
            if "by_email" in kinds:
                found["by_email"] = True
            if kinds:
                found.setdefault("description", [])
            draft.use(sentence)
        if "description" in found:
            found["description"] = list(section.sentences)
    return found
