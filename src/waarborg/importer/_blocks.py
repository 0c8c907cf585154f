"""Plain text → blocks (headings, paragraphs, list items) and blocks → sentences.

Published statements reach us copied from web pages, PDFs and word processors, so
the text is untidy: sentences broken over lines or even paragraphs, bullets glued
to the previous item ("wachtwoord- Wij nemen"), Markdown bold around labels, odd
spaces. Headings are not marked in plain text; we recognise them the way a reader
does: a short line without a full stop, a line in capitals, or a numbered line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "para", "item"]

_BULLET = re.compile(r"^\s*(?:[-•*–·▪●]|\d{1,2}[.)](?=\s+[a-z]))\s+")
_NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[IVX]{1,4}\.)\s+(?=[A-Z])")
_GLUED_BULLET = re.compile(r"(?<=[a-z0-9)])-\s+(?=[A-Z])")
_TERMINAL = ".,;:!"
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DATE_LINE = re.compile(rf"^\s*(\d{{1,2}}\s+)?({_MONTHS})\s+\d{{4}}\s*$", re.IGNORECASE)
# fmt: off
_ABBREVIATIONS = frozenset((
    "b.v", "bv", "n.v", "nv", "v.o.f", "vof", "h.o.d.n", "bijv", "o.a", "e.d", "i.v.m",
    "m.b.t", "d.w.z", "incl", "excl", "ca", "art", "nr", "t.a.v", "z.s.m", "a.u.b", "evt",
    "resp", "enz", "etc", "mr", "dhr", "mevr", "st", "tel",
))
# fmt: on
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")


@dataclass
class Block:
    """One heading, paragraph or list item, with the source line it starts on."""

    kind: BlockKind
    text: str
    line: int
    level: int = 0
    lines: list[str] = field(default_factory=list)


def clean(text: str) -> str:
    """Undo what copying does to text: odd spaces, Markdown bold, <url> brackets."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00a0\u2007\u202f\t]", " ", text)
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    text = re.sub(r"\*\*([^*\n]+)\*\*", r"\1", text)
    return re.sub(r"<((?:https?://|www\.)[^>\s]+)>", r"\1", text)


def text_blocks(text: str) -> list[Block]:
    """Blocks of a plain-text statement."""
    paragraphs = _paragraphs(clean(text))
    blocks: list[Block] = []
    for line_no, lines in paragraphs:
        blocks.extend(_paragraph_blocks(line_no, lines))
    return finish(blocks)


def _paragraphs(text: str) -> list[tuple[int, list[str]]]:
    found: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.strip():
            if not current:
                start = number
            current.append(raw.rstrip())
        elif current:
            found.append((start, current))
            current = []
    if current:
        found.append((start, current))
    return found


def _paragraph_blocks(line_no: int, lines: list[str]) -> list[Block]:
    """Split a paragraph into items where lines start with a bullet; join the rest."""
    blocks: list[Block] = []
    for offset, raw in enumerate(lines):
        bullet = _BULLET.match(raw)
        if bullet:
            indent = len(raw) - len(raw.lstrip())
            blocks.append(Block("item", raw[bullet.end() :].strip(), line_no + offset, indent))
            blocks[-1].lines.append(raw.strip())
        elif blocks and not _starts_new_line(blocks[-1], raw):
            blocks[-1].text = f"{blocks[-1].text} {raw.strip()}"
            blocks[-1].lines.append(raw.strip())
        else:
            blocks.append(Block("para", raw.strip(), line_no + offset, lines=[raw.strip()]))
    return blocks


def _starts_new_line(previous: Block, raw: str) -> bool:
    """Address blocks keep their lines apart; wrapped prose is joined."""
    if previous.kind == "item":
        return False
    return _looks_like_contact_line(raw) or _looks_like_contact_line(previous.lines[-1])


def _looks_like_contact_line(line: str) -> bool:
    stripped = line.strip()
    if "@" in stripped or re.search(r"\d{4}\s?[A-Z]{2}\b", stripped):
        return True
    return len(stripped) < 45 and not stripped.endswith((".", ",")) and len(stripped.split()) <= 5


def finish(blocks: list[Block]) -> list[Block]:
    """Steps every source format shares: rejoin broken sentences, find headings."""
    joined = _join_broken(blocks)
    result: list[Block] = []
    for index, block in enumerate(joined):
        following = joined[index + 1] if index + 1 < len(joined) else None
        if block.kind == "para" and _is_label(block.text, following):
            block.kind = "heading"
        if block.kind == "item" and _GLUED_BULLET.search(block.text):
            for part in _GLUED_BULLET.split(block.text):
                result.append(Block("item", part.strip(), block.line, block.level, [part]))
            continue
        if block.kind == "para" and is_heading_text(block.text):
            block.kind = "heading"
        if block.kind == "heading":
            block.level = block.level or _heading_level(block.text)
            block.text = _NUMBERED_HEADING.sub("", block.text).strip().rstrip(":")
        result.append(block)
    return result


def _join_broken(blocks: list[Block]) -> list[Block]:
    """A paragraph that stops mid-sentence continues in the next one (PDF page breaks)."""
    result: list[Block] = []
    for block in blocks:
        previous = result[-1] if result else None
        if (
            previous is not None
            and previous.kind == block.kind == "para"
            and block.text[:1].islower()
            and not previous.text.rstrip().endswith(tuple(_TERMINAL + "?"))
            and len(previous.text.split()) > 8
        ):
            previous.text = f"{previous.text} {block.text}"
            previous.lines.extend(block.lines)
            continue
        result.append(block)
    return result


def _is_label(text: str, following: Block | None) -> bool:
    """'Contactgegevens:' on a line of its own, not introducing a list, is a heading."""
    words = text.split()
    return (
        text.endswith(":")
        and len(words) <= 3
        and text[:1].isupper()
        and (following is None or following.kind != "item")
    )


def is_heading_text(text: str) -> bool:
    """A line a reader takes for a heading: short, no full stop, or in capitals."""
    stripped = text.strip()
    letters = [c for c in stripped if c.isalpha()]
    if not letters or "@" in stripped or re.search(r"https?://|www\.", stripped):
        return False
    if _DATE_LINE.match(stripped) or _looks_like_address(stripped):
        return False
    if len(letters) > 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return len(stripped.split()) <= 16
    if _NUMBERED_HEADING.match(stripped):
        return len(stripped.split()) <= 13 and not stripped.endswith(tuple(_TERMINAL))
    words = stripped.split()
    return (
        stripped[0].isupper()
        and len(words) <= 12
        and len(stripped) <= 90
        and not stripped.endswith(tuple(_TERMINAL))
    )


def _looks_like_address(text: str) -> bool:
    return bool(
        re.search(r"\b\d{1,5}\s?[a-zA-Z]?$", text)
        or re.search(r"\b\d{4}\s?[A-Z]{2}\b", text)
        or re.fullmatch(r"[+()\d\s.-]{8,}", text)
    )


def _heading_level(text: str) -> int:
    number = re.match(r"^(\d{1,2}(?:\.\d{1,2})*)", text)
    return 2 + number.group(1).count(".") if number else 2


def split_sentences(text: str) -> list[str]:
    """Sentences of one block; abbreviations such as 'B.V.' and 'bijv.' do not end one."""
    pieces = _SENTENCE_END.split(text.strip())
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _ends_with_abbreviation(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return [s.strip() for s in sentences if s.strip()]


def _ends_with_abbreviation(sentence: str) -> bool:
    """'B.V.', 'bijv.', 'o.a.' and initials ('J.') end no sentence; 'met u.' does."""
    word = sentence.rstrip().rsplit(" ", 1)[-1].rstrip(".")
    last = word.lower()
    dotted = re.fullmatch(r"[a-z](?:\.[a-z])+", last)
    return last in _ABBREVIATIONS or bool(dotted) or bool(re.fullmatch(r"[A-Z]", word))
