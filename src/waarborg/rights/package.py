"""The access package (Art. 15 and 20): a copy of everything, and what it is for.

One zip file with

- ``index.html``: a readable summary in the person's language: per activity the
  categories held, the purpose, the legal basis, how long it is kept and who
  receives it, then per data category which recipients hold it (the promise in
  IT Services Best's statement: "een kopie van alle gegevens met een overzicht
  van de verwerkers die deze gegevens onder zich hebben, onder vermelding van de
  categorie"), then the data itself;
- ``<system>.json``: every value of every table, labelled with its data category
  and the activities it serves, machine-readable for taking along (Art. 20);
- ``<system>/<table>.csv``: the same per table, for a spreadsheet.

Only the columns the systems map calls personal are exported (and of EAV tables
only the personal keys); never password hashes, never unrelated columns.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from jinja2 import Environment

from waarborg.check._words import duration as duration_words
from waarborg.i18n import template_environment, translate
from waarborg.register import Register, RetentionRule
from waarborg.systems.found import Collection, FoundTable
from waarborg.systems.model import SystemsMap

SKIPPED = frozenset({"password"})
"""Categories whose values are never handed out (a password hash helps no one)."""


def plain(value: Any) -> Any:
    """A JSON value: dates in ISO 8601, amounts as text, binary as base64."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        try:
            return value.decode()
        except UnicodeDecodeError:
            return "base64:" + base64.b64encode(value).decode()
    return value


@dataclass
class Labelled:
    """One personal value with its data category."""

    name: str
    value: Any
    category: str


def labelled_rows(found: FoundTable) -> Iterator[list[Labelled]]:
    """The personal values of each row; an EAV row gives its key as the name."""
    spec = found.spec
    for row in found.rows.values():
        values = [
            Labelled(c, plain(row.get(c)), s.category)
            for c, s in spec.columns.items()
            if s.category not in SKIPPED
        ]
        if spec.meta:
            key_spec = spec.meta.spec_for(row.get(spec.meta.key))
            if key_spec is not None and key_spec.category not in SKIPPED:
                value = plain(row.get(spec.meta.value))
                values.append(Labelled(str(row.get(spec.meta.key)), value, key_spec.category))
        if values:
            yield values


def _held_categories(found: FoundTable) -> set[str]:
    return {v.category for row in labelled_rows(found) for v in row if v.value not in (None, "")}


@dataclass
class ActivitySummary:
    title: str
    purposes: list[str]
    basis: str
    retention: str
    categories: list[str]
    recipients: list[tuple[str, str, list[str]]] = field(default_factory=list)


def summarise(
    register: Register, collections: Sequence[Collection], lang: str
) -> tuple[list[ActivitySummary], dict[str, list[str]]]:
    """Per activity what is held and why; per category label who receives it."""
    vocabulary = register.vocabulary
    held: dict[str, set[str]] = {}
    for collection in collections:
        for found in collection.found():
            present = _held_categories(found)
            for activity_id in found.spec.activities:
                held.setdefault(activity_id, set()).update(present)

    def label(category: str) -> str:
        return vocabulary.label("data_categories", category, lang)

    summaries: list[ActivitySummary] = []
    by_category: dict[str, list[str]] = {}
    for activity in register.activities:
        if activity.id not in held:
            continue
        categories = sorted(held[activity.id], key=label)
        summary = ActivitySummary(
            title=activity.title.get(lang),
            purposes=[vocabulary.label("purposes", p, lang) for p in activity.purposes],
            basis=vocabulary.label("legal_bases", activity.basis, lang),
            retention=retention_text(activity.retention, register, lang),
            categories=[label(c) for c in categories],
        )
        for party_id in activity.recipients:
            party = register.party(party_id)
            shared = [c for c in categories if not party.receives or c in party.receives]
            name = party.name.get(lang)
            summary.recipients.append((name, party.role, [label(c) for c in shared]))
            for category in shared:
                names = by_category.setdefault(label(category), [])
                if name not in names:
                    names.append(name)
        summaries.append(summary)
    return summaries, by_category


def retention_text(rule: RetentionRule, register: Register, lang: str) -> str:
    """``7 years after the completion of the order (from the end of the book year)``."""
    if not rule.stated:
        return translate(lang, "not stated")
    anchor = register.vocabulary.label("retention_anchors", str(rule.after), lang)
    if rule.open_ended:
        return translate(lang, "until {anchor}").format(anchor=anchor)
    total = duration_words(rule.total()).get(lang)
    text = translate(lang, "{duration} after {anchor}").format(duration=total, anchor=anchor)
    if rule.counts_from_book_year():
        text += " " + translate(lang, "(counted from the end of the book year)")
    return text


def _environment(lang: str) -> Environment:
    return template_environment("waarborg.rights", lang)


def build_package(
    register: Register,
    systems: SystemsMap,
    collections: Sequence[Collection],
    *,
    subject_ref: str,
    lang: str,
    made_at: datetime,
    consents: Sequence[Mapping[str, Any]] = (),
) -> bytes:
    """The zip file, in memory (a person's data is small).

    ``consents``: the person's consent records from waarborg's store, as
    :func:`waarborg.consent.records.history` gives them; they go into
    ``consents.json`` and the summary, so the person sees what they agreed to,
    when, to which text, and what they withdrew (Art. 15(1), 7(1)).
    """
    activities, by_category = summarise(register, collections, lang)
    tables = [
        (collection.system, found, list(labelled_rows(found)))
        for collection in collections
        for found in collection.found()
    ]

    def label(category: str) -> str:
        return register.vocabulary.label("data_categories", category, lang)

    html = (
        _environment(lang)
        .get_template("access.html")
        .render(
            lang=lang,
            organisation=register.organisation.display_name(),
            made_on=made_at.date().isoformat(),
            consents=consents,
            activities=activities,
            by_category=by_category,
            tables=[
                _view(systems.systems[system].title or system, found, rows, label)
                for system, found, rows in tables
                if rows
            ],
        )
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", html)
        archive.writestr(
            "consents.json",
            json.dumps(
                {"subject": subject_ref, "consents": list(consents)}, ensure_ascii=False, indent=2
            ),
        )
        for collection in collections:
            archive.writestr(
                f"{collection.system}.json",
                json.dumps(
                    _system_json(systems, collection, subject_ref, made_at),
                    ensure_ascii=False,
                    indent=2,
                ),
            )
        for system, found, rows in tables:
            if rows:
                archive.writestr(
                    f"{system}/{found.name}.csv", _csv(rows, long=bool(found.spec.meta))
                )
    return buffer.getvalue()


def _view(
    title: str, found: FoundTable, rows: list[list[Labelled]], label: Callable[[str], str]
) -> dict[str, Any]:
    """A table for the summary: one column per personal column, or for an EAV
    table one line per key."""
    if found.spec.meta:
        return {
            "title": f"{title}: {found.name}",
            "headers": None,
            "rows": [[v.name, v.value, label(v.category)] for row in rows for v in row],
        }
    names = {v.name: v.category for row in rows for v in row}
    return {
        "title": f"{title}: {found.name}",
        "headers": [(n, label(c)) for n, c in names.items()],
        "rows": [[{v.name: v.value for v in row}.get(n) for n in names] for row in rows],
    }


def _system_json(
    systems: SystemsMap, collection: Collection, subject_ref: str, made_at: datetime
) -> dict[str, Any]:
    system = systems.systems[collection.system]
    return {
        "system": collection.system,
        "title": system.title or collection.system,
        "subject": subject_ref,
        "made_at": made_at.isoformat(),
        "tables": {found.name: _table_json(found) for found in collection.found()},
    }


def _table_json(found: FoundTable) -> dict[str, Any]:
    """Rows as objects with a map of each column's category; an EAV table's rows as
    key, value and category."""
    rows = list(labelled_rows(found))
    data: dict[str, Any] = {"activities": list(found.spec.activities)}
    if found.spec.meta:
        data["rows"] = [
            {"key": v.name, "value": v.value, "category": v.category} for row in rows for v in row
        ]
    else:
        data["categories"] = {v.name: v.category for row in rows for v in row}
        data["rows"] = [{v.name: v.value for v in row} for row in rows]
    return data


def _csv(rows: list[list[Labelled]], *, long: bool) -> str:
    """One column per personal column; an EAV table as key, value, category lines."""
    names = list(dict.fromkeys(v.name for row in rows for v in row))
    out = io.StringIO()
    writer = csv.writer(out)
    if long:
        writer.writerow(["key", "value", "category"])
        writer.writerows([v.name, v.value, v.category] for row in rows for v in row)
    else:
        writer.writerow(names)
        for row in rows:
            by_name = {v.name: v.value for v in row}
            writer.writerow([by_name.get(n, "") for n in names])
    return out.getvalue()
