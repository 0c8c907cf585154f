"""What every check shares: its metadata, the findings it produces, and the registry.

A check is one small function that reads a :class:`~waarborg.register.Register` and
yields :class:`Hit` objects (where, what, how to fix). The :func:`check` decorator adds
its metadata (id, severity, legal reference, source) and registers it; the runner
turns hits into :class:`Finding` objects with a readable path, the activity and the
``file:line`` the hit points at. Texts are English msgids, translated when shown, so the
same finding reads in Dutch or English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from waarborg._exceptions import Position
from waarborg.i18n import translate
from waarborg.register import Register

Severity = Literal["error", "warning", "advice"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "advice")
PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Localized:
    """A parameter worded per language (labels from the taxonomy, durations, lists)."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


Param = str | int | Localized


def msg(msgid: str) -> Localized:
    """A msgid (marked with ``N_`` at the call site) as a parameter in both languages."""
    return Localized(nl=translate("nl", msgid), en=translate("en", msgid))


def joined(parts: Iterable[Localized | str]) -> Localized:
    """Several parameters as one comma-separated list in each language."""
    items = [p if isinstance(p, Localized) else Localized(p, p) for p in parts]
    return Localized(
        nl=", ".join(i.nl for i in items),
        en=", ".join(i.en for i in items),
    )


@dataclass(frozen=True)
class Hit:
    """One place a check finds wrong; ``message`` and ``fix`` are msgids."""

    path: PathKey
    message: str
    fix: str
    params: Mapping[str, Param] = field(default_factory=dict)


CheckFunction = Callable[[Register], Iterable[Hit]]


@dataclass(frozen=True)
class Check:
    """A registered check: its function plus the metadata every finding carries.

    ``reference`` is the article or guidance the check enforces, as an English msgid
    (the Dutch catalogue says "AVG" where English says "GDPR"); ``source`` names where
    the rule is written down, so a reader can look it up.
    """

    id: str
    severity: Severity
    reference: str
    source: str
    function: CheckFunction

    @property
    def area(self) -> str:
        return self.id.split(".", 1)[0]

    def run(self, register: Register) -> list[Finding]:
        return [self._finding(register, hit) for hit in self.function(register)]

    def _finding(self, register: Register, hit: Hit) -> Finding:
        return Finding(
            check=self.id,
            severity=self.severity,
            reference=self.reference,
            source=self.source,
            path=display_path(register, hit.path),
            activity=_activity_of(register, hit.path),
            position=register.position(*hit.path),
            message_id=hit.message,
            fix_id=hit.fix,
            params=dict(hit.params),
        )


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a register: which check, how bad, where, why, and the fix.

    Findings carry company data from the register only (names, labels, ids), never
    data about the people in the company's systems.
    """

    check: str
    severity: Severity
    reference: str
    source: str
    path: str
    activity: str | None
    position: Position | None
    message_id: str
    fix_id: str
    params: Mapping[str, Param] = field(default_factory=dict)

    @property
    def location(self) -> str | None:
        """``file:line``, as editors and terminals link it."""
        if self.position is None:
            return None
        return f"{self.position.file}:{self.position.line}"

    def message(self, lang: str = "nl") -> str:
        return self._text(self.message_id, lang)

    def fix(self, lang: str = "nl") -> str:
        return self._text(self.fix_id, lang)

    def reference_text(self, lang: str = "nl") -> str:
        return translate(lang, self.reference)

    def _text(self, msgid: str, lang: str) -> str:
        params = {k: v.get(lang) if isinstance(v, Localized) else v for k, v in self.params.items()}
        return translate(lang, msgid).format(**params)

    def as_dict(self, lang: str = "nl") -> dict[str, Any]:
        """The JSON form, described by ``report.schema.json``."""
        pos = self.position
        return {
            "check": self.check,
            "severity": self.severity,
            "reference": self.reference_text(lang),
            "source": self.source,
            "activity": self.activity,
            "path": self.path,
            "file": pos.file if pos else None,
            "line": pos.line if pos else None,
            "column": pos.column if pos else None,
            "location": self.location,
            "message": self.message(lang),
            "fix": self.fix(lang),
        }


_CHECKS: dict[str, Check] = {}


def check(
    check_id: str, *, severity: Severity, reference: str, source: str
) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as check ``check_id`` with its metadata."""

    def register(function: CheckFunction) -> CheckFunction:
        if check_id in _CHECKS:
            raise RuntimeError(f"check {check_id!r} is registered twice")
        _CHECKS[check_id] = Check(check_id, severity, reference, source, function)
        return function

    return register


def all_checks() -> list[Check]:
    """Every registered check, ordered by id."""
    return [_CHECKS[key] for key in sorted(_CHECKS)]


def display_path(register: Register, path: PathKey) -> str:
    """``("activities", 0, "retention")`` → ``activities[order-handling].retention``.

    List items with an id are named by it, so the path survives edits that move lines.
    """
    text = ""
    node: Any = register
    for step in path:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
            ident = getattr(item, "id", None)
            text += f"[{ident}]" if isinstance(ident, str) else f"[{step}]"
            node = item
        else:
            text += f".{step}" if text else step
            node = getattr(node, step, None)
    return text


def _activity_of(register: Register, path: PathKey) -> str | None:
    if len(path) >= 2 and path[0] == "activities" and isinstance(path[1], int):
        return register.activities[path[1]].id
    return None
