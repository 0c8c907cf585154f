"""The systems map as pydantic models: where the company's personal data lives.

A systems map (``systems.yaml``, next to the register) names every database
waarborg reaches, and for each table the columns that identify a person, how
the table references others, the data category of each personal column, the
activities the rows serve, the column that anchors their retention (and, for
rules counted from an event posted to waarborg, the column the event's
``reference`` names), and what erasure does to a row. ``docs/systems.md``
documents the format; these models are its single definition. They are plain
data without I/O, so rights planning can use them without touching a database.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import (
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_validator,
)

from waarborg._exceptions import Position
from waarborg._yaml import LocatedDocument
from waarborg.identity import IdentityKind
from waarborg.register._base import Slug, StrictModel
from waarborg.register.duration import Duration

Scalar = str | int | float | bool
Condition = dict[str, Scalar | list[Scalar]]
"""Equality conditions on a table's own columns: ``{post_type: [shop_order]}``."""

EnvName = Annotated[str, StringConstraints(pattern=r"^[A-Z_][A-Z0-9_]*$")]

FieldKind = Literal[
    "email",
    "phone",
    "postcode",
    "iban",
    "name",
    "first-name",
    "last-name",
    "street",
    "city",
    "company",
    "country",
    "text",
]
"""What kind of value a column holds, for rectification: ``--set postcode=...``
changes every column marked ``field: postcode``, validated as a Dutch postcode."""

MaskKeyword = Literal["null", "blank", "hash", "truncate-ip", "date-to-month", "date-to-year"]


class Fixed(StrictModel):
    """Replace the value with this fixed one, e.g. ``{fixed: "[verwijderd]"}``."""

    fixed: Scalar | None


MASK_KEYWORDS: tuple[str, ...] = get_args(MaskKeyword)


def _one_strategy_error(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """One clear message instead of one per member of the union."""
    try:
        return handler(value)
    except ValidationError:
        raise ValueError(
            f"{value!r} is not a mask strategy; use one of {', '.join(MASK_KEYWORDS)} "
            "or {fixed: <value>}"
        ) from None


MaskStrategy = Annotated[MaskKeyword | Fixed | None, WrapValidator(_one_strategy_error)]
"""``null`` (or YAML ``null``): NULL; ``blank``: empty text or 0; ``hash``: a keyed hash
of the value (same input, same output, not reversible without the key); ``truncate-ip``:
IPv4 to /24, IPv6 to /48; ``date-to-month`` / ``date-to-year``: the first day of the
month or year; ``{fixed: value}``: that value."""


def strategy_name(strategy: MaskStrategy) -> str:
    """A short, non-personal description of a strategy, for plans and logs."""
    if strategy is None:
        return "null"
    if isinstance(strategy, Fixed):
        return "fixed"
    return strategy


class ColumnSpec(StrictModel):
    """A personal column (or EAV key): its data category and, optionally, its field kind."""

    category: Slug
    field: FieldKind | None = None

    @model_validator(mode="before")
    @classmethod
    def _category_only(cls, value: Any) -> Any:
        return {"category": value} if isinstance(value, str) else value


class IdentitySpec(StrictModel):
    """A column that can be queried directly with a requester's identity."""

    kind: IdentityKind
    where: Condition = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _kind_only(cls, value: Any) -> Any:
        return {"kind": value} if isinstance(value, str) else value


Follow = Literal["down", "up", "both"]


class Reference(StrictModel):
    """``column`` of this table holds values of ``to`` (``table.column``).

    ``follow`` says which way a request may walk the edge: ``down`` (the default)
    finds this table's rows that belong to a found row of ``to``; ``up`` finds the
    ``to`` row a found row here points at, for when that row is the same person's
    (an order's meta row leading to the order). ``where`` limits the edge to rows
    of this table that match (an EAV key, an ``owner`` flag).
    """

    column: str = Field(min_length=1)
    to: str = Field(pattern=r"^[^.\s]+\.[^.\s]+$")
    follow: Follow = "down"
    where: Condition = Field(default_factory=dict)

    @property
    def target_table(self) -> str:
        return self.to.partition(".")[0]

    @property
    def target_column(self) -> str:
        return self.to.partition(".")[2]

    @property
    def walks_down(self) -> bool:
        return self.follow in ("down", "both")

    @property
    def walks_up(self) -> bool:
        return self.follow in ("up", "both")


class MetaSpec(StrictModel):
    """An entity-attribute-value table (``wp_usermeta``, ``wp_postmeta``): rows keyed by
    ``key``; only the keys listed under ``keys`` hold personal data. A key ending in
    ``*`` matches every key that starts with the rest (``billing_*``)."""

    key: str = "meta_key"
    value: str = "meta_value"
    keys: dict[str, ColumnSpec] = Field(min_length=1)

    def spec_for(self, meta_key: object) -> ColumnSpec | None:
        """The spec of a row's key; an exact key wins over a ``prefix*`` pattern."""
        exact = self.keys.get(meta_key) if isinstance(meta_key, str) else None
        if exact is not None:
            return exact
        return next(
            (spec for pattern, spec in self.keys.items() if self.key_matches(pattern, meta_key)),
            None,
        )

    def key_matches(self, pattern: str, meta_key: object) -> bool:
        if not isinstance(meta_key, str):
            return False
        if pattern.endswith("*"):
            return meta_key.startswith(pattern[:-1])
        return meta_key == pattern


Action = Literal["delete", "mask", "retain"]


class Erasure(StrictModel):
    """What an erasure request does to a row of the table.

    ``delete``; ``mask`` (every personal column, with the strategies under ``mask``;
    unlisted personal columns become NULL, or blank when NOT NULL); or ``retain: <obligation>``:
    the row is kept under that legal hold (term from the register's retention
    obligations, or ``keep``), counted from ``anchor``, restricted meanwhile, with the
    columns under ``mask`` minimised now, and handled by ``then`` when the hold ends.
    """

    delete: bool = False
    mask: dict[str, MaskStrategy] | None = None
    retain: Slug | None = None
    keep: Duration | None = None
    anchor: str | None = None
    then: Literal["delete", "mask"] = "delete"

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, value: Any) -> Any:
        if value == "delete":
            return {"delete": True}
        if value == "mask":
            return {"mask": {}}
        return value

    @model_validator(mode="after")
    def _one_action(self) -> Erasure:
        if self.delete and (self.mask is not None or self.retain):
            raise ValueError("choose one action: delete, mask or retain")
        if not (self.delete or self.mask is not None or self.retain):
            raise ValueError("say what erasure does: delete, mask or retain: <obligation>")
        if not self.retain and (self.keep or self.anchor or "then" in self.model_fields_set):
            raise ValueError("keep, anchor and then belong to retain")
        return self

    @property
    def action(self) -> Action:
        if self.retain:
            return "retain"
        return "delete" if self.delete else "mask"

    @property
    def strategies(self) -> dict[str, MaskStrategy]:
        return dict(self.mask or {})


class Table(StrictModel):
    """One table of a connected database, as far as personal data goes."""

    description: str | None = None
    primary_key: list[str] = Field(min_length=1)
    activities: list[Slug] = Field(min_length=1)
    identity: dict[str, IdentitySpec] = Field(default_factory=dict)
    references: list[Reference] = Field(default_factory=list)
    columns: dict[str, ColumnSpec] = Field(default_factory=dict)
    meta: MetaSpec | None = None
    where: Condition = Field(default_factory=dict)
    anchor: str | None = Field(
        default=None, description="column (or table.column via a reference) anchoring retention"
    )
    events: dict[Slug, str] = Field(
        default_factory=dict,
        description="event kind -> the column of this table a posted event's reference equals",
    )
    erasure: Erasure

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, value: Any) -> Any:
        if isinstance(value, dict):
            value = dict(value)
            for name in ("primary_key", "activities"):
                if isinstance(value.get(name), str):
                    value[name] = [value[name]]
        return value

    def categories(self) -> list[str]:
        found = [spec.category for spec in self.columns.values()]
        if self.meta:
            found += [spec.category for spec in self.meta.keys.values()]
        return sorted(set(found))

    def hold_anchor(self) -> str | None:
        if self.erasure.retain:
            return self.erasure.anchor or self.anchor
        return None

    def is_record(self) -> bool:
        """Whether retained rows are records themselves (an invoice, an order's address),
        not rows kept for the sake of records that point at them (a client profile
        kept while its invoices are): a record is never rectified."""
        anchor = self.hold_anchor()
        if anchor is None:
            return False
        other = anchor.rpartition(".")[0]
        return not other or other in {ref.target_table for ref in self.references}


class System(StrictModel):
    """A connected database; its URL comes from the environment variable ``url_env``."""

    title: str | None = None
    url_env: EnvName
    db_schema: str | None = Field(default=None, alias="schema")
    tables: dict[str, Table] = Field(min_length=1)


class SystemsMap(StrictModel):
    """Every connected system; load with :func:`waarborg.systems.load_systems`."""

    waarborg: Literal[1] = 1
    systems: dict[Slug, System] = Field(min_length=1)

    _source: LocatedDocument | None = PrivateAttr(default=None)

    @property
    def source_file(self) -> str:
        return self._source.file if self._source else "<systems>"

    def attach_source(self, source: LocatedDocument) -> None:
        self._source = source

    def position(self, *path: str | int, key: bool = False) -> Position | None:
        """Where ``path`` (e.g. ``"systems", "shop", "tables", "wp_users"``) is in the file."""
        return self._source.position(path, key=key) if self._source else None
