"""One exception hierarchy for the whole library.

Every error a user can cause derives from :class:`WaarborgError`. The web layer
maps these classes to HTTP status codes in one place (``web/``); the CLI prints
their message and exits non-zero. Messages never contain personal data in clear:
callers pass pseudonymous references, never e-mail addresses or names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Self

from waarborg.i18n import translate


class WaarborgError(Exception):
    """Base class; ``http_status`` is only read by the web edge."""

    http_status = 400
    # Set by :meth:`translatable`: the English msgid and its parameters.
    msgid: str | None = None
    params: Mapping[str, Any] = MappingProxyType({})

    @classmethod
    def translatable(
        cls, msgid: str, /, params: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> Self:
        """An error whose message is shown in the reader's language by :meth:`render`.

        Wrap the msgid in ``N_(...)`` so ``tools.messages`` collects it; ``str(error)``
        stays English, ``kwargs`` go to the class's own constructor (e.g. ``field``).
        """
        values = dict(params or {})
        error = cls(msgid.format(**values), **kwargs)
        error.msgid, error.params = msgid, values
        return error

    def render(self, lang: str = "nl") -> str:
        if self.msgid is None:
            return str(self)
        return translate(lang, self.msgid).format(**self.params)


class ConfigurationError(WaarborgError):
    """Settings or files that make it impossible to start (missing secret, bad URL)."""

    http_status = 500


class NotFoundError(WaarborgError):
    http_status = 404


class PermissionDeniedError(WaarborgError):
    http_status = 403


class AuthenticationError(WaarborgError):
    http_status = 401


class ConflictError(WaarborgError):
    """The action does not fit the current state (e.g. extending a closed request)."""

    http_status = 409


class RateLimitedError(WaarborgError):
    http_status = 429


class InputError(WaarborgError):
    """Invalid input to a library call or API; ``field`` names the offending field."""

    http_status = 422

    def __init__(self, message: str, *, field: str | None = None, allowed: Sequence[str] = ()):
        super().__init__(message)
        self.field = field
        self.allowed = list(allowed)


class StatementFileError(WaarborgError):
    """A privacy statement the importer cannot read: empty, unknown format, broken PDF.

    ``message`` is an English msgid with ``{name}`` placeholders, translated when
    rendered; ``path`` is the file as the user named it (never its contents).
    """

    http_status = 422

    def __init__(self, path: str, message: str, **params: Any):
        self.path = path
        self.message = message
        self.params = params
        super().__init__(self.render("en"))

    def render(self, lang: str = "nl") -> str:
        text = translate(lang, self.message).format(**self.params)
        return f"{self.path}: {text}"


class SystemUnavailableError(WaarborgError):
    """A connected business database cannot be reached; nothing was changed."""

    http_status = 503


@dataclass(frozen=True)
class Position:
    """A place in a source file, 1-based like editors show it."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a YAML file, with where it is and what would be allowed.

    ``message`` is an English msgid with ``{name}`` placeholders; it is translated
    when rendered, so the same problem reads in Dutch or English.
    """

    position: Position | None
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    value: str | None = None
    allowed: tuple[str, ...] = ()
    translated_params: tuple[str, ...] = ()

    def render(self, lang: str = "nl") -> str:
        params = {
            k: translate(lang, v) if k in self.translated_params and isinstance(v, str) else v
            for k, v in self.params.items()
        }
        text = translate(lang, self.message).format(**params)
        parts = [f"{self.position}: {text}" if self.position else text]
        if self.value is not None:
            parts.append(translate(lang, "got: {value}").format(value=self.value))
        if self.allowed:
            shown = ", ".join(self.allowed[:25])
            if len(self.allowed) > 25:
                shown += ", …"
            parts.append(translate(lang, "allowed: {allowed}").format(allowed=shown))
        return "; ".join(parts)


class SourceError(WaarborgError):
    """A register or systems map with one or more problems; all are reported at once."""

    http_status = 422

    def __init__(self, path: Path | str, problems: Sequence[Problem]):
        self.path = str(path)
        self.problems = list(problems)
        super().__init__(self.render("en"))

    def render(self, lang: str = "nl") -> str:
        head = translate(lang, "{count} problem(s) in {path}:").format(
            count=len(self.problems), path=self.path
        )
        return "\n".join([head, *("  " + p.render(lang) for p in self.problems)])


class RegisterError(SourceError):
    """The register (``register.yaml``) cannot be loaded."""


class SystemsMapError(SourceError):
    """The systems map (``systems.yaml``) cannot be loaded or does not fit the register."""
