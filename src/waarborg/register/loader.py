"""Reading a register from YAML (or its canonical JSON) into a validated model.

Every problem is reported at once with ``file:line:column``, the offending value
and what is allowed; callers get a :class:`RegisterError`, never a traceback.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from waarborg._exceptions import Problem, RegisterError
from waarborg._yaml import LocatedDocument, load_located
from waarborg.i18n import N_
from waarborg.register.model import Register
from waarborg.register.references import check_languages, check_references

# pydantic error types that get their own translatable message.
_MESSAGES = {
    "missing": N_("missing field {field}: add it (see docs/register.md)"),
    "extra_forbidden": N_("unknown field {field}; check the spelling (see docs/register.md)"),
    "literal_error": N_("{field} has a value that is not allowed"),
    "string_pattern_mismatch": N_("{field} has the wrong format ({hint})"),
    "string_type": N_("{field} must be text"),
    "int_type": N_("{field} must be a whole number"),
    "int_parsing": N_("{field} must be a whole number"),
    "bool_type": N_("{field} must be true or false"),
    "bool_parsing": N_("{field} must be true or false"),
    "list_type": N_("{field} must be a list"),
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
}
_SLUG_HINT = N_("lower-case letters, digits and hyphens, e.g. 'order-handling'")


def load_register(path: str | Path) -> Register:
    """Load and validate ``path``; raises :class:`RegisterError` listing every problem."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        problem = Problem(
            None, "cannot read the register: {reason}", {"reason": exc.strerror or str(exc)}
        )
        raise RegisterError(file, [problem]) from None
    except UnicodeDecodeError:
        problem = Problem(None, "the register is not UTF-8 text; save it as UTF-8")
        raise RegisterError(file, [problem]) from None
    return parse_register(text, str(file))


def parse_register(text: str, file: str = "<register>") -> Register:
    doc = load_located(text, file)
    if doc.problems and doc.data is None:
        raise RegisterError(file, doc.problems)
    if not isinstance(doc.data, dict):
        problem = Problem(
            doc.position(()),
            "a register is a mapping with 'organisation', "
            "'statement', 'activities' and 'rights' at the top",
        )
        raise RegisterError(file, [*doc.problems, problem])
    problems = [*doc.problems, *check_references(doc)]
    try:
        register = Register.model_validate(doc.data)
    except ValidationError as exc:
        already = {p.position for p in doc.problems}
        problems.extend(
            problem
            for problem in (_problem(doc, error) for error in exc.errors())
            if problem.position not in already
        )
        raise RegisterError(file, _sorted(problems)) from None
    problems.extend(check_languages(register, doc))
    if problems:
        raise RegisterError(file, _sorted(problems))
    register.attach_source(doc)
    return register


def _problem(doc: LocatedDocument, error: ErrorDetails) -> Problem:
    path = tuple(part for part in error["loc"] if isinstance(part, int | str))
    data_path = _existing_prefix(doc, path)
    kind = error["type"]
    field = ".".join(str(p) for p in path) or "register"
    is_key = kind == "extra_forbidden"
    position = doc.position(path, key=is_key) if is_key else doc.position(data_path)
    ctx = error.get("ctx") or {}
    params: dict[str, Any] = {"field": field}
    if kind == "missing" and path and path[-1] in ("legal_basis", "retention"):
        message = N_(
            "missing field {field}: add it, or write 'unstated' if the statement names none"
        )
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


def _existing_prefix(doc: LocatedDocument, path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    while path and not doc.has(path):
        path = path[:-1]
    return path


def _shown(value: Any) -> str | None:
    if isinstance(value, str | int | float | bool | dt.date) or value is None:
        text = repr(value) if isinstance(value, str) else str(value)
        return text if len(text) <= 80 else text[:77] + "…"
    return None


def _sorted(problems: list[Problem]) -> list[Problem]:
    def key(p: Problem) -> tuple[int, int]:
        return (p.position.line, p.position.column) if p.position else (0, 0)

    return sorted(problems, key=key)
