"""Mask strategies: what a personal value becomes when its row is kept but erased.

Every strategy is idempotent: masking an already masked value gives it back
unchanged, so an erasure that is run again changes nothing the second time. A
keyed hash starts with ``anon-`` and is recognised; a truncated IP address and a
coarsened date are fixed points of their own strategy.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from waarborg.systems.connect import ColumnInfo
from waarborg.systems.found import coerce
from waarborg.systems.model import Fixed, MaskStrategy, Table

HASH_PREFIX = "anon-"


def mask(strategy: MaskStrategy, value: Any, info: ColumnInfo, secret: bytes, salt: str) -> Any:
    """``value`` masked with ``strategy``; ``salt`` (table.column) keeps hashes per column."""
    if isinstance(strategy, Fixed):
        fixed = coerce(strategy.fixed, info.python_type)
        return fixed if fixed is not None else strategy.fixed
    if strategy is None or strategy == "null":
        return None if info.nullable else blank(info)
    if strategy == "blank":
        return blank(info)
    if value is None:
        return None
    if strategy == "hash":
        return keyed_hash(value, secret, salt, info.length)
    if strategy == "truncate-ip":
        return truncate_ips(value) or (None if info.nullable else blank(info))
    return coarsen_date(value, year=strategy == "date-to-year")


def blank(info: ColumnInfo) -> Any:
    """The empty value of the column's type: '' or 0 (None where there is none)."""
    if info.python_type is str or info.python_type is None:
        return ""
    if info.python_type in (int, float, Decimal):
        return info.python_type(0)
    if info.python_type is bool:
        return False
    return None


def keyed_hash(value: Any, secret: bytes, salt: str, length: int | None = None) -> str:
    """``anon-`` and 24 hex digits of HMAC-SHA256; the same value always gives the same
    hash (so counts of distinct customers survive), and a hash is never hashed again."""
    text = value.decode(errors="replace") if isinstance(value, bytes) else str(value)
    if text.startswith(HASH_PREFIX):
        return text
    digest = hmac.new(secret, f"{salt}:{text}".encode(), hashlib.sha256).hexdigest()
    result = HASH_PREFIX + digest[:24]
    return result[:length] if length else result


def truncate_ips(value: Any) -> str | None:
    """IPv4 to its /24 network, IPv6 to its /48; each of a comma-separated list."""
    parts = []
    for part in str(value).split(","):
        try:
            address = ipaddress.ip_address(part.strip())
        except ValueError:
            continue
        prefix = 24 if address.version == 4 else 48
        parts.append(str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address))
    return ", ".join(parts) or None


def coarsen_date(value: Any, *, year: bool) -> Any:
    """The first day of the month (or year); dates in text are read as ISO 8601."""
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        first = _first(parsed, year=year)
        return first.date().isoformat() if len(value.strip()) <= 10 else first.isoformat(" ")
    if isinstance(value, datetime):
        return _first(value, year=year)
    if isinstance(value, date):
        return value.replace(month=1, day=1) if year else value.replace(day=1)
    return None


def _first(moment: datetime, *, year: bool) -> datetime:
    day = moment.replace(month=1, day=1) if year else moment.replace(day=1)
    return day.replace(hour=0, minute=0, second=0, microsecond=0)


def full_mask(table: Table) -> dict[str, MaskStrategy]:
    """Strategies for masking a whole row: every personal column (or EAV key), with the
    map's strategy where it gives one and NULL (or blank) otherwise."""
    strategies: dict[str, MaskStrategy] = {c: None for c in table.columns}
    if table.meta:
        strategies.update({key: None for key in table.meta.keys})
    strategies.update(table.erasure.strategies)
    return strategies


def rewrite(
    row: Mapping[str, Any],
    strategies: Mapping[str, MaskStrategy],
    table_name: str,
    table: Table,
    info: Mapping[str, ColumnInfo],
    secret: bytes,
) -> dict[str, Any]:
    """The columns of ``row`` that change, with their new values.

    In an EAV table a strategy named after a meta key applies to the value column of
    rows with that key; an exact key wins over a ``prefix*`` pattern.
    """
    targets = {(c, f"{table_name}.{c}"): s for c, s in strategies.items() if c in info}
    meta = table.meta
    if meta:
        key = row.get(meta.key)
        keyed = [t for t in strategies if t not in info and meta.key_matches(t, key)]
        if keyed:
            chosen = min(keyed, key=lambda t: (t.endswith("*"), -len(t)))
            targets[(meta.value, f"{table_name}.{key}")] = strategies[chosen]
    changes: dict[str, Any] = {}
    for (column, salt), strategy in targets.items():
        new = mask(strategy, row.get(column), info[column], secret, salt)
        if new != row.get(column):
            changes[column] = new
    return changes
