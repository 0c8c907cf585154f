"""What a request will read, change and keep, per system and table, and why.

Planning is pure: it takes the rows a connector collected (with the anchor
dates of rows that may be retained) and the register, and decides for every
row. A plan holds primary keys, counts, dates and reasons, never personal
values, so it can be shown to the privacy contact, stored to resume an
interrupted erasure, and logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from waarborg.register import Register
from waarborg.rights.holds import hold_until
from waarborg.systems.found import Collection, FoundTable, Identity, Key, identity_values
from waarborg.systems.model import FieldKind

RequestKind = Literal["access", "erasure", "rectification", "restriction", "objection"]
KINDS: tuple[RequestKind, ...] = ("access", "erasure", "rectification", "restriction", "objection")


@dataclass(frozen=True)
class Held:
    """A row kept under a legal hold: restricted until ``until``, erased the day after."""

    key: Key
    obligation: str
    until: date


@dataclass
class TablePlan:
    system: str
    table: str
    activities: list[str]
    categories: list[str]
    found: int
    delete: list[Key] = field(default_factory=list)
    mask: list[Key] = field(default_factory=list)
    hold: list[Held] = field(default_factory=list)
    update: list[Key] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    """For rectification: the columns (or EAV keys) that will be set."""

    @property
    def unchanged(self) -> int:
        return self.found - len(self.delete) - len(self.mask) - len(self.hold) - len(self.update)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["delete"] = [list(k) for k in self.delete]
        data["mask"] = [list(k) for k in self.mask]
        data["update"] = [list(k) for k in self.update]
        data["hold"] = [
            {"key": list(h.key), "obligation": h.obligation, "until": h.until.isoformat()}
            for h in self.hold
        ]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TablePlan:
        values = dict(data)
        for name in ("delete", "mask", "update"):
            values[name] = [tuple(k) for k in values.get(name, [])]
        values["hold"] = [
            Held(tuple(h["key"]), h["obligation"], date.fromisoformat(h["until"]))
            for h in values.get("hold", [])
        ]
        return cls(**values)


@dataclass
class Plan:
    kind: RequestKind
    made_on: date
    tables: list[TablePlan]

    def systems(self) -> list[str]:
        return list(dict.fromkeys(t.system for t in self.tables))

    def for_system(self, system: str) -> list[TablePlan]:
        return [t for t in self.tables if t.system == system]

    def found(self) -> int:
        return sum(t.found for t in self.tables)

    def held(self) -> Iterable[tuple[TablePlan, Held]]:
        return ((t, h) for t in self.tables for h in t.hold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "made_on": self.made_on.isoformat(),
            "tables": [t.to_dict() for t in self.tables],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Plan:
        return cls(
            data["kind"],
            date.fromisoformat(data["made_on"]),
            [TablePlan.from_dict(t) for t in data["tables"]],
        )

    def merged(self, other: Plan) -> Plan:
        """This plan with the rows ``other`` found that this one missed (a resumed
        erasure also erases rows that appeared after it started); a kept row is
        never turned into one to erase."""
        tables = {(t.system, t.table): t for t in self.tables}
        for extra in other.tables:
            mine = tables.setdefault((extra.system, extra.table), extra)
            if mine is extra:
                continue
            planned = {*mine.delete, *mine.mask, *mine.update, *(h.key for h in mine.hold)}
            mine.delete += [k for k in extra.delete if k not in planned]
            mine.mask += [k for k in extra.mask if k not in planned]
            mine.update += [k for k in extra.update if k not in planned]
            mine.hold += [h for h in extra.hold if h.key not in planned]
            mine.found = max(mine.found, extra.found)
        return Plan(self.kind, self.made_on, list(tables.values()))


def _table_plan(collection: Collection, found: FoundTable) -> TablePlan:
    return TablePlan(
        system=collection.system,
        table=found.name,
        activities=list(found.spec.activities),
        categories=found.spec.categories(),
        found=len(found.rows),
    )


def plan_access(collections: Sequence[Collection], today: date) -> Plan:
    tables = [_table_plan(c, f) for c in collections for f in c.found()]
    return Plan("access", today, tables)


def plan_erasure(register: Register, collections: Sequence[Collection], today: date) -> Plan:
    """Delete, mask or keep every row, as its table's erasure action says.

    A retained row is kept while its hold runs (until the last day, inclusive);
    once the hold has ended, or when its anchor is empty (no record under the duty
    yet), the hold's ``then`` action applies. In an EAV table only rows with a
    personal key are masked.
    """
    tables = []
    for collection in collections:
        for found in collection.found():
            plan = _table_plan(collection, found)
            erasure, meta = found.spec.erasure, found.spec.meta
            for key, row in found.rows.items():
                action = erasure.action
                if action == "retain":
                    until = hold_until(register, found.spec, found.anchors.get(key))
                    if until is not None and until >= today:
                        plan.hold.append(Held(key, str(erasure.retain), until))
                        continue
                    action = erasure.then
                if action == "delete":
                    plan.delete.append(key)
                elif meta is None or meta.spec_for(row.get(meta.key)) is not None:
                    plan.mask.append(key)
            tables.append(plan)
        _keep_referenced(collection, {t.table: t for t in tables if t.system == collection.system})
    return Plan("erasure", today, tables)


def _keep_referenced(collection: Collection, plans: Mapping[str, TablePlan]) -> None:
    """A row a kept row still points at through a real foreign key is masked, not
    deleted: the database would refuse the delete, and the kept row would dangle."""
    changed = True
    while changed:
        changed = False
        for child, column, parent, target in collection.foreign_keys:
            if child not in plans or parent not in plans or not plans[parent].delete:
                continue
            gone = set(plans[child].delete)
            rows = collection.tables[child].rows
            kept = {row.get(column) for key, row in rows.items() if key not in gone}
            parents = collection.tables[parent].rows
            saved = [k for k in plans[parent].delete if parents[k].get(target) in kept]
            if saved:
                plans[parent].delete = [k for k in plans[parent].delete if k not in saved]
                plans[parent].mask += saved
                changed = True


def plan_rectification(
    register: Register,
    collections: Sequence[Collection],
    fields: Iterable[FieldKind],
    today: date,
    identities: Sequence[Identity] = (),
) -> Plan:
    """Set the named fields wherever the person's own rows hold them.

    Records under a legal hold (an invoice, an order) stay as they were. In a table
    with an identity column, only rows naming the person are theirs to correct: a
    client's contacts are other people, whose phone number is not the client's.
    """
    wanted = set(fields)
    tables = []
    for collection in collections:
        for found in collection.found():
            plan = _table_plan(collection, found)
            spec, meta = found.spec, found.spec.meta
            columns = [c for c, s in spec.columns.items() if s.field in wanted]
            keys = [k for k, s in meta.keys.items() if s.field in wanted] if meta else []
            plan.targets = columns + keys
            own = _own_rows(found, identities)
            for key, row in found.rows.items():
                if key not in own:
                    continue
                if spec.erasure.retain and spec.is_record():
                    until = hold_until(register, spec, found.anchors.get(key))
                    if until is not None and until >= today:
                        plan.hold.append(Held(key, spec.erasure.retain, until))
                        continue
                has_key = meta is not None and any(
                    meta.key_matches(k, row.get(meta.key)) for k in keys
                )
                if columns or has_key:
                    plan.update.append(key)
            tables.append(plan)
    return Plan("rectification", today, tables)


def _own_rows(found: FoundTable, identities: Sequence[Identity]) -> set[Key]:
    """The rows that carry one of the person's identities in a column of their own (all
    rows when the table has no such column: they belong by reference)."""
    accepted: dict[str, set[str]] = {}
    for identity in identities:
        accepted.setdefault(identity.kind, set()).update(identity_values(identity))
    columns = [
        (column, spec.kind)
        for column, spec in found.spec.identity.items()
        if not spec.where and spec.kind in accepted
    ]
    if not columns:
        return set(found.rows)

    def names_person(row: Mapping[str, Any]) -> bool:
        for column, kind in columns:
            text = str(row.get(column) or "").strip()
            if (text.lower() if kind == "email" else text) in accepted[kind]:
                return True
        return False

    return {key for key, row in found.rows.items() if names_person(row)}
