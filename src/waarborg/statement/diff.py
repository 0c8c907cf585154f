"""What changed between two registers (or two published statement versions).

Changes are listed per activity and field (data categories, purposes, legal
basis, retention, recipients, transfers …), then for parties, the organisation,
rights, cookies and security measures. Each change says whether it alters what
happens to data *already collected* (a new purpose, basis or recipient, another
retention term): those are the changes a company must tell the people concerned
about (Art. 13(3) AVG for a new purpose; itsb.txt promises an e-mail for all).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from pydantic import BaseModel

from waarborg.register import Activity, LegalBasis, Party, Register, RetentionRule

Kind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Change:
    """One difference; ``item`` is the activity, party or cookie id where there is one."""

    section: str
    kind: Kind
    item: str | None = None
    field: str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    before: str | None = None
    after: str | None = None
    affects_existing_data: bool = False


@dataclass(frozen=True)
class RegisterDiff:
    old_version: str
    new_version: str
    changes: tuple[Change, ...]

    @property
    def is_empty(self) -> bool:
        return not self.changes

    @property
    def affects_existing_data(self) -> bool:
        return any(change.affects_existing_data for change in self.changes)

    def for_activity(self, activity_id: str) -> list[Change]:
        return [c for c in self.changes if c.section == "activities" and c.item == activity_id]

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "affects_existing_data": self.affects_existing_data,
            "changes": [asdict(change) for change in self.changes],
        }


# For list fields: (field, whether an *added* entry touches data already collected).
_ACTIVITY_LISTS: tuple[tuple[str, bool], ...] = (
    ("data_categories", True),
    ("purposes", True),
    ("data_subjects", False),
    ("recipients", True),
    ("claimed_not_personal", False),
    ("marketing_channels", True),
)
# Scalar-ish fields compared as text: (field, affects existing data).
_ACTIVITY_FIELDS: tuple[tuple[str, bool], ...] = (
    ("legal_basis", True),
    ("retention", True),
    ("profiling", True),
    ("channels", False),
    ("source", False),
    ("requirement", False),
    ("consent", False),
    ("large_scale", False),
    ("title", False),
    ("description", False),
    ("details", False),
)
_PARTY_FIELDS: tuple[tuple[str, bool], ...] = (
    ("role", True),
    ("country", True),
    ("transfer_safeguard", True),
    ("own_purposes", True),
    ("processor_agreement", False),
    ("kind", False),
    ("name", False),
    ("description", False),
)


def diff_registers(old: Register, new: Register) -> RegisterDiff:
    """Every difference from ``old`` to ``new``, activities first."""
    changes = [
        *_diff_items("activities", old.activities, new.activities, _activity_changes(old, new)),
        *_diff_global(old, new),
        *_diff_items("parties", old.parties, new.parties, _party_changes),
        *_diff_organisation(old, new),
        *_diff_model("rights", old.rights, new.rights, ()),
        *_diff_items("cookies", old.cookies, new.cookies, _model_changes("cookies", ())),
        *_diff_security(old, new),
        *_diff_model("statement", old.statement, new.statement, ()),
    ]
    return RegisterDiff(old.statement.version, new.statement.version, tuple(changes))


def _diff_items(
    section: str,
    old: Sequence[Any],
    new: Sequence[Any],
    compare: Callable[[Any, Any], list[Change]],
) -> list[Change]:
    """Added, removed and changed entries of an id-keyed list, in the new order."""
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    changes = [Change(section, "removed", item_id) for item_id in before if item_id not in after]
    for item_id, item in after.items():
        if item_id not in before:
            changes.append(Change(section, "added", item_id))
        else:
            changes.extend(compare(before[item_id], item))
    return changes


def _activity_changes(old: Register, new: Register) -> Callable[[Any, Any], list[Change]]:
    def compare(a: Activity, b: Activity) -> list[Change]:
        changes = [
            change
            for name, affects in _ACTIVITY_LISTS
            if (
                change := _list_change(
                    "activities", b.id, name, _ids(a, name), _ids(b, name), affects
                )
            )
        ]
        changes.extend(_field_changes("activities", b.id, a, b, _ACTIVITY_FIELDS))
        transfers = _list_change(
            "activities", b.id, "transfers", _transfers(old, a), _transfers(new, b), True
        )
        return [*changes, *([transfers] if transfers else [])]

    return compare


def _ids(activity: Activity, name: str) -> list[str]:
    if name == "marketing_channels":
        return [channel.channel for channel in activity.channels]
    return list(getattr(activity, name))


def _transfers(register: Register, activity: Activity) -> list[str]:
    """'party → country (safeguard)' for each recipient outside the EEA."""
    parties = {party.id: party for party in register.parties}
    return [
        f"{party.id} → {party.country} ({party.transfer_safeguard or 'unstated'})"
        for party in (parties[r] for r in activity.recipients if r in parties)
        if party.outside_eea
    ]


def _party_changes(a: Party, b: Party) -> list[Change]:
    changes = _field_changes("parties", b.id, a, b, _PARTY_FIELDS)
    receives = _list_change("parties", b.id, "receives", a.receives, b.receives, True)
    return [*changes, *([receives] if receives else [])]


def _model_changes(section: str, affecting: Iterable[str]) -> Callable[[Any, Any], list[Change]]:
    touched = set(affecting)

    def compare(a: BaseModel, b: BaseModel) -> list[Change]:
        fields = tuple((name, name in touched) for name in type(b).model_fields if name != "id")
        return _field_changes(section, getattr(b, "id", None), a, b, fields)

    return compare


def _diff_model(
    section: str, old: BaseModel, new: BaseModel, affecting: Iterable[str]
) -> list[Change]:
    return _model_changes(section, affecting)(old, new)


def _diff_organisation(old: Register, new: Register) -> list[Change]:
    # Another controller (a new legal name) changes who holds the data already collected.
    return _diff_model("organisation", old.organisation, new.organisation, ("name",))


def _diff_global(old: Register, new: Register) -> list[Change]:
    pairs = (
        ("global_data_categories", old.global_data_categories, new.global_data_categories),
        ("global_legal_bases", old.global_legal_bases, new.global_legal_bases),
    )
    return [
        change
        for name, a, b in pairs
        if (change := _list_change("register", None, name, a, b, True))
    ]


def _diff_security(old: Register, new: Register) -> list[Change]:
    a = [m.measure for m in old.security_measures]
    b = [m.measure for m in new.security_measures]
    change = _list_change("security", None, "security_measures", a, b, False)
    return [change] if change else []


def _list_change(
    section: str,
    item: str | None,
    name: str,
    old: Sequence[str],
    new: Sequence[str],
    affects: bool,
) -> Change | None:
    added = tuple(x for x in new if x not in old)
    removed = tuple(x for x in old if x not in new)
    if not added and not removed:
        return None
    return Change(
        section,
        "changed",
        item,
        name,
        added=added,
        removed=removed,
        affects_existing_data=affects and bool(added),
    )


def _field_changes(
    section: str, item: str | None, a: Any, b: Any, fields: Sequence[tuple[str, bool]]
) -> list[Change]:
    changes = []
    for name, affects in fields:
        before, after = _shown(getattr(a, name)), _shown(getattr(b, name))
        if before != after:
            changes.append(
                Change(
                    section,
                    "changed",
                    item,
                    name,
                    before=before,
                    after=after,
                    affects_existing_data=affects,
                )
            )
    return changes


def _shown(value: Any) -> str | None:
    """A field as short, stable text: bases and retention rules as people write them."""
    if value is None:
        return None
    if isinstance(value, LegalBasis):
        return (
            value.model_dump_json(exclude_defaults=True)
            if value.interest or value.obligation or value.special_category_ground
            else value.basis
        )
    if isinstance(value, RetentionRule):
        duties = value.obligations()
        return value.short() + (f" ({', '.join(duties)})" if duties else "")
    if isinstance(value, BaseModel):
        return value.model_dump_json(exclude_defaults=True)
    if isinstance(value, list):
        return ", ".join(_shown(v) or "" for v in value)
    return str(value)
