"""Reading rendered statements the way a reader (or a screen reader) would."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from waarborg.register import Register, load_register

ROOT = Path(__file__).resolve().parents[2]


@cache
def example(company: str) -> Register:
    return load_register(ROOT / "examples" / company / "register.yaml")


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def section_text(html: str, section_id: str) -> str:
    """The visible text of one section (an activity is ``activity-<id>``), one line."""
    found = soup(html).find(id=section_id)
    assert isinstance(found, Tag), f"no section #{section_id}"
    return " ".join(found.get_text(" ").split())


def fact(html: str, section_id: str, term: str) -> str:
    """The text of one fact (``<dt>term</dt><dd>…</dd>``) inside a section."""
    found = soup(html).find(id=section_id)
    assert isinstance(found, Tag), f"no section #{section_id}"
    for dt in found.find_all("dt"):
        if dt.get_text(strip=True) == term:
            dd = dt.find_next_sibling("dd")
            assert isinstance(dd, Tag)
            return " ".join(dd.get_text(" ").split())
    return ""
