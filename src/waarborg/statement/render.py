"""Rendering a register into its privacy statement (privacyverklaring).

Every sentence lives in per-language templates (``templates/nl``, ``templates/en``);
the structure (sections, lists, tables, links) comes from one small macro set per
output format (``templates/_format/html.j2`` and ``md.j2``). So one Dutch
template yields both the HTML page and the Markdown file, and a translation is a
second template, not a string table.

HTML comes in two parts: the *body* (an ``<article>`` with the whole statement,
which the privacy centre embeds in its own layout) and the standalone *document*
around it (``lang``, skip link, inline print stylesheet, no external resources).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    Template,
)
from markupsafe import Markup

from waarborg._exceptions import InputError
from waarborg.i18n import N_
from waarborg.register import Register
from waarborg.statement.view import StatementView

Format = Literal["html", "md"]
FORMATS: tuple[Format, ...] = ("html", "md")
STATEMENT_LANGUAGES = ("nl", "en")

# Markdown: text outside RAW_OPEN…RAW_CLOSE is escaped; markup the format macros
# write (links, emphasis) is wrapped in these private-use characters.
RAW_OPEN, RAW_CLOSE = "\ue000", "\ue001"
_RAW = re.compile(f"{RAW_OPEN}(.*?){RAW_CLOSE}", re.DOTALL)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-]|\d+\.)(?=\s)", re.MULTILINE)


@dataclass(frozen=True)
class RenderedStatement:
    """One rendering: ``body`` to embed, ``document`` to publish as a file."""

    lang: str
    fmt: Format
    title: str
    body: str
    document: str


def md_escape(value: Any) -> str:
    """Escape Markdown syntax in register text, keeping markup the macros made."""
    text = str(value)
    parts: list[str] = []
    last = 0
    for match in _RAW.finditer(text):
        parts.append(_escape_plain(text[last : match.start()]))
        parts.append(match.group(1))
        last = match.end()
    parts.append(_escape_plain(text[last:]))
    return "".join(parts)


def _escape_plain(text: str) -> str:
    return _MD_LINE_START.sub(r"\1\\\2", _MD_SPECIAL.sub(r"\\\1", text))


def md_raw(value: Any) -> str:
    return f"{RAW_OPEN}{value}{RAW_CLOSE}"


@cache
def environment(fmt: Format) -> Environment:
    """One environment per format: HTML autoescapes, Markdown escapes in its macros."""
    env = Environment(
        loader=PackageLoader("waarborg.statement", "templates"),
        autoescape=fmt == "html",  # noqa: S701  (Markdown is escaped by its own macros)
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
        # Compiling the templates takes ~150 ms; the per-user cache in the temp
        # directory makes every later process (a CLI call) start in a few ms.
        # One cache per format: the compiled code depends on autoescaping.
        bytecode_cache=FileSystemBytecodeCache(pattern=f"__waarborg_statement_{fmt}_%s.cache"),
    )
    env.filters["md"] = md_escape
    env.filters["md_raw"] = md_raw
    env.globals["fmt"] = fmt
    return env


@cache
def _template(fmt: Format, name: str) -> Template:
    return environment(fmt).get_template(name)


def check_language(register: Register, lang: str) -> None:
    """The statement exists only in the languages the register is published in."""
    if lang not in STATEMENT_LANGUAGES or lang not in register.statement.languages:
        raise InputError.translatable(
            N_("the statement is published in {languages}, not in {lang!r}"),
            {"languages": ", ".join(register.statement.languages), "lang": lang},
            field="lang",
            allowed=register.statement.languages,
        )


def check_format(fmt: str) -> Format:
    if fmt not in FORMATS:
        raise InputError.translatable(
            N_("unknown statement format {value!r}"),
            {"value": fmt},
            field="format",
            allowed=FORMATS,
        )
    return fmt


def render_statement(register: Register, lang: str = "nl", fmt: str = "html") -> RenderedStatement:
    """The privacy statement of ``register`` in ``lang`` as HTML or Markdown."""
    check_language(register, lang)
    chosen = check_format(fmt)
    view = StatementView(register, lang)
    context = {"register": register, "view": view, "lang": lang}
    module = _template(chosen, f"{lang}/statement.j2").make_module(context)
    body = _tidy(str(module))
    title = str(getattr(module, "title", "")).strip()
    if chosen == "md":
        return RenderedStatement(lang, chosen, title, body, body)
    safe_body = Markup(body)  # noqa: S704  (autoescaped output of our own template)
    page = _template(chosen, "_page.html.j2").render(
        lang=lang, title=title, body=safe_body, words=_words(chosen, lang)
    )
    return RenderedStatement(lang, chosen, title, body, page)


def _words(fmt: Format, lang: str) -> Any:
    return _template(fmt, f"{lang}/_words.j2").make_module({})


def _tidy(text: str) -> str:
    """No trailing spaces, no runs of blank lines (neither format has preformatted text)."""
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def phrases(register: Register, lang: str) -> Any:
    """The language's sentence macros as plain text, for exports (retention, basis)."""
    view = StatementView(register, lang)
    return _template("md", f"{lang}/_phrases.j2").make_module({"view": view, "lang": lang})
