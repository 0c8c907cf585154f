"""Finding personal data the systems map does not mention.

Every table of a connected database is sampled (one ``SELECT … LIMIT n`` per
table); each column the map does not already call personal is judged by its
name and by its values: e-mail addresses, Dutch phone numbers (libphonenumber),
postcodes and BSNs (python-stdnum; a BSN must pass the 11-proef), IBANs (mod
97), IP addresses, and dates of birth (dates between 14 and 110 years ago). In
EAV tables each meta key is judged on its own. Findings carry counts, never the
values themselves.
"""

from __future__ import annotations

import ipaddress
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import phonenumbers
import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

from waarborg.systems.connect import SystemUnreachableError, reason_of
from waarborg.systems.found import as_date
from waarborg.systems.model import System

CATEGORY = {
    "email": "email",
    "phone": "phone",
    "postcode": "address",
    "iban": "bank-account",
    "bsn": "bsn",
    "ip-address": "ip-address",
    "date-of-birth": "date-of-birth",
    "name": "name",
    "address": "address",
}
_NAMES = (
    ("email", r"e_?mail|mail_?addr"),
    ("phone", r"phone|telef|mobile|gsm|^tel"),
    ("postcode", r"postcode|postal|zip"),
    ("iban", r"iban|bank_?acc|rekening"),
    ("bsn", r"\bbsn|sofi|burgerservice"),
    ("ip-address", r"(^|_)ip($|_)|ip_?addr|remote_addr"),
    ("date-of-birth", r"birth|dob|geboorte"),
    ("name", r"(first|last|full|sur|given|family|display|real)_?name|naam"),
    ("address", r"address|adres|street|straat|city|woonplaats"),
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_POSTCODE = re.compile(r"^[1-9]\d{3}\s?[A-Za-z]{2}$")


@dataclass(frozen=True)
class Finding:
    """A column (or EAV key) that looks personal and is not in the map."""

    system: str
    table: str
    column: str
    kind: str
    matched: int
    sampled: int
    by_name: bool
    meta_key: str | None = None

    @property
    def category(self) -> str:
        return CATEGORY[self.kind]

    @property
    def place(self) -> str:
        key = f"[{self.meta_key}]" if self.meta_key is not None else ""
        return f"{self.system}.{self.table}.{self.column}{key}"


def discover(
    system_id: str, system: System, url: str, *, sample: int = 200, threshold: float = 0.5
) -> list[Finding]:
    """Columns of ``url``'s database that hold personal data but are not mapped."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            inspector = sa.inspect(connection)
            findings: list[Finding] = []
            for name in inspector.get_table_names(schema=system.db_schema):
                columns = [c["name"] for c in inspector.get_columns(name, schema=system.db_schema)]
                table = sa.table(name, *(sa.column(c) for c in columns), schema=system.db_schema)
                query = sa.select(table).limit(sample)
                rows = [dict(row) for row in connection.execute(query).mappings()]
                findings += _judge_table(system_id, system, name, columns, rows, threshold)
            return findings
    except SQLAlchemyError as exc:
        raise SystemUnreachableError(system_id, reason_of(exc)) from None
    finally:
        engine.dispose()


def _judge_table(
    system_id: str,
    system: System,
    name: str,
    columns: list[str],
    rows: list[dict[str, Any]],
    threshold: float,
) -> Iterator[Finding]:
    spec = system.tables.get(name)
    mapped = set(spec.columns) | set(spec.identity) if spec else set()
    meta = spec.meta if spec else None
    for column in columns:
        if column in mapped or (meta and column in (meta.key, meta.value)):
            continue
        found = judge(column, [row[column] for row in rows], threshold)
        if found:
            yield Finding(system_id, name, column, *found)
    if meta:
        by_key: dict[str, list[Any]] = defaultdict(list)
        for row in rows:
            key = row.get(meta.key)
            if isinstance(key, str) and meta.spec_for(key) is None:
                by_key[key].append(row.get(meta.value))
        for key, values in by_key.items():
            found = judge(key, values, threshold)
            if found:
                yield Finding(system_id, name, meta.value, *found, meta_key=key)


def judge(name: str, values: Iterable[Any], threshold: float) -> tuple[str, int, int, bool] | None:
    """(kind, matching values, sampled values, named so) when the column looks personal."""
    present = [v for v in values if v not in (None, "") and not isinstance(v, bytes | bool)]
    for kind, test in DETECTORS.items():
        matched = sum(1 for v in present if test(v))
        if present and matched / len(present) >= threshold:
            return kind, matched, len(present), _named(name) == kind
    named = _named(name)
    # a column named like personal data but holding a handful of codes is not
    # ('address_type' with 'billing' and 'shipping')
    if named is not None and (len(present) < 10 or len({str(v) for v in present}) > 3):
        return named, 0, len(present), True
    return None


def _named(name: str) -> str | None:
    lowered = name.lower()
    return next((kind for kind, pattern in _NAMES if re.search(pattern, lowered)), None)


def _email(value: Any) -> bool:
    return isinstance(value, str) and bool(_EMAIL.match(value.strip()))


def _phone(value: Any) -> bool:
    if not isinstance(value, str) or sum(ch.isdigit() for ch in value) < 9:
        return False
    if any(ch.isalpha() for ch in value):
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value, "NL"))
    except phonenumbers.NumberParseException:
        return False


def _postcode(value: Any) -> bool:
    return (
        isinstance(value, str)
        and bool(_POSTCODE.match(value.strip()))
        and bool(stdnum_postcode.is_valid(value))
    )


def _iban(value: Any) -> bool:
    return (
        isinstance(value, str)
        and len(value.replace(" ", "")) >= 15
        and bool(stdnum_iban.is_valid(value))
    )


def _bsn(value: Any) -> bool:
    text = str(value).strip() if isinstance(value, int | str) else ""
    return text.isdigit() and len(text) in (8, 9) and bool(stdnum_bsn.is_valid(text.zfill(9)))


def _ip(value: Any) -> bool:
    if not isinstance(value, str) or not any(ch in value for ch in ".:"):
        return False
    try:
        ipaddress.ip_address(value.strip())
    except ValueError:
        return False
    return True


def _birth_date(value: Any) -> bool:
    day = as_date(value) if isinstance(value, date | datetime | str) else None
    if day is None:
        return False
    age = (date.today() - day).days / 365.25
    return 14 <= age <= 110


DETECTORS: dict[str, Callable[[Any], bool]] = {
    "email": _email,
    "iban": _iban,
    "bsn": _bsn,
    "postcode": _postcode,
    "phone": _phone,
    "ip-address": _ip,
    "date-of-birth": _birth_date,
}
