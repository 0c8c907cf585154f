"""Translations for every text a person sees, through gettext catalogues.

The msgids are English; ``locale/nl/LC_MESSAGES/messages.po`` holds the Dutch.
Catalogues are read from the ``.po`` files with Babel when first needed, so
there is no compile step to forget. The statement itself is rendered from
per-language templates (``statement/templates/<lang>/``), not from here.
"""

from __future__ import annotations

import io
from functools import cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


@cache
def translations(lang: str) -> NullTranslations:
    """The catalogue for ``lang``; English falls back to the msgids themselves."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
    po_file = resources.files("waarborg") / "locale" / lang / "LC_MESSAGES" / "messages.po"
    if not po_file.is_file():
        return NullTranslations()
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def translate(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


def ntranslate(lang: str, singular: str, plural: str, n: int) -> str:
    return translations(lang).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802  (the gettext convention)
    """Marks a msgid kept in a table for extraction; translated where it is shown."""
    return message


# How tools/messages.py finds msgids: function name → index of the msgid argument.
EXTRACT_KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "N_": None,
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "translate": (2,),
    "ntranslate": (2, 3),
    "say": None,
    "warn": None,
    "Problem": (2,),
    "StatementFileError": (2,),
}


@cache
def template_environment(package: str, lang: str) -> Environment:
    """Jinja2 templates of ``package`` with ``{{ _("...") }}`` bound to ``lang``'s catalogue.

    One definition, so every page, report and package escapes and translates alike.
    """
    env = Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env
