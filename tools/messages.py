"""Extract every translatable msgid and merge new ones into the Dutch catalogue.

Run ``python -m tools.messages`` after adding texts; then fill in the empty
``msgstr`` entries in ``src/waarborg/locale/nl/LC_MESSAGES/messages.po``.
``tests/test_i18n.py`` fails while any msgid lacks a Dutch translation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from waarborg.i18n import EXTRACT_KEYWORDS

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "waarborg"
NL_PO = SOURCE / "locale" / "nl" / "LC_MESSAGES" / "messages.po"

# Web templates use {{ _("...") }}; statement templates are per language and excluded.
METHODS = [
    ("**/statement/templates/**", "ignore"),
    ("**.py", "python"),
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.txt", "jinja2"),
]


def extract() -> dict[str, list[str]]:
    """msgid → the places it is used."""
    found: dict[str, list[str]] = {}
    keywords = {k: v for k, v in EXTRACT_KEYWORDS.items()}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        SOURCE,
        method_map=METHODS,
        keywords=keywords,
        options_map={"**/templates/**": {"extensions": "jinja2.ext.i18n"}},
    ):
        ids = message if isinstance(message, tuple) else (message,)
        for msgid in ids:
            if msgid:
                found.setdefault(msgid, []).append(f"{filename}:{lineno}")
    return found


def read_catalog() -> Catalog:
    with NL_PO.open("rb") as handle:
        return read_po(handle, locale="nl")


def main() -> int:
    catalog = read_catalog() if NL_PO.exists() else Catalog(locale="nl", project="waarborg")
    added = 0
    for msgid, places in sorted(extract().items()):
        if msgid not in catalog:
            catalog.add(msgid, "", locations=[(p.rsplit(":", 1)[0], 0) for p in places[:1]])
            added += 1
    NL_PO.parent.mkdir(parents=True, exist_ok=True)
    with NL_PO.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=True, no_location=True)
    missing = [m.id for m in catalog if m.id and not m.string]
    print(f"{added} new msgid(s); {len(missing)} without a Dutch translation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
