"""Reading ``systems.yaml`` and checking it against the register.

Like the register, every problem is reported at once with ``file:line:column``:
YAML and field errors, categories, activities and retention obligations the
register does not know, references to tables the map does not have, tables no
request can reach, and a URL written where the name of an environment variable
belongs. What needs the database itself (do the tables and columns exist?) is
checked when a connector opens it (:mod:`waarborg.systems.connect`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from waarborg._exceptions import Problem, SystemsMapError
from waarborg._validation import read_source, sorted_problems, validation_problems
from waarborg._yaml import LocatedDocument, PathKey, load_located
from waarborg.i18n import N_
from waarborg.register import Register
from waarborg.register.references import KIND_NAMES
from waarborg.systems import graph
from waarborg.systems.model import SystemsMap

GUIDE = "docs/systems.md"
_ANY = None
_TABLES = ("systems", _ANY, "tables", _ANY)


def load_systems(path: str | Path, register: Register) -> SystemsMap:
    """Load ``path`` and check it against ``register``; raises :class:`SystemsMapError`."""
    file = Path(path)
    text = read_source(
        file,
        SystemsMapError,
        N_("cannot read the systems map: {reason}"),
        N_("the systems map is not UTF-8 text; save it as UTF-8"),
    )
    return parse_systems(text, register, str(file))


def parse_systems(text: str, register: Register, file: str = "<systems>") -> SystemsMap:
    doc = load_located(text, file)
    if doc.problems and doc.data is None:
        raise SystemsMapError(file, doc.problems)
    if not isinstance(doc.data, dict):
        problem = Problem(doc.position(()), "a systems map is a mapping with 'systems' at the top")
        raise SystemsMapError(file, [*doc.problems, problem])
    url_problems = _urls_in_file(doc)
    problems = [*doc.problems, *url_problems, *_register_references(doc, register)]
    try:
        systems = SystemsMap.model_validate(doc.data)
    except ValidationError as exc:
        skip = [p.position for p in (*doc.problems, *url_problems)]
        problems.extend(validation_problems(doc, exc, guide=GUIDE, skip=skip))
        raise SystemsMapError(file, sorted_problems(problems)) from None
    systems.attach_source(doc)
    problems.extend(_structure(systems))
    if problems:
        raise SystemsMapError(file, sorted_problems(problems))
    return systems


def _urls_in_file(doc: LocatedDocument) -> list[Problem]:
    return [
        Problem(
            doc.position(path),
            "url_env names the environment variable that holds the database URL; "
            "never write a URL or password in this file",
        )
        for path, value in doc.find(("systems", _ANY, "url_env"))
        if isinstance(value, str) and ("://" in value or "@" in value)
    ]


def _register_references(doc: LocatedDocument, register: Register) -> list[Problem]:
    """Categories, activities and obligations must exist in the register."""
    vocabulary = register.vocabulary
    problems = []
    categories = [
        *doc.find((*_TABLES, "columns", _ANY)),
        *doc.find((*_TABLES, "columns", _ANY, "category")),
        *doc.find((*_TABLES, "meta", "keys", _ANY)),
        *doc.find((*_TABLES, "meta", "keys", _ANY, "category")),
    ]
    for path, value in categories:
        if isinstance(value, str) and not vocabulary.has("data_categories", value):
            problems.append(_unknown(doc, path, "data_categories", value, vocabulary.ids))
    for path, _value in doc.find((*_TABLES, "events", _ANY)):
        kind = path[-1]
        if isinstance(kind, str) and not vocabulary.has("retention_anchors", kind):
            problems.append(_unknown_key(doc, path, "retention_anchors", kind, vocabulary.ids))
    obligations = doc.find((*_TABLES, "erasure", "retain"))
    for path, value in obligations:
        if isinstance(value, str) and not vocabulary.has("retention_obligations", value):
            problems.append(_unknown(doc, path, "retention_obligations", value, vocabulary.ids))
    activity_ids = [a.id for a in register.activities]
    for path, value in [
        *doc.find((*_TABLES, "activities")),
        *doc.find((*_TABLES, "activities", _ANY)),
    ]:
        if isinstance(value, str) and value not in activity_ids:
            problems.append(
                Problem(
                    doc.position(path),
                    "unknown activity {value!r}: the register has no activity with this id",
                    {"value": value},
                    allowed=tuple(activity_ids),
                )
            )
    return problems


def _unknown(doc: LocatedDocument, path: PathKey, kind: Any, value: str, ids: Any) -> Problem:
    return Problem(
        doc.position(path),
        "unknown {what} {value!r}; use a known id or add it under 'taxonomy:' in the register",
        {"what": KIND_NAMES[kind], "value": value},
        allowed=tuple(sorted(ids(kind))),
        translated_params=("what",),
    )


def _unknown_key(doc: LocatedDocument, path: PathKey, kind: Any, value: str, ids: Any) -> Problem:
    """An unknown id written as a mapping key (``events: {acount-closed: ID}``)."""
    return replace(_unknown(doc, path, kind, value, ids), position=doc.position(path, key=True))


def _structure(systems: SystemsMap) -> list[Problem]:
    """References resolve, retained rows have an anchor, every table is reachable."""
    problems = []
    for system_id, system in systems.systems.items():
        base = ("systems", system_id, "tables")
        for name, table in system.tables.items():
            for index, ref in enumerate(table.references):
                if ref.target_table not in system.tables:
                    problems.append(
                        Problem(
                            systems.position(*base, name, "references", index, "to"),
                            "reference to table {table!r}, which is not in system {system!r}; "
                            "add the table to the map or correct the name",
                            {"table": ref.target_table, "system": system_id},
                            allowed=tuple(system.tables),
                        )
                    )
            problems.extend(_anchor_problems(systems, system_id, name))
            problems.extend(_event_problems(systems, system_id, name))
        problems.extend(_reachability(systems, system_id))
    return problems


def _anchor_problems(systems: SystemsMap, system_id: str, name: str) -> list[Problem]:
    table = systems.systems[system_id].tables[name]
    where = ("systems", system_id, "tables", name)
    anchor = table.hold_anchor()
    if table.erasure.retain and anchor is None:
        return [
            Problem(
                systems.position(*where, "erasure"),
                "retained rows need an anchor: the column the hold is counted from; "
                "set 'anchor' on the table or under erasure",
            )
        ]
    system = systems.systems[system_id]
    related = {ref.target_table for ref in table.references} | {
        other
        for other, spec in system.tables.items()
        if any(ref.target_table == name for ref in spec.references)
    }
    problems = []
    for path, value in (
        ((*where, "anchor"), table.anchor),
        ((*where, "erasure", "anchor"), table.erasure.anchor),
    ):
        if value and "." in value and value.partition(".")[0] not in related:
            problems.append(
                Problem(
                    systems.position(*path),
                    "anchor {value!r} is in table {table!r}, which is not linked to this "
                    "table by a reference; add one or use a column of this table",
                    {"value": value, "table": value.partition(".")[0]},
                )
            )
    return problems


def _event_problems(systems: SystemsMap, system_id: str, name: str) -> list[Problem]:
    """An event's reference names a row of this very table: a plain column of it."""
    table = systems.systems[system_id].tables[name]
    return [
        Problem(
            systems.position("systems", system_id, "tables", name, "events", kind),
            "events name a column of this table that the posted event's reference "
            "equals; {value!r} is not a column name",
            {"value": column},
        )
        for kind, column in table.events.items()
        if not column.strip() or "." in column or column != column.strip()
    ]


def _reachability(systems: SystemsMap, system_id: str) -> list[Problem]:
    system = systems.systems[system_id]
    lost = graph.unreachable(system)
    problems = []
    for name in lost:
        position = systems.position("systems", system_id, "tables", name, key=True)
        others = graph.connected(system, name, set(lost))
        if others:
            problems.append(
                Problem(
                    position,
                    "table {table!r} cannot be reached from any identity column: it only "
                    "references {others}, which cannot be reached either (a reference cycle "
                    "without an identity); give one of them an identity column or a "
                    "reference that a request can follow from a reachable table",
                    {"table": name, "others": ", ".join(others)},
                )
            )
        else:
            problems.append(
                Problem(
                    position,
                    "table {table!r} cannot be reached from any identity column; give it an "
                    "identity column or a reference that a request can follow",
                    {"table": name},
                )
            )
    return problems
