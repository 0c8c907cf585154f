"""Opening a connected system: URL from the environment, reachability, reflection.

A :class:`Connector` is opened before a request touches anything, so a missing
variable, a malformed URL, an unreachable server or a table the map names but the
database lacks fails the request with a clear message and changes nothing.
Tables are reflected once; every later statement is built from the reflected
:class:`sqlalchemy.Table` objects, so identifiers are always quoted by SQLAlchemy
and values always bound.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    IntegrityError,
    NoSuchModuleError,
    SQLAlchemyError,
)

from waarborg._exceptions import Position, Problem, SystemsMapError, SystemUnavailableError
from waarborg.i18n import N_, translate
from waarborg.systems.model import System, SystemsMap, Table


class SystemProblemError(SystemUnavailableError):
    """A connected database failed; names the system and the driver's reason, never
    the URL."""

    message = ""

    def __init__(self, system: str, reason: str):
        self.system = system
        self.reason = reason
        super().__init__(self.render("en"))

    def render(self, lang: str = "nl") -> str:
        return translate(lang, self.message).format(system=self.system, reason=self.reason)


class SystemUnreachableError(SystemProblemError):
    """A connected database cannot be reached; nothing was changed."""

    message = N_("system {system!r} cannot be reached, so nothing was changed: {reason}")


class SystemChangeFailedError(SystemProblemError):
    """A change to a connected database failed; its transaction was rolled back."""

    message = N_("system {system!r} refused the change, which was rolled back: {reason}")


@dataclass(frozen=True)
class ColumnInfo:
    """What the connector needs to know about a real column."""

    python_type: type | None
    nullable: bool
    length: int | None
    case_insensitive: bool


def system_url(systems: SystemsMap, system_id: str, environ: Mapping[str, str]) -> str:
    """The URL in the variable the map names; a map error at ``url_env`` otherwise."""
    system = systems.systems[system_id]
    position = systems.position("systems", system_id, "url_env")
    url = environ.get(system.url_env, "").strip()
    if not url:
        raise _map_error(
            systems,
            position,
            "environment variable {name} (system {system!r}) is not set; "
            "set it to the database URL, e.g. mysql+pymysql://user:password@host/database",
            name=system.url_env,
            system=system_id,
        )
    try:
        parsed = make_url(url)
        parsed.get_dialect()
    except (ArgumentError, NoSuchModuleError, ValueError):
        raise _map_error(
            systems,
            position,
            "environment variable {name} (system {system!r}) does not hold a database URL "
            "waarborg can use; write it as sqlite:///file.db, postgresql+psycopg://… "
            "or mysql+pymysql://…",
            name=system.url_env,
            system=system_id,
        ) from None
    return url


def _map_error(
    systems: SystemsMap, position: Position | None, message: str, **params: Any
) -> SystemsMapError:
    return SystemsMapError(systems.source_file, [Problem(position, message, params)])


class Connector:
    """One connected database, opened and checked against the map."""

    def __init__(self, systems: SystemsMap, system_id: str, url: str):
        self.systems = systems
        self.system_id = system_id
        self.spec: System = systems.systems[system_id]
        self.engine: Engine = _engine(system_id, url)
        self.tables: dict[str, sa.Table] = {}
        self.info: dict[str, dict[str, ColumnInfo]] = {}
        self.foreign_keys: list[tuple[str, str, str, str]] = []
        self.cache: dict[str, object] = {}
        """Prepared statements and walk plans, built once per connector."""
        self._open()

    @classmethod
    def open(cls, systems: SystemsMap, system_id: str, environ: Mapping[str, str]) -> Connector:
        return cls(systems, system_id, system_url(systems, system_id, environ))

    def _open(self) -> None:
        try:
            with self.engine.connect() as connection:
                names = set(sa.inspect(connection).get_table_names(schema=self.spec.db_schema))
                wanted = [name for name in self.spec.tables if name in names]
                metadata = sa.MetaData(schema=self.spec.db_schema)
                with warnings.catch_warnings():
                    # indexes on lower(email) cannot be reflected and are not needed here
                    warnings.filterwarnings("ignore", "Skipped unsupported reflection")
                    metadata.reflect(connection, only=wanted, resolve_fks=False)
                collations = _mysql_collations(connection, wanted)
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise SystemUnreachableError(self.system_id, reason_of(exc)) from None
        prefix = f"{self.spec.db_schema}." if self.spec.db_schema else ""
        self.tables = {name: metadata.tables[prefix + name] for name in wanted}
        self.info = {
            name: {c.name: _info(c, collations.get((name, c.name))) for c in table.columns}
            for name, table in self.tables.items()
        }
        self.foreign_keys = [
            (name, element.parent.name, target_table, target_column)
            for name, table in self.tables.items()
            for constraint in table.foreign_key_constraints
            if len(constraint.elements) == 1
            for element in constraint.elements
            for target_table, target_column in [element.target_fullname.rsplit(".", 2)[-2:]]
        ]
        problems = [*self._missing_tables(names), *self._missing_columns()]
        if problems:
            self.engine.dispose()
            raise SystemsMapError(self.systems.source_file, problems)

    def _missing_tables(self, names: set[str]) -> Iterator[Problem]:
        for name in self.spec.tables:
            if name not in names:
                yield Problem(
                    self.systems.position("systems", self.system_id, "tables", name, key=True),
                    "table {table!r} is not in the database of system {system!r}; "
                    "correct the name or remove the table from the map",
                    {"table": name, "system": self.system_id},
                )

    def _missing_columns(self) -> Iterator[Problem]:
        for name, table in self.spec.tables.items():
            if name not in self.tables:
                continue
            for path, table_name, column in column_uses(name, table):
                if table_name in self.info and column not in self.info[table_name]:
                    yield Problem(
                        self.systems.position("systems", self.system_id, "tables", *path),
                        "column {column!r} is not in table {table!r} of system {system!r}",
                        {"column": column, "table": table_name, "system": self.system_id},
                        allowed=tuple(self.info[table_name]),
                    )
            yield from self._unmaskable(name, table)

    def _unmaskable(self, name: str, table: Table) -> Iterator[Problem]:
        """A NOT NULL date column without a strategy has no empty value to mask to."""
        strategies = table.erasure.strategies
        kept_children = {
            child
            for child, _, parent, _ in self.foreign_keys
            if parent == name and self.spec.tables[child].erasure.action != "delete"
        }
        # a row a kept row points at through a foreign key is masked instead of deleted
        masks_all = (
            table.erasure.action == "mask" or table.erasure.then == "mask" or bool(kept_children)
        )
        for column in table.columns if masks_all else ():
            info = self.info[name].get(column)
            if info is None or column in strategies or info.nullable:
                continue
            if info.python_type not in (str, int, float, bool, Decimal) and info.python_type:
                yield Problem(
                    self.systems.position("systems", self.system_id, "tables", name, "erasure"),
                    "column {column!r} cannot be NULL and has no empty value; give it a "
                    "mask strategy (e.g. date-to-year or {{fixed: …}})",
                    {"column": column},
                )

    def column(self, table: str, column: str) -> ColumnInfo:
        return self.info[table][column]

    def dispose(self) -> None:
        self.engine.dispose()


def column_uses(name: str, table: Table) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(path in the map, table, column) for every column the map names for ``name``."""
    yield from (((name, "primary_key"), name, c) for c in table.primary_key)
    for column, spec in table.identity.items():
        yield (name, "identity", column), name, column
        yield from (((name, "identity", column, "where", w), name, w) for w in spec.where)
    for index, ref in enumerate(table.references):
        yield (name, "references", index, "column"), name, ref.column
        yield (name, "references", index, "to"), ref.target_table, ref.target_column
        yield from (((name, "references", index, "where", w), name, w) for w in ref.where)
    yield from (((name, "columns", c), name, c) for c in table.columns)
    yield from (((name, "where", c), name, c) for c in table.where)
    if table.meta:
        yield (name, "meta", "key"), name, table.meta.key
        yield (name, "meta", "value"), name, table.meta.value
    for field, anchor in (("anchor", table.anchor), ("erasure", table.erasure.anchor)):
        if anchor:
            where, _, column = anchor.rpartition(".")
            path = (name, field) if field == "anchor" else (name, "erasure", "anchor")
            yield path, where or name, column
    yield from (((name, "events", kind), name, c) for kind, c in table.events.items())
    for column in table.erasure.strategies:
        if not (table.meta and table.meta.spec_for(column)):
            yield (name, "erasure", "mask", column), name, column


def _engine(system_id: str, url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:") or not Path(database).is_file():
            # SQLite would silently create an empty file for a wrong path.
            raise SystemUnreachableError(system_id, "the SQLite database file does not exist")
        return sa.create_engine(url)
    return sa.create_engine(url, pool_pre_ping=True)


def reason_of(exc: SQLAlchemyError) -> str:
    """The driver's first line, without the SQL or parameters SQLAlchemy appends.

    Constraint and data errors quote the offending value ("Duplicate entry
    'jan@example.nl'"), which may be personal data, so for them only the kind of
    error is given.
    """
    if isinstance(exc, IntegrityError | DataError):
        return f"{type(exc).__name__}: the database refused a value or a constraint failed"
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip().splitlines()[0] if str(original).strip() else type(exc).__name__
    return text[:200]


def _info(column: sa.Column[Any], collation: str | None) -> ColumnInfo:
    try:
        python_type: type | None = column.type.python_type
    except NotImplementedError:
        python_type = None
    type_name = type(column.type).__name__.upper()
    case_insensitive = type_name == "CITEXT" or bool(collation and collation.endswith("_ci"))
    return ColumnInfo(
        python_type=python_type,
        nullable=bool(column.nullable),
        length=getattr(column.type, "length", None),
        case_insensitive=case_insensitive,
    )


def _mysql_collations(
    connection: sa.Connection, tables: list[str]
) -> dict[tuple[str, str], str | None]:
    """Column collations on MySQL/MariaDB, where ``_ci`` ones compare without case."""
    if connection.dialect.name != "mysql" or not tables:
        return {}
    columns = sa.table(
        "COLUMNS",
        sa.column("TABLE_SCHEMA"),
        sa.column("TABLE_NAME"),
        sa.column("COLUMN_NAME"),
        sa.column("COLLATION_NAME"),
        schema="information_schema",
    )
    query = sa.select(columns.c.TABLE_NAME, columns.c.COLUMN_NAME, columns.c.COLLATION_NAME).where(
        sa.func.database() == columns.c.TABLE_SCHEMA, columns.c.TABLE_NAME.in_(tables)
    )
    return {(t, c): coll for t, c, coll in connection.execute(query)}
