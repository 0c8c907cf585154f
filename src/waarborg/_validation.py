"""pydantic validation errors as located :class:`Problem` objects.

The register and the systems map are both YAML read through
:func:`waarborg._yaml.load_located`; this turns pydantic's error list into
problems at ``file:line:column`` with the value found and what is allowed,
pointing the reader at the format's guide (``docs/register.md``,
``docs/systems.md``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from waarborg._exceptions import Position, Problem, SourceError
from waarborg._yaml import LocatedDocument, PathKey
from waarborg.i18n import N_

# pydantic error types that get their own translatable message.
_MESSAGES = {
    "missing": N_("missing field {field}: add it (see {guide})"),
    "extra_forbidden": N_("unknown field {field}; check the spelling (see {guide})"),
    "literal_error": N_("{field} has a value that is not allowed"),
    "string_pattern_mismatch": N_("{field} has the wrong format ({hint})"),
    "string_type": N_("{field} must be text"),
    "int_type": N_("{field} must be a whole number"),
    "int_parsing": N_("{field} must be a whole number"),
    "bool_type": N_("{field} must be true or false"),
    "bool_parsing": N_("{field} must be true or false"),
    "list_type": N_("{field} must be a list"),
    "dict_type": N_("{field} must be a mapping of fields"),
    "model_type": N_("{field} must be a mapping of fields"),
    "model_attributes_type": N_("{field} must be a mapping of fields"),
    "date_type": N_("{field} must be a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("{field} must be a date (YYYY-MM-DD)"),
    "date_parsing": N_("{field} must be a date (YYYY-MM-DD)"),
    "too_short": N_("{field} must not be empty"),
    "string_too_short": N_("{field} must not be empty"),
    "greater_than_equal": N_("{field} is too small"),
    "less_than_equal": N_("{field} is too large"),
}
_PATTERN_HINTS = {
    r"^\d{8}$": N_("a KvK number has 8 digits"),
    r"^[A-Z]{2}$": N_("a two-letter country code such as NL"),
    r"^[A-Z_][A-Z0-9_]*$": N_("the name of an environment variable, e.g. SHOP_DATABASE_URL"),
}
_SLUG_HINT = N_("lower-case letters, digits and hyphens, e.g. 'order-handling'")


def validation_problems(
    doc: LocatedDocument,
    exc: ValidationError,
    *,
    guide: str,
    missing_hints: Mapping[str, str] | None = None,
    skip: Iterable[Position | None] = (),
) -> list[Problem]:
    """One problem per pydantic error, except those at a position in ``skip``.

    ``missing_hints`` maps a field name to the message used when it is missing
    (e.g. the register's 'write unstated if the statement names none').
    """
    already = set(skip)
    problems = (_problem(doc, error, guide, missing_hints or {}) for error in exc.errors())
    return [p for p in problems if p.position not in already]


def _problem(
    doc: LocatedDocument, error: ErrorDetails, guide: str, missing_hints: Mapping[str, str]
) -> Problem:
    path = tuple(part for part in error["loc"] if isinstance(part, int | str))
    data_path = _existing_prefix(doc, path)
    kind = error["type"]
    field = ".".join(str(p) for p in path) or "document"
    is_key = kind == "extra_forbidden"
    position = doc.position(path, key=is_key) if is_key else doc.position(data_path)
    ctx = error.get("ctx") or {}
    params: dict[str, Any] = {"field": field, "guide": guide}
    if kind == "missing" and path and str(path[-1]) in missing_hints:
        message = missing_hints[str(path[-1])]
    elif kind in _MESSAGES:
        if kind == "string_pattern_mismatch":
            params["hint"] = _PATTERN_HINTS.get(str(ctx.get("pattern")), _SLUG_HINT)
        message = _MESSAGES[kind]
    else:
        message = N_("{field}: {detail}")
        params["detail"] = str(error["msg"]).removeprefix("Value error, ")
    allowed: tuple[str, ...] = ()
    if kind == "literal_error" and "expected" in ctx:
        allowed = tuple(
            part.strip(" '") for part in str(ctx["expected"]).replace(" or ", ", ").split(",")
        )
    value = None if kind in ("missing", "extra_forbidden") else _shown(error.get("input"))
    return Problem(
        position, message, params, value=value, allowed=allowed, translated_params=("hint",)
    )


def _existing_prefix(doc: LocatedDocument, path: PathKey) -> PathKey:
    while path and not doc.has(path):
        path = path[:-1]
    return path


def _shown(value: Any) -> str | None:
    if isinstance(value, str | int | float | bool | dt.date) or value is None:
        text = repr(value) if isinstance(value, str) else str(value)
        return text if len(text) <= 80 else text[:77] + "…"
    return None


def read_source(path: Path, error: type[SourceError], cannot_read: str, not_utf8: str) -> str:
    """The text of a YAML source file; ``error`` with one problem when it cannot be read
    (``cannot_read`` takes ``{reason}``)."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        problem = Problem(None, cannot_read, {"reason": exc.strerror or str(exc)})
        raise error(path, [problem]) from None
    except UnicodeDecodeError:
        raise error(path, [Problem(None, not_utf8)]) from None


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """In file order; problems without a position first."""

    def key(p: Problem) -> tuple[int, int]:
        return (p.position.line, p.position.column) if p.position else (0, 0)

    return sorted(problems, key=key)
