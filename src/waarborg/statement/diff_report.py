"""A diff as lines a privacy contact reads: ids become labels in the chosen language,
legal bases and retention rules read as in the statement, and every change to data
already collected is marked, because those must be announced to the people concerned.
Field names stay the register's own keys (``legal_basis``), which is where the
privacy contact makes the change.
"""

from __future__ import annotations

from typing import Any

from waarborg.i18n import translate
from waarborg.register import Register
from waarborg.statement.diff import Change, RegisterDiff
from waarborg.statement.render import phrases

# Which vocabulary the ids in a list field come from ("party" for recipients).
_LIST_KINDS: dict[str, str] = {
    "data_categories": "data_categories",
    "claimed_not_personal": "data_categories",
    "global_data_categories": "data_categories",
    "receives": "data_categories",
    "purposes": "purposes",
    "data_subjects": "data_subjects",
    "global_legal_bases": "legal_bases",
    "marketing_channels": "marketing_channels",
    "security_measures": "security_measures",
    "recipients": "party",
}
_MARKS = {"added": "+", "removed": "−", "changed": "~"}


class _Labels:
    """Looks ids up in the new register first, then in the old one (removed terms)."""

    def __init__(self, old: Register, new: Register, lang: str):
        self.registers = (new, old)
        self.lang = lang

    def label(self, kind: str, term_id: str) -> str:
        for register in self.registers:
            if kind == "party":
                names = {p.id: p.name.get(self.lang) for p in register.parties}
                if term_id in names:
                    return names[term_id]
            elif register.vocabulary.has(kind, term_id):  # type: ignore[arg-type]
                return register.vocabulary.label(kind, term_id, self.lang)  # type: ignore[arg-type]
        return term_id

    def title(self, section: str, item: str) -> str:
        for register in self.registers:
            if section == "activities" and register.has_activity(item):
                return register.activity(item).title.get(self.lang)
        return ""


def describe_diff(diff: RegisterDiff, old: Register, new: Register, lang: str) -> list[str]:
    """The diff as text lines, a summary line last."""
    labels = _Labels(old, new, lang)
    if diff.is_empty:
        return [
            translate(lang, "No changes between version {old} and version {new}.").format(
                old=diff.old_version, new=diff.new_version
            )
        ]
    lines = [
        translate(lang, "Changes from version {old} to version {new}:").format(
            old=diff.old_version, new=diff.new_version
        )
    ]
    lines.extend(_line(change, old, new, labels) for change in diff.changes)
    affecting = sum(1 for change in diff.changes if change.affects_existing_data)
    lines.append(
        translate(
            lang,
            "{count} change(s); {affecting} change what happens to data already collected "
            "and must be announced to the people concerned.",
        ).format(count=len(diff.changes), affecting=affecting)
    )
    return lines


def _line(change: Change, old: Register, new: Register, labels: _Labels) -> str:
    where = " ".join(part for part in (change.section, change.item) if part)
    head = f"{_MARKS[change.kind]} {where}"
    if change.kind != "changed":
        title = labels.title(change.section, change.item or "")
        return f"{head} ({title})" if title else head
    text = f"{head} · {change.field}: {_what(change, old, new, labels)}"
    if change.affects_existing_data:
        text += "  [" + translate(labels.lang, "changes data already collected") + "]"
    return text


def _what(change: Change, old: Register, new: Register, labels: _Labels) -> str:
    if change.added or change.removed:
        kind = _LIST_KINDS.get(change.field or "", "")
        shown = [
            f"{sign} {', '.join(labels.label(kind, x) if kind else x for x in ids)}"
            for sign, ids in (("+", change.added), ("−", change.removed))
            if ids
        ]
        return "; ".join(shown)
    if change.section == "activities" and change.field in ("legal_basis", "retention"):
        return f"{_rule(old, change, labels.lang)} → {_rule(new, change, labels.lang)}"
    if change.before is not None and change.after is not None and _is_text(change):
        return translate(labels.lang, "text changed")
    none = translate(labels.lang, "(none)")
    return f"{change.before or none} → {change.after or none}"


def _rule(register: Register, change: Change, lang: str) -> str:
    """A basis or retention rule as the statement words it."""
    activity = register.activity(change.item or "")
    words: Any = phrases(register, lang)
    if change.field == "legal_basis":
        return str(words.basis_term(activity.legal_basis))
    return str(words.retention_term(activity.retention))


def _is_text(change: Change) -> bool:
    """Texts a person reads (LocalText) are long; the report only says they changed."""
    return any(
        value.startswith('{"nl"') or value.startswith('{"en"')
        for value in (change.before or "", change.after or "")
    )
