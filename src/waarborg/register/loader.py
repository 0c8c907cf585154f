"""Reading a register from YAML (or its canonical JSON) into a validated model.

Every problem is reported at once with ``file:line:column``, the offending value
and what is allowed; callers get a :class:`RegisterError`, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from waarborg._exceptions import Problem, RegisterError
from waarborg._validation import read_source, sorted_problems, validation_problems
from waarborg._yaml import load_located
from waarborg.i18n import N_
from waarborg.register.model import Register
from waarborg.register.references import check_languages, check_references

# Missing fields the statement may leave open: the register records that with 'unstated'.
_UNSTATED_HINT = N_(
    "missing field {field}: add it, or write 'unstated' if the statement names none"
)
_MISSING_HINTS = {"legal_basis": _UNSTATED_HINT, "retention": _UNSTATED_HINT}
GUIDE = "docs/register.md"


def load_register(path: str | Path) -> Register:
    """Load and validate ``path``; raises :class:`RegisterError` listing every problem."""
    file = Path(path)
    text = read_source(
        file,
        RegisterError,
        N_("cannot read the register: {reason}"),
        N_("the register is not UTF-8 text; save it as UTF-8"),
    )
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
        problems.extend(
            validation_problems(
                doc,
                exc,
                guide=GUIDE,
                missing_hints=_MISSING_HINTS,
                skip=(p.position for p in doc.problems),
            )
        )
        raise RegisterError(file, sorted_problems(problems)) from None
    problems.extend(check_languages(register, doc))
    if problems:
        raise RegisterError(file, sorted_problems(problems))
    register.attach_source(doc)
    return register
