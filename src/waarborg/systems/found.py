"""What a walk finds: plain data, shared by connectors, masking and rights planning.

A :class:`Collection` holds, per table, the rows that belong to one person keyed
by primary key, with the anchor dates of rows that may be retained. Nothing
here touches a database, so planning a request works on it without one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from waarborg.identity import IdentityKind, normalise
from waarborg.systems.model import Table

Key = tuple[Any, ...]


@dataclass(frozen=True)
class Identity:
    """Who a request is about: an e-mail address, a phone number or a customer id.

    A customer id means something only in one system; ``system`` names it (when
    omitted, every system's customer-id columns are searched).
    """

    kind: IdentityKind
    value: str
    system: str | None = None

    def normalised(self) -> Identity:
        return Identity(self.kind, normalise(self.kind, self.value), self.system)


@dataclass
class FoundTable:
    """The rows of one table that belong to the person, by primary key."""

    name: str
    spec: Table
    rows: dict[Key, dict[str, Any]] = field(default_factory=dict)
    anchors: dict[Key, Any] = field(default_factory=dict)
    """For tables whose rows may be retained: the hold's anchor value per row."""


@dataclass
class Collection:
    """Everything found in one system for one person."""

    system: str
    tables: dict[str, FoundTable]
    queries: int = 0
    foreign_keys: list[tuple[str, str, str, str]] = field(default_factory=list)
    """Real foreign keys between mapped tables: (child, column, parent, column)."""

    def count(self) -> int:
        return sum(len(t.rows) for t in self.tables.values())

    def found(self) -> Iterator[FoundTable]:
        return (t for t in self.tables.values() if t.rows)


def identity_values(identity: Identity) -> list[str]:
    """The values to look for: the e-mail address in lower case, a phone number in the
    notations people write it in, a customer id as given."""
    normal = identity.normalised().value
    if identity.kind == "phone" and normal.startswith("+31"):
        national = "0" + normal[3:]
        return [normal, national, f"{national[:2]}-{national[2:]}", "0031" + normal[3:]]
    return [normal]


def coerce(value: Any, target: type | None) -> Any:
    """``value`` as the column's type, or None when it cannot be one (skip it)."""
    if value is None:
        return None
    if target is int:
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, Decimal | float) and value == int(value):
            return int(value)
        text = str(value).strip()
        return int(text) if text.lstrip("-").isdigit() else None
    if target is str and not isinstance(value, str):
        return str(value)
    return value


def as_date(value: Any) -> date | None:
    """A date from a DATE, DATETIME or ISO 8601 text column; None for anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return datetime.fromisoformat(value.strip()).date()
        except ValueError:
            return None
    return None
