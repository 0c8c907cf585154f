"""Immutable statement versions.

A version is what a company published at one moment: its label and effective
date, the canonical register it was rendered from, and every rendering (each
language as HTML page, HTML body and Markdown). The content hash covers all of
it, so publishing the same content twice is recognisable, and a consent record
can point at the exact text a person saw.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from waarborg.export.canonical import canonical_json
from waarborg.register import Register, parse_register
from waarborg.statement.render import FORMATS, render_statement


@dataclass(frozen=True)
class StatementVersion:
    """One published statement; ``rendered`` maps ``'nl.html'``, ``'nl.html.body'``,
    ``'nl.md'`` (and the same for ``en``) to the texts."""

    version: str
    effective_date: date
    content_hash: str
    register_json: str
    rendered: Mapping[str, str] = field(default_factory=dict)

    def text(self, lang: str, fmt: str = "html", *, body: bool = False) -> str:
        key = f"{lang}.{fmt}.body" if body and fmt == "html" else f"{lang}.{fmt}"
        return self.rendered[key]

    @property
    def languages(self) -> list[str]:
        return sorted({key.split(".")[0] for key in self.rendered})

    def register(self) -> Register:
        """The register this version was rendered from."""
        return parse_register(self.register_json, f"<version {self.version}>")


def render_all(register: Register) -> dict[str, str]:
    """Every rendering of the statement, keyed as in :class:`StatementVersion`."""
    rendered: dict[str, str] = {}
    for lang in register.statement.languages:
        for fmt in FORMATS:
            result = render_statement(register, lang, fmt)
            rendered[f"{lang}.{fmt}"] = result.document
            if fmt == "html":
                rendered[f"{lang}.html.body"] = result.body
    return rendered


def content_hash(register_json: str, rendered: Mapping[str, str]) -> str:
    """sha256 over the canonical register and every rendering, in a fixed order."""
    payload = json.dumps(
        {"register": register_json, "rendered": dict(sorted(rendered.items()))},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def build_version(register: Register) -> StatementVersion:
    """The version ``register`` would publish: rendered now, hashed, immutable."""
    register_json = canonical_json(register)
    rendered = render_all(register)
    return StatementVersion(
        version=register.statement.version,
        effective_date=register.statement.effective_date,
        content_hash=content_hash(register_json, rendered),
        register_json=register_json,
        rendered=MappingProxyType(rendered),
    )
