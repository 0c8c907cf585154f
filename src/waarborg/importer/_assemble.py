"""The draft → plain register data plus one trace per value.

The data uses Dutch only (``languages: [nl]``): the source is Dutch, and the
register demands every text in every listed language.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from waarborg.importer._fields import slug
from waarborg.importer._globals import read_changes, read_cookies, read_security
from waarborg.importer._lexicon import lexicon
from waarborg.importer._model import ActivityDraft, Draft, Trace, Value
from waarborg.importer._retention import rule_text
from waarborg.importer._rights import read_rights
from waarborg.register.taxonomy import default_taxonomy

Path = tuple[str | int, ...]


class Assembler:
    def __init__(self, draft: Draft):
        self.draft = draft
        self.traces: list[Trace] = []

    def trace(self, path: Path, value: Value, shown: Any = None) -> Any:
        text = shown if shown is not None else value.value
        self.traces.append(Trace(path, str(text), value.sentence, value.confidence, value.note))
        self.draft.use(value.sentence)
        return value.value

    def build(self) -> dict[str, Any]:
        data: dict[str, Any] = {"waarborg": 1}
        data["organisation"] = self._organisation()
        data["statement"] = self._statement()
        if self.draft.global_bases:
            data["global_legal_bases"] = [
                self.trace(("global_legal_bases", i), v)
                for i, v in enumerate(self.draft.global_bases)
            ]
        if self.draft.global_categories:
            data["global_data_categories"] = [
                self.trace(("global_data_categories", i), v)
                for i, v in enumerate(self.draft.global_categories)
            ]
        data["activities"] = self._activities()
        cookies = read_cookies(self.draft)
        data["parties"] = self._parties()
        data["cookies"], data["cookie_policy"] = self._cookies(cookies)
        data["security_measures"] = [
            {"measure": self.trace(("security_measures", i, "measure"), v)}
            for i, v in enumerate(read_security(self.draft))
        ]
        data["rights"] = self._rights(data["organisation"])
        if self.draft.own_purposes:
            data["taxonomy"] = {
                "purposes": [
                    {"id": purpose_id, "nl": label, "en": label}
                    for purpose_id, label in self.draft.own_purposes.items()
                ]
            }
        return {k: v for k, v in data.items() if v not in ([], {}, None)}

    def _top(self, path: Path) -> Any:
        value = self.draft.top.get(path)
        return None if value is None else self.trace(path, value)

    def _organisation(self) -> dict[str, Any]:
        org: dict[str, Any] = {}
        for key in (
            "name",
            "trade_names",
            "address",
            "coc_number",
            "email",
            "phone",
            "website",
            "privacy_contact",
        ):
            value = self._top(("organisation", key))
            if value is not None:
                org[key] = value
        return org

    def _statement(self) -> dict[str, Any]:
        meta: dict[str, Any] = {
            "version": self._top(("statement", "version")),
            "effective_date": date.fromisoformat(self._top(("statement", "effective_date"))),
            "languages": ["nl"],
        }
        if self.draft.doc.title:
            meta["title"] = self.draft.doc.title
        intro = [s for s in self.draft.doc.sections[0].sentences if len(s.text.split()) > 4]
        intro += [s for section in self.draft.doc.by_topic("intro") for s in section.sentences]
        if intro:
            meta["intro"] = " ".join(s.text for s in intro)
            self.draft.use(*intro)
        changes = read_changes(self.draft)
        description = changes.pop("description", None)
        if description is not None:
            changes["description"] = " ".join(s.text for s in description)
        meta["changes"] = changes
        sections = []
        children = self.draft.top.get(("statement", "sections", "children"))
        if children is not None:
            sections.append({"id": "children", **children.value})
        for heading, line in self.draft.doc.empty_headings:
            if not self._in_contact_details(heading):
                section_id = slug(heading)
                if section_id not in {s["id"] for s in sections}:
                    sections.append({"id": section_id, "title": heading})
                    path: Path = ("statement", "sections", len(sections) - 1)
                    note = f"line {line}: a heading without text"
                    self.traces.append(Trace(path, heading, None, 0.9, note))
        if sections:
            meta["sections"] = sections
        return meta

    def _in_contact_details(self, heading: str) -> bool:
        """'Contactpersoon voor privacyzaken' and the name under it were read as contact."""
        contact = self.draft.top.get(("organisation", "privacy_contact"))
        if contact is None:
            return False
        return heading.lower() in {str(v).lower() for v in contact.value.values()}

    def _activities(self) -> list[dict[str, Any]]:
        activities = self.draft.activities or [_placeholder(self.draft)]
        ids: set[str] = set()
        return [self._activity(i, a, ids) for i, a in enumerate(activities)]

    def _activity(self, index: int, activity: ActivityDraft, ids: set[str]) -> dict[str, Any]:
        path: Path = ("activities", index)
        lex = lexicon()
        purposes = activity.purpose_ids()
        base = slug(purposes[0]) if purposes else "activity"
        activity_id = base if base not in ids else f"{base}-{index + 1}"
        ids.add(activity_id)
        out: dict[str, Any] = {"id": activity_id, "title": activity.title}
        if activity.description:
            out["description"] = " ".join(s.text for s in activity.description)
        out["purposes"] = [
            self.trace((*path, "purposes", i), v) for i, v in enumerate(activity.purposes)
        ]
        subjects = [s for p in purposes if p in lex.purposes for s in lex.purposes[p].subjects]
        out["data_subjects"] = list(dict.fromkeys(subjects))
        out["data_categories"] = [
            self.trace((*path, "data_categories", i), v) for i, v in enumerate(activity.categories)
        ]
        out["legal_basis"] = self._basis(path, activity)
        out["retention"] = self._retention(path, activity)
        out["recipients"] = [
            self.trace((*path, "recipients", i), v) for i, v in enumerate(activity.recipients)
        ]
        if activity.source:
            out["source"] = {"kind": activity.source}
        for key, value in (
            ("profiling", activity.profiling),
            ("consent", activity.consent),
            ("channels", activity.channels),
        ):
            if value is not None:
                out[key] = self.trace((*path, key), value)
        if activity.not_personal:
            out["claimed_not_personal"] = [
                self.trace((*path, "claimed_not_personal", i), v)
                for i, v in enumerate(activity.not_personal)
            ]
        if activity.details:
            out["details"] = " ".join(s.text for s in activity.details)
        return {k: v for k, v in out.items() if v not in ([], None)}

    def _basis(self, path: Path, activity: ActivityDraft) -> Any:
        basis = activity.basis
        if basis is None:
            note = "no basis stated for this activity"
            if self.draft.global_bases:
                note = "bases are stated once for the whole statement"
            return self.trace((*path, "legal_basis"), Value("unstated", None, 0.8, note))
        self.trace((*path, "legal_basis"), basis)
        if basis.value == "legitimate-interest":
            return {"basis": basis.value, "interest": basis.note or "ONBEKEND"}
        return basis.value

    def _retention(self, path: Path, activity: ActivityDraft) -> Any:
        value = activity.retention
        if value is None:
            value = Value("unstated", None, 0.8, "the statement gives no term for this activity")
        if value.sentence is None and activity.leftover:
            value.note = "template text left unfilled; no term applied"
        self.trace((*path, "retention"), value, rule_text(value.value))
        rule = value.value
        if isinstance(rule, dict) and set(rule) == {"after"}:
            return f"until {rule['after']}"
        return rule

    def _parties(self) -> list[dict[str, Any]]:
        parties = []
        for index, party in enumerate(self.draft.parties.values()):
            path: Path = ("parties", index)
            entry: dict[str, Any] = {"id": party.id, "name": party.name, "role": party.role}
            entry["kind"] = self.trace(
                (*path, "kind"), Value(party.kind, party.sentence, party.confidence)
            )
            if party.processor_agreement:
                entry["processor_agreement"] = True
            if party.own_purposes is not None:
                value = Value(party.own_purposes.text, party.own_purposes, 0.8)
                entry["own_purposes"] = self.trace((*path, "own_purposes"), value)
            if party.description:
                entry["description"] = " ".join(dict.fromkeys(s.text for s in party.description))
                self.draft.use(*party.description)
            parties.append(entry)
        return parties

    def _cookies(self, found: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """Cookies by category, and the analytics cookie of a service such as Google's."""
        taxonomy = default_taxonomy()
        friendly = found.get("friendly")
        cookies: list[dict[str, Any]] = []
        unstated = Value("unstated", None, 0.8, "the statement names no duration")
        for value in found.get("categories", []):
            category = value.value
            path: Path = ("cookies", len(cookies))
            self.trace((*path, "category"), value)
            self.trace((*path, "duration"), unstated)
            cookie: dict[str, Any] = {
                "id": category, "category": category,
                "purpose": f"{taxonomy.label('cookie_categories', category, 'nl')} cookies",
                "duration": "unstated",
                "consent_required": category not in ("necessary", "functional")
                and not (category == "analytics" and friendly),
            }  # fmt: skip
            if category == "analytics" and friendly is not None:
                cookie["no_consent_reason"] = friendly.text
            cookies.append(cookie)
        for (_, _, party_id), value in _analytics(self.draft).items():
            cookies = [c for c in cookies if c["id"] != "analytics"]
            path = ("cookies", len(cookies))
            self.trace((*path, "analytics"), value)
            self.trace((*path, "duration"), unstated)
            cookies.append({
                "id": f"{party_id}-analytics", "provider": party_id, "category": "analytics",
                "service": "Google Analytics",
                "purpose": "bijhouden hoe bezoekers onze website gebruiken",
                "duration": "unstated", "consent_required": True, "analytics": value.value,
            })  # fmt: skip
        policy: dict[str, Any] = {}
        if "mechanism" in found:
            policy["consent_mechanism"] = self.trace(
                ("cookie_policy", "consent_mechanism"), found["mechanism"]
            )
            if found["description"]:
                policy["description"] = " ".join(s.text for s in found["description"])
        return cookies, policy

    def _rights(self, organisation: dict[str, Any]) -> dict[str, Any]:
        found = read_rights(self.draft)
        rights: dict[str, Any] = {
            "offered": [
                self.trace(("rights", "offered", i), v) for i, v in enumerate(found["offered"])
            ]
        }
        for key in ("erasure_scope", "response_term"):
            if key in found:
                rights[key] = self.trace(("rights", key), found[key])
        rights["verification"] = self._verification(found["verification"])
        rights["channels"] = _channels(found, organisation)
        for key in ("copies_to_known_email_only", "anonymised_request_log"):
            if key in found["verification"]:
                rights[key] = self.trace(
                    ("rights", key), Value(True, found["verification"][key], 0.8)
                )
        if "objection_effect" in found:
            rights["objection_effect"] = found["objection_effect"].text
        return {k: v for k, v in rights.items() if v != [] or k == "offered"}

    def _verification(self, found: dict[str, Any]) -> dict[str, Any]:
        methods = list(dict.fromkeys(v.value for v in found["methods"]))
        for index, value in enumerate(v for v in found["methods"] if v.value in methods):
            self.trace(("rights", "verification", "methods", index), value)
        out: dict[str, Any] = {"methods": methods}
        if "id_copy" in found:
            id_copy: dict[str, Any] = {"required": True, "shielded": "shielded" in found}
            if "shielded" in found:
                id_copy["shielded_fields"] = found["shielded"][1]
            out["id_copy"] = id_copy
        if "description" in found:
            out["description"] = found["description"].text
        return out


def _channels(found: dict[str, Any], organisation: dict[str, Any]) -> list[dict[str, str]]:
    emails = list(dict.fromkeys(m for m, _ in found["emails"]))
    if not emails and organisation.get("email"):
        emails = [organisation["email"]]
    channels = [{"kind": "email", "address": e} for e in emails]
    if found["points_to_contact"]:
        if organisation.get("phone"):
            channels.append({"kind": "phone", "address": str(organisation["phone"])})
        address = organisation.get("address")
        if address:
            channels.append(
                {
                    "kind": "post",
                    "address": f"{address['street']}, {address['postcode']} {address['city']}",
                }
            )
    return channels


def _analytics(draft: Draft) -> dict[tuple[str | int, ...], Value]:
    return {
        path: value for path, value in draft.top.items() if path[:2] == ("cookies", "analytics")
    }


def _placeholder(draft: Draft) -> ActivityDraft:
    draft.note("no-activities", "no processing activity found; a placeholder was written")
    activity = ActivityDraft("Onbekende verwerking (aanvullen)", 0)
    activity.purposes.append(Value("service-provision", None, 0.0, "placeholder"))
    return activity
